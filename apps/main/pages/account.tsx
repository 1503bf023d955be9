import Link from 'next/link';
import { useRouter } from 'next/router';
import { resetAll, selectIsLoggedIn, selectUser, useAppDispatch, useAppSelector } from '@myapp/store';

/** The signed-in person's summary and logout (the Account remote takes this page over later). */
export default function AccountPage() {
  const dispatch = useAppDispatch();
  const router = useRouter();
  const isLoggedIn = useAppSelector(selectIsLoggedIn);
  const user = useAppSelector(selectUser);

  if (!isLoggedIn) {
    return (
      <section>
        <h1>Account</h1>
        <p>
          You are not signed in. <Link href="/login">Log in</Link>
        </p>
      </section>
    );
  }
  return (
    <section>
      <h1>Account</h1>
      <dl className="details">
        <dt>Name</dt>
        <dd>{user.name || '—'}</dd>
        <dt>Mobile</dt>
        <dd data-testid="account-phone">{user.phoneNumber ?? '—'}</dd>
        <dt>Email</dt>
        <dd>{user.email || '—'}</dd>
      </dl>
      <button
        type="button"
        data-testid="logout"
        onClick={() => {
          dispatch(resetAll());
          void router.push('/');
        }}
      >
        Log out
      </button>
    </section>
  );
}
