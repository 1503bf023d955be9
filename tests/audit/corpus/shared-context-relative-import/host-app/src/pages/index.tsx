import React from "react";
import { NameContextProvider } from "shared-library";

const HeaderA = React.lazy(() => import("remote/HeaderA"));

export default function Home() {
  return (
    <NameContextProvider.Provider value="someone">
      <React.Suspense fallback="...">
        <HeaderA />
      </React.Suspense>
    </NameContextProvider.Provider>
  );
}
