import BeautyCare from '../components/BeautyCare';

/** The catalogue, when Products runs on its own. */
export default function ProductsHome() {
  return <BeautyCare />;
}
