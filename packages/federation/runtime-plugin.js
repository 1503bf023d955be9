'use strict';
/**
 * The federation's runtime policy, a Module Federation runtime plugin in every browser build.
 *
 * nextjs-mf answers a remote that failed to load (offline, or refused by the strict version
 * contract) with a stand-in component that renders nothing and only logs "offline": the slot
 * stays empty and nobody is told why. Rethrowing the original error lets the host's error
 * boundary show the failure, with the runtime's own message, in the remote's slot.
 */
module.exports = function federationRuntimePolicy() {
  return {
    name: 'myapp-federation-runtime-policy',
    errorLoadRemote({ error }) {
      throw error;
    },
  };
};
