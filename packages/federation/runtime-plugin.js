'use strict';
/**
 * A Module Federation runtime plugin for the browser side of Next apps.
 *
 * nextjs-mf answers a remote that failed to load (offline, or refused by the strict version
 * contract) with a stand-in component that renders nothing, and only logs "offline". The slot
 * then stays empty with no reason given. Rethrowing the original error lets the host's error
 * boundary show the failure, with the runtime's own message, in the remote's slot.
 */
module.exports = function surfaceRemoteErrors() {
  return {
    name: 'myapp-surface-remote-errors',
    errorLoadRemote({ error }) {
      throw error;
    },
  };
};
