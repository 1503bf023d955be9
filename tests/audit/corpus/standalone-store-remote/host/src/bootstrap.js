import React, { Suspense } from 'react';
import ReactDOM from 'react-dom';
import { Provider } from 'react-redux';
import Counter from './components/Counter';
import { store } from './store';

// The remote's container, initialised with this build's share scope.
const dynamicFederation = async (scope, module) => {
  const container = window[scope];
  await container.init(__webpack_share_scopes__.default);
  return container.get(module).then((factory) => factory());
};

const MFE1 = React.lazy(() => dynamicFederation('mfe1', './MFE1'));

const App = () => (
  <Provider store={store}>
    <Counter />
    <Suspense fallback="Loading...">
      <MFE1 store={store} />
    </Suspense>
  </Provider>
);

ReactDOM.render(<App />, document.getElementById('root'));
