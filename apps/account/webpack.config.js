// The Account remote: everything, including its federation options, comes from federation.json.
const { reactRemoteWebpackConfig } = require('@myapp/federation/webpack');

module.exports = reactRemoteWebpackConfig('account', __dirname);
