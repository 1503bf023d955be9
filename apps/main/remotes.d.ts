// Modules the host loads from its remotes at runtime (see federation.json).
declare module 'auth/Login' {
  import type { ComponentType } from 'react';
  const Login: ComponentType<{ onNavigate?: (path: string) => void }>;
  export default Login;
}
declare module 'auth/OTPVerify' {
  import type { ComponentType } from 'react';
  const OTPVerify: ComponentType<{ mobile?: string; onVerified?: () => void }>;
  export default OTPVerify;
}
declare module 'products/BeautyCare' {
  import type { ComponentType } from 'react';
  const BeautyCare: ComponentType<Record<string, never>>;
  export default BeautyCare;
}
declare module 'products/ProductCard' {
  import type { ComponentType } from 'react';
  const ProductCard: ComponentType<{ id: string; name: string; price: number; image: string }>;
  export default ProductCard;
}
declare module 'products/ProductDetailPage' {
  import type { ComponentType } from 'react';
  const ProductDetailPage: ComponentType<{ productId: string }>;
  export default ProductDetailPage;
}
