import App from 'next/app';
import Nav from '../components/nav';

function HomeApp({ Component, pageProps }) {
  return (
    <>
      <Nav />
      <Component {...pageProps} />
    </>
  );
}

HomeApp.getInitialProps = async (context) => App.getInitialProps(context);

export default HomeApp;
