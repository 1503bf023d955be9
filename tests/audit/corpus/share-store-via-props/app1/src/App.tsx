import { Provider } from 'react-redux';
import Home from './pages/Home';
import { store } from './store';

// app1 on its own: its own store and Provider. The host imports app1/App1Home, never this.
export default function App() {
  return (
    <Provider store={store}>
      <Home />
    </Provider>
  );
}
