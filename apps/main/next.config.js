// The host. Its federation, API proxy and build settings come from federation.json.
const { nextAppConfig } = require('@myapp/federation/next');

// remoteLoader: the module that loads every remote module, replaced in the monolith build.
module.exports = nextAppConfig('main', { remoteLoader: 'components/federationRuntime.ts' });
