import SupportPage from './components/SupportPage';

/** The remote on its own, for development: the shell's provider (bootstrap.tsx) around what the host would mount. */
export default function StandaloneApp() {
  return (
    <main style={{ maxWidth: '56rem', margin: '2rem auto', padding: '0 1rem' }}>
      <SupportPage />
    </main>
  );
}
