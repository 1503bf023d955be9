export default function Nav() { return <nav>home</nav>; }
