import HeaderA from "../components/HeaderA";

export default function Home() {
  return <HeaderA />;
}
