import { combineReducers, createStore } from 'redux';

const host = (state = { appName: 'host' }) => state;

function reducerWith(injected) {
  return combineReducers({ host, ...injected });
}

// The host's store: remotes get it as a prop and add their reducers to it.
export default function configureStore() {
  const store = createStore(reducerWith({}));
  store.injected = {};
  store.injectReducer = (key, reducer) => {
    store.injected[key] = reducer;
    store.replaceReducer(reducerWith(store.injected));
  };
  return store;
}

export const store = configureStore();
