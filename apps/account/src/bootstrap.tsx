import { startStandalone } from '@myapp/shell';
import AccountPage from './components/AccountPage';

startStandalone(AccountPage);
