import ClientReduxProvider from './components/ClientReduxProvider';
import CartPage from './components/CartPage';

/** The remote on its own, for development: its own provider around what the host would mount. */
export default function StandaloneApp() {
  return (
    <ClientReduxProvider>
      <main style={{ maxWidth: '56rem', margin: '2rem auto', padding: '0 1rem' }}>
        <CartPage />
      </main>
    </ClientReduxProvider>
  );
}
