/**
 * Development only: @myapp/federation/next adds this module to the development build of every
 * Next remote, so it runs in a host page that loaded the remote's remoteEntry.js.
 *
 * Next's own hot-update client lives in the remote's own pages, not in its container entry: an
 * edit to a Next remote is rebuilt by its `next dev` and never reaches a host page. nextjs-mf
 * cannot swap a Next remote's modules into a host page in place, so this listens to the remote's
 * dev server (the `/_next/webpack-hmr` socket its own pages use) and reloads the host page when
 * the remote was rebuilt. The session (a cookie) and the cart (kept by the API) survive a reload.
 */

declare const __webpack_public_path__: string;

/** What `next dev` sends on its hot-update socket (the fields used here). */
interface HotMessage {
  action?: string;
  hash?: string;
}

export function hotSocketUrl(publicPath: string, page: string): string {
  // The remote's public path is `<its origin and base path>/_next/`.
  const url = new URL('webpack-hmr', new URL(publicPath, page));
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** Whether a message says the remote now serves another build than the page loaded. */
export function isNewBuild(message: HotMessage, loadedHash: string | undefined): boolean {
  const build = message.action === 'built' || message.action === 'sync';
  return build && !!message.hash && !!loadedHash && message.hash !== loadedHash;
}

function watchRemote(): void {
  const publicPath = __webpack_public_path__;
  // The remote's own pages have Next's client, which updates them itself.
  if (new URL(publicPath, window.location.href).origin === window.location.origin) return;
  let loadedHash: string | undefined;
  const socket = new WebSocket(hotSocketUrl(publicPath, window.location.href));
  socket.addEventListener('message', (event: MessageEvent<string>) => {
    let message: HotMessage;
    try {
      message = JSON.parse(event.data) as HotMessage;
    } catch {
      return; // Next also sends plain-text pings.
    }
    if (isNewBuild(message, loadedHash)) {
      console.info(
        `[hot reload] ${publicPath} was rebuilt after an edit: reloading the page (a Next remote cannot be swapped in place)`,
      );
      window.location.reload();
    } else if (message.hash && (message.action === 'built' || message.action === 'sync')) {
      loadedHash ??= message.hash;
    }
  });
}

// Outside a webpack build (unit tests) there is no public path and nothing to watch.
if (typeof __webpack_public_path__ === 'string' && typeof WebSocket !== 'undefined') watchRemote();
