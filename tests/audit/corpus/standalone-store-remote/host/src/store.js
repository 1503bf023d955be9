import { combineReducers, compose, createStore } from 'redux';

export const UPDATE_COUNT = 'GLOBAL/UPDATE_COUNT';

const hostReducer = (state = { count: 0 }, action) =>
  action.type === UPDATE_COUNT ? { ...state, count: state.count + action.payload } : state;

const staticReducers = { host: hostReducer };

function createReducer(asyncReducers) {
  return combineReducers({ ...staticReducers, ...asyncReducers });
}

// The application's store; remotes inject their reducers into it.
export default function configureStore() {
  const composeEnhancers =
    typeof window === 'object' && window.__REDUX_DEVTOOLS_EXTENSION_COMPOSE__
      ? window.__REDUX_DEVTOOLS_EXTENSION_COMPOSE__({})
      : compose;
  const store = createStore(createReducer(), composeEnhancers());
  store.asyncReducers = {};
  store.injectReducer = (key, reducer) => {
    store.asyncReducers[key] = reducer;
    store.replaceReducer(createReducer(store.asyncReducers));
  };
  return store;
}

export const store = configureStore();

export const actions = { updateCount: (by) => ({ type: UPDATE_COUNT, payload: by }) };
export const selectors = { getCount: (state) => state.host.count };
