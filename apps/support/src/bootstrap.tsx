import { startStandalone } from '@myapp/shell';
import SupportPage from './components/SupportPage';

startStandalone(SupportPage);
