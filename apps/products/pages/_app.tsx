import type { AppProps } from 'next/app';
import dynamic from 'next/dynamic';
import { StandaloneNextApp, UntilTheStore } from '@myapp/shell/next-app';

// Standalone development only (inside the host, the host's provider is up the tree): the store
// exists only in the browser, so its provider is loaded client-side only, as in the host.
const ShopProvider = dynamic(() => import('@myapp/shell').then((shell) => shell.ShopProvider), {
  ssr: false,
  loading: UntilTheStore,
});

export default function ProductsApp(app: AppProps) {
  return <StandaloneNextApp name="Products" app={app} width="72rem" provide={(page) => <ShopProvider>{page}</ShopProvider>} />;
}
