// The Cart remote: everything, including its federation options, comes from federation.json.
const { reactRemoteWebpackConfig } = require('@myapp/federation/webpack');

module.exports = reactRemoteWebpackConfig('cart', __dirname);
