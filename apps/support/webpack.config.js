// The Support remote: everything, including its federation options, comes from federation.json.
const { reactRemoteWebpackConfig } = require('@myapp/federation/webpack');

module.exports = reactRemoteWebpackConfig('support', __dirname);
