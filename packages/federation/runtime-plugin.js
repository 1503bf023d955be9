'use strict';
/**
 * The federation's runtime policy, a Module Federation runtime plugin in every browser build.
 *
 * - nextjs-mf answers a remote that failed to load (offline, or refused by the strict version
 *   contract) with a stand-in component that renders nothing and only logs "offline": the slot
 *   stays empty and nobody is told why. Rethrowing the original error lets the host's error
 *   boundary show the failure, with the runtime's own message, in the remote's slot.
 * - nextjs-mf's own runtime plugin (registered before this one) appends `?t=<Date.now()>` to every
 *   remote's entry URL in `beforeRequest` (module-federation/core PR #2232, for stale entries:
 *   core#2208), so no entry is ever cached. Our servers send `no-cache` with an ETag on entries
 *   instead, so a browser revalidates each entry (304 when unchanged) and never runs a stale
 *   one. `beforeRequest` is a waterfall hook that runs plugins in registration order: this
 *   plugin takes the timestamp back out before the entry is fetched.
 */
const CACHE_BUSTER = /([?&])t=\d+(&|$)/;

/** The entry URL without nextjs-mf's `t=<timestamp>` parameter (other parameters kept). */
function withoutCacheBuster(entry) {
  return entry.replace(CACHE_BUSTER, (_match, before, after) => (after ? before : '')).replace(/[?&]$/, '');
}

function federationRuntimePolicy() {
  return {
    name: 'myapp-federation-runtime-policy',
    beforeRequest(args) {
      for (const remote of args.options.remotes) {
        if (typeof remote.entry === 'string') remote.entry = withoutCacheBuster(remote.entry);
      }
      return args;
    },
    errorLoadRemote({ error }) {
      throw error;
    },
  };
}

module.exports = federationRuntimePolicy;
module.exports.withoutCacheBuster = withoutCacheBuster;
