import { combineReducers, configureStore } from "@reduxjs/toolkit";

// The application's store, exposed as state/store; every container adds its reducer to it.
const store = configureStore({ reducer: {} });

const dynamicReducers: any = {};

const addReducer = (name: string, reducer: any) => {
  dynamicReducers[name] = reducer;
  store.replaceReducer(combineReducers({ ...dynamicReducers }));
};

export { store, addReducer };
