import React from 'react';
import ReactDOM from 'react-dom';
import { Provider } from 'react-redux';
import MFE1 from './MFE1';
import store from './store';

// mfe1 opened on its own (http://localhost:3002): it needs a store of its own.
ReactDOM.render(
  <Provider store={store}>
    <MFE1 />
  </Provider>,
  document.getElementById('root'),
);
