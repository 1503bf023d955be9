import { createStore } from "redux";
import { composeWithDevTools } from "redux-devtools-extension";

function cart(state = { items: [] }, action) {
  switch (action.type) {
    case "CART/ADD_TO_CART":
      return { ...state, items: [...state.items, action.payload.item] };
    case "CART/REMOVE_FROM_CART":
      return { ...state, items: state.items.filter((item) => item.id !== action.payload.itemId) };
    default:
      return state;
  }
}

// Svelte's store contract: subscribe calls the listener at once, then on every change.
const svelteReadable = (createStoreApi) => (reducer, initial) => {
  const store = createStoreApi(reducer, initial);
  return {
    ...store,
    subscribe(listener) {
      listener(store.getState());
      return store.subscribe(() => listener(store.getState()));
    },
  };
};

export default createStore(cart, composeWithDevTools(svelteReadable));
