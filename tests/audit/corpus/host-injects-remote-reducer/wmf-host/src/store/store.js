import { combineReducers, compose, createStore } from "redux";

const staticReducers = { host: (state = { appName: "host" }) => state };

function rootReducer(injected) {
  return combineReducers({ ...staticReducers, ...injected });
}

export default function configureStore() {
  const enhance =
    typeof window === "object" && window.__REDUX_DEVTOOLS_EXTENSION_COMPOSE__
      ? window.__REDUX_DEVTOOLS_EXTENSION_COMPOSE__({})
      : compose;
  const store = createStore(rootReducer(), enhance());
  store.asyncReducers = {};
  store.injectReducer = (key, reducer) => {
    store.asyncReducers[key] = reducer;
    store.replaceReducer(rootReducer(store.asyncReducers));
  };
  return store;
}

export const store = configureStore();
