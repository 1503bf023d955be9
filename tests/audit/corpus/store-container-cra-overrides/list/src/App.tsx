import { Provider } from "react-redux";
import store from "store/store";

// The store container's one store, not one of the list's own.
export default function App() {
  return <Provider store={store as any}>{null}</Provider>;
}
