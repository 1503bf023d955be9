// The Auth remote: everything, including its federation options, comes from federation.json.
const { reactRemoteWebpackConfig } = require('@myapp/federation/webpack');

module.exports = reactRemoteWebpackConfig('auth', __dirname);
