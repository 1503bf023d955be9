import React, { Suspense, lazy } from 'react';
import { useSelector } from 'react-redux';
import { store } from '../store';

// @ts-expect-error a federated module
const RemoteApp1 = lazy(() => import('app1/App1Home'));

export default function Home() {
  const title = useSelector((state: { host: { title: string } }) => state.host.title);
  return (
    <main>
      <h1>{title}</h1>
      <Suspense fallback="Loading app1...">
        <RemoteApp1 store={store} />
      </Suspense>
    </main>
  );
}
