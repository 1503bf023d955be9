import HomeHero from '../components/HomeHero';

export default function ContentHome() {
  return <HomeHero />;
}
