// The host. Its federation, API proxy and build settings come from federation.json.
const { nextAppConfig } = require('@myapp/federation/next');

module.exports = nextAppConfig('main');
