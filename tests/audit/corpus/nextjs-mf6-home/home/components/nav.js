import Link from 'next/link';

export default function Nav() {
  return (
    <nav>
      <Link href="/">Home</Link> <Link href="/shop">Shop</Link> <Link href="/checkout">Checkout</Link>
    </nav>
  );
}
