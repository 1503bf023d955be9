// Modules the host loads from its remotes at runtime (see federation.json).
type Navigate = { onNavigate?: (path: string) => void };

declare module 'auth/Login' {
  const Login: import('react').ComponentType<Navigate>;
  export default Login;
}
declare module 'auth/OTPVerify' {
  const OTPVerify: import('react').ComponentType<{ mobile?: string; onVerified?: () => void }>;
  export default OTPVerify;
}
declare module 'products/BeautyCare' {
  const BeautyCare: import('react').ComponentType;
  export default BeautyCare;
}
declare module 'products/ProductCard' {
  const ProductCard: import('react').ComponentType<{ id: string; name: string; price: number; image: string }>;
  export default ProductCard;
}
declare module 'products/ProductDetailPage' {
  const ProductDetailPage: import('react').ComponentType<{ productId: string }>;
  export default ProductDetailPage;
}
declare module 'content/FAQ' {
  const FAQ: import('react').ComponentType;
  export default FAQ;
}
declare module 'content/HomeHero' {
  const HomeHero: import('react').ComponentType;
  export default HomeHero;
}
declare module 'cart/CartPage' {
  const CartPage: import('react').ComponentType<Navigate>;
  export default CartPage;
}
declare module 'account/AccountPage' {
  const AccountPage: import('react').ComponentType<Navigate>;
  export default AccountPage;
}
declare module 'support/SupportPage' {
  const SupportPage: import('react').ComponentType;
  export default SupportPage;
}
