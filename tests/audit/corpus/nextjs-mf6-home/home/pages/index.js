import dynamic from 'next/dynamic';

// Remote modules load in the browser only, as in the sample.
const RemoteTitle = dynamic(() => import('checkout/title'), { ssr: false });
const useCustomHook = process.browser ? require('shop/customHook').default : () => undefined;

export default function Home() {
  useCustomHook();
  return (
    <main>
      <RemoteTitle />
      <h1>home</h1>
    </main>
  );
}

Home.getInitialProps = async () => ({});
