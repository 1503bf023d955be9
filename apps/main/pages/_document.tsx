import { shopDocument } from '@myapp/shell/document';

export default shopDocument('/favicon.ico');
