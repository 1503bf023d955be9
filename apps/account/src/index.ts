// An asynchronous boundary: shared modules are negotiated before any of them is used.
import('./bootstrap').catch((error: unknown) => {
  document.body.textContent = `The Account app failed to start: ${String(error)}`;
});
