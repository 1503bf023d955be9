import { shopDocument } from '@myapp/shell/document';

export default shopDocument('/content/favicon.ico');
