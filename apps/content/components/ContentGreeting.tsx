import {
  selectIsLoggedIn,
  selectOpenTicketCount,
  selectPhoneNumber,
  selectTotalCartItems,
  selectUserName,
  useAppSelector,
} from '@myapp/store';

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The one user-specific line of the Content pages, read from the shared store. It is loaded
 * client-only (see UserGreeting), so the server's HTML never contains it.
 */
export default function ContentGreeting() {
  const isLoggedIn = useAppSelector(selectIsLoggedIn);
  const name = useAppSelector(selectUserName);
  const phoneNumber = useAppSelector(selectPhoneNumber);
  const cartItems = useAppSelector(selectTotalCartItems);
  const openTickets = useAppSelector(selectOpenTicketCount);
  const who = name || phoneNumber;
  return (
    <p data-testid="content-greeting" data-signed-in={isLoggedIn ? 'true' : 'false'} style={{ fontWeight: 600 }}>
      {isLoggedIn
        ? `Signed in${who ? ` as ${who}` : ''}: ${count(cartItems, 'item', 'items')} in your cart, ` +
          `${count(openTickets, 'open support ticket', 'open support tickets')}.`
        : 'Sign in with your mobile number to see your cart and your support tickets here.'}
    </p>
  );
}
