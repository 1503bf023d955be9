import React, { Suspense } from 'react';
import ReactDOM from 'react-dom';
import { Provider } from 'react-redux';
import { store } from './store';

async function load(scope, module) {
  const container = window[scope];
  await container.init(__webpack_share_scopes__.default);
  const factory = await container.get(module);
  return factory();
}

const RemoteApp = React.lazy(() => load('app2', './RemoteApp'));

ReactDOM.render(
  <Provider store={store}>
    <Suspense fallback="Loading...">
      <RemoteApp store={store} />
    </Suspense>
  </Provider>,
  document.getElementById('root'),
);
