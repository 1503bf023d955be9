'use strict';
/**
 * The federation's runtime policy on the server side of a Next app (a Module Federation runtime
 * plugin in every Next server build).
 *
 * nextjs-mf answers a remote that failed to load with a stand-in component that renders nothing.
 * webpack then keeps that stand-in as the remote module for the life of the process: a remote that
 * was down once (at the host's start, say) would render empty on the server until the host
 * restarts, and the browser, which loads the real component, would find a different HTML
 * (hydration error). Rethrowing the original error instead lets the host's server decide per
 * request (apps/main/components/serverRemotes.ts): the slot renders client-side this time, and
 * the next request loads the remote again.
 */
function federationServerRuntimePolicy() {
  return {
    name: 'myapp-federation-server-runtime-policy',
    errorLoadRemote({ error }) {
      throw error;
    },
  };
}

module.exports = federationServerRuntimePolicy;
