import React, { Suspense } from "react";
import { Provider } from "react-redux";
import { BrowserRouter, Navigate, Route, Routes } from "react-router-dom";
import MainLayout from "./components/MainLayout/MainLayout";
import { AuthContextProvider } from "./context/AuthContext";

import { store } from "state/store";

const HostMain = React.lazy(() => import("./pages/HostMain/HostMain"));
const App1 = React.lazy(() => import("app1/App1"));

export default function App() {
  return (
    <Provider store={store}>
      <BrowserRouter>
        <AuthContextProvider>
          <MainLayout>
            <Suspense fallback={<div>LOADING...</div>}>
              <Routes>
                <Route path="/" element={<HostMain />} />
                <Route path="/admin/*" element={<App1 />} />
                <Route path="*" element={<Navigate to="/" replace />} />
              </Routes>
            </Suspense>
          </MainLayout>
        </AuthContextProvider>
      </BrowserRouter>
    </Provider>
  );
}
