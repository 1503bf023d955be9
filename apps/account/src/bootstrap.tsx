import { startStandalone } from '@myapp/shell';
import StandaloneApp from './StandaloneApp';

startStandalone(StandaloneApp);
