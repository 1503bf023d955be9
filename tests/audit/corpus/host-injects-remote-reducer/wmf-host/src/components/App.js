import React, { Suspense } from "react";
import { Provider } from "react-redux";
import { store } from "../store/store";

const DashboardWidget = React.lazy(() => import("autoruApp/DashboardWidget"));

// A reducer of the other team's container, added to the one store when it arrives.
import("autoruApp/clientReducer").then((module) => {
  store.injectReducer("client", module.default);
});

export default function App() {
  return (
    <Provider store={store}>
      <Suspense fallback="...">
        <DashboardWidget />
      </Suspense>
    </Provider>
  );
}
