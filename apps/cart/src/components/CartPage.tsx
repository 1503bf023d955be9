import { useEffect, useRef, useState } from 'react';
import {
  toApiError,
  useApplyCouponMutation,
  useClearCartMutation,
  useDeleteCartItemMutation,
  useReadCartQuery,
  useRemoveCouponMutation,
  useSelectAllCartItemsMutation,
  useUpdateCartItemMutation,
} from '@myapp/api';
import { selectCartItems, selectCoupon, selectIsLoggedIn, useAppSelector } from '@myapp/store';
import { Alert, LoadFailed, LoginLink, ShopLink, type Navigate } from '@myapp/shell';
import CartLine from './CartLine';
import CartSummary from './CartSummary';
import CouponForm from './CouponForm';

export interface CartPageProps {
  /** The host's router ('/login', '/products'); without it (standalone) the links navigate normally. */
  onNavigate?: Navigate;
}

/**
 * The cart page (exposed to the host at /cart). The lines come from the shared store, which
 * follows every answer of the server; the totals are the server's own. Renders no Provider: the
 * host's (or the standalone entry's) is up the tree.
 */
export default function CartPage({ onNavigate }: CartPageProps) {
  const isLoggedIn = useAppSelector(selectIsLoggedIn);
  const items = useAppSelector(selectCartItems);
  const coupon = useAppSelector(selectCoupon);
  // The cart the host already read is not read again; the lines come from the cart slice, which
  // every answer of a cart endpoint feeds, the totals from the cached answer itself.
  const cart = useReadCartQuery(undefined, { skip: !isLoggedIn });
  const totals = cart.data?.totals ?? null;
  const loading = cart.isFetching && !cart.data;
  const [updateCartItem] = useUpdateCartItemMutation();
  const [deleteCartItem] = useDeleteCartItemMutation();
  const [selectAllCartItems] = useSelectAllCartItemsMutation();
  const [applyCoupon] = useApplyCouponMutation();
  const [removeCoupon] = useRemoveCouponMutation();
  const [clearCart] = useClearCartMutation();
  const [problem, setProblem] = useState<{ where: 'cart' | 'coupon'; message: string } | null>(null);
  const [pending, setPending] = useState(0);

  const allSelected = items.length > 0 && items.every((item) => item.selected);
  const someSelected = items.some((item) => item.selected);
  const selectAllBox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAllBox.current) selectAllBox.current.indeterminate = someSelected && !allSelected;
  }, [someSelected, allSelected]);

  /**
   * Sends one change. What it shows at once, and the rollback when the server refuses, happen in
   * @myapp/api (every remote sees both); the refusal itself is shown here, where it was asked.
   */
  const send = async (request: { unwrap(): Promise<unknown> }, where: 'cart' | 'coupon' = 'cart') => {
    setProblem(null);
    setPending((count) => count + 1);
    try {
      await request.unwrap();
      return true;
    } catch (failure) {
      setProblem({ where, message: toApiError(failure).message });
      return false;
    } finally {
      setPending((count) => count - 1);
    }
  };

  const changeQuantity = (productId: string, qty: number) =>
    void send(updateCartItem({ productId, cartItemUpdate: { qty } }));
  const changeSelected = (productId: string, selected: boolean) =>
    void send(updateCartItem({ productId, cartItemUpdate: { selected } }));
  const remove = (productId: string) => void send(deleteCartItem({ productId }));
  const selectEverything = (selected: boolean) => void send(selectAllCartItems({ cartSelectAll: { selected } }));
  const applyCode = (code: string) => send(applyCoupon({ couponApply: { code } }), 'coupon');
  const dropCoupon = () => void send(removeCoupon(), 'coupon');
  const emptyCart = () => void send(clearCart());
  const couponError = problem?.where === 'coupon' ? problem.message : null;

  if (!isLoggedIn) {
    return (
      <section data-testid="cart-page">
        <h1>Your cart</h1>
        <p>
          Your cart is kept with your account.{' '}
          <LoginLink onNavigate={onNavigate} testId="cart-login">
            Log in
          </LoginLink>{' '}
          to see it.
        </p>
      </section>
    );
  }

  const errorMessage =
    problem?.where === 'cart' ? (
      <Alert testId="cart-error">{problem.message}</Alert>
    ) : (
      <LoadFailed what="Your cart" error={cart.error} onRetry={cart.refetch} testId="cart-error" />
    );

  if (totals === null) {
    return (
      <section data-testid="cart-page" aria-busy={loading}>
        <h1>Your cart</h1>
        {loading && (
          <p role="status" data-testid="cart-loading">
            Loading your cart…
          </p>
        )}
        {errorMessage}
      </section>
    );
  }

  return (
    <section data-testid="cart-page" aria-busy={pending > 0} style={{ display: 'grid', gap: '1rem' }}>
      <h1 style={{ marginBottom: 0 }}>Your cart</h1>
      {errorMessage}
      {items.length === 0 ? (
        <p data-testid="cart-empty">
          Your cart is empty.{' '}
          <ShopLink to="/products" onNavigate={onNavigate} testId="cart-browse-products">
            Browse the products
          </ShopLink>
          .
        </p>
      ) : (
        <>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            <label style={{ display: 'flex', gap: '0.5rem', alignItems: 'center' }}>
              <input
                ref={selectAllBox}
                type="checkbox"
                data-testid="cart-select-all"
                checked={allSelected}
                onChange={() => selectEverything(!allSelected)}
              />
              {allSelected ? 'Deselect all' : 'Select all'}
            </label>
            <button type="button" data-testid="cart-clear" onClick={emptyCart}>
              Empty the cart
            </button>
          </div>
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {items.map((item) => (
              <CartLine
                key={item.id}
                item={item}
                onQuantity={changeQuantity}
                onSelected={changeSelected}
                onRemove={remove}
              />
            ))}
          </ul>
          <CouponForm coupon={coupon} error={couponError} onApply={applyCode} onRemove={dropCoupon} />
          {coupon && totals.discount === 0 && (
            <p style={{ margin: 0, color: '#6b7280' }}>
              Coupon {coupon.code} takes nothing off the items selected now (see its conditions).
            </p>
          )}
          <CartSummary totals={totals} couponCode={coupon?.code ?? null} />
          {pending > 0 && (
            <p role="status" style={{ margin: 0, color: '#6b7280' }}>
              Saving…
            </p>
          )}
        </>
      )}
    </section>
  );
}
