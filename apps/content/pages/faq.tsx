import FAQ from '../components/FAQ';

/** The FAQ, when Content runs on its own. */
export default function FaqPage() {
  return <FAQ />;
}
