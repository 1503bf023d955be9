import { startStandalone } from '@myapp/shell';
import CartPage from './components/CartPage';

startStandalone(CartPage);
