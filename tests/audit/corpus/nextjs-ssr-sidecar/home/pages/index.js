export { default } from '../async-pages/index';
