import React, { Suspense } from 'react';
import ReactDOM from 'react-dom/client';
import App from './App/App';

ReactDOM.createRoot(document.getElementById('root') as HTMLElement).render(
  <Suspense fallback="...is loading">
    <App />
  </Suspense>,
);
