import ClientReduxProvider from './components/ClientReduxProvider';
import SupportPage from './components/SupportPage';

/** The remote on its own, for development: its own provider around what the host would mount. */
export default function StandaloneApp() {
  return (
    <ClientReduxProvider>
      <main style={{ maxWidth: '56rem', margin: '2rem auto', padding: '0 1rem' }}>
        <SupportPage />
      </main>
    </ClientReduxProvider>
  );
}
