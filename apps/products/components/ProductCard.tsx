'use client';
import { failureMessage, useAddCartItemMutation } from '@myapp/api';
import { Alert, ShopLink, formatMoney, goToLogin, type Navigate } from '@myapp/shell';
import { selectAccessToken, selectIsLoggedIn, useAppSelector } from '@myapp/store';

export interface ProductCardProps {
  id: string;
  name: string;
  price: number;
  image: string;
  /** The host's router (from the exposed page), for the link to the product's page. */
  onNavigate?: Navigate;
}

/** One product. Reads the login state the Auth remote wrote, and writes the cart, through the store. */
export default function ProductCard({ id, name, price, image, onNavigate }: ProductCardProps) {
  const isLoggedIn = useAppSelector(selectIsLoggedIn);
  const accessToken = useAppSelector(selectAccessToken);
  // Optimistic in every remote at once, rolled back when the server refuses (@myapp/api).
  const [addCartItem, { error }] = useAddCartItemMutation();

  const handleAddToCart = () => {
    if (!isLoggedIn) {
      // The host's /login, or the Auth remote's own page when Products runs standalone.
      goToLogin(onNavigate);
      return;
    }
    void addCartItem({ cartItemCreate: { productId: id, qty: 1 } });
  };

  return (
    <article
      className="product-card"
      data-testid="product-card"
      data-product-id={id}
      data-signed-in={isLoggedIn ? 'true' : 'false'}
      data-has-token={accessToken ? 'true' : 'false'}
      style={{ background: '#fff', borderRadius: '0.6rem', padding: '1rem', display: 'grid', gap: '0.5rem' }}
    >
      <img src={image} alt={name} width={240} height={180} style={{ width: '100%', height: 'auto' }} />
      <h3 style={{ margin: 0, fontSize: '1rem' }}>
        {/* The same path in the host and in this remote on its own (pages/[id] under /products). */}
        <ShopLink to={`/products/${encodeURIComponent(id)}`} onNavigate={onNavigate} testId="product-link">
          {name}
        </ShopLink>
      </h3>
      <p style={{ margin: 0 }}>{formatMoney(price)}</p>
      <button type="button" data-testid="add-to-cart" onClick={handleAddToCart}>
        {isLoggedIn ? 'Add to Cart' : 'Log in to buy'}
      </button>
      {error && <Alert>Not added: {failureMessage(error)}</Alert>}
    </article>
  );
}
