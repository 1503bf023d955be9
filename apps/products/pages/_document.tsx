import { shopDocument } from '@myapp/shell/document';

export default shopDocument('/products/favicon.ico');
