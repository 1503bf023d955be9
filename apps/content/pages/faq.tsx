import FAQ from '../components/FAQ';

export default function FaqPage() {
  return <FAQ />;
}
