import { selectCartItems, selectTotalCartItems, useAppSelector } from '@myapp/store';

/** The cart page (exposed to the host). Renders no Provider: the host's is up the tree. */
export default function CartPage() {
  const items = useAppSelector(selectCartItems);
  const totalItems = useAppSelector(selectTotalCartItems);
  return (
    <section data-testid="cart-page">
      <h1>Your cart</h1>
      <p>{totalItems} items</p>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            {item.name} × {item.qty}
          </li>
        ))}
      </ul>
    </section>
  );
}
