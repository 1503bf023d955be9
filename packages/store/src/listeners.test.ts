// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { REFETCH_AFTER_AWAY_MS, setupShopListeners } from './listeners';

let clock = 0;
let removeListeners: (() => void) | undefined;

/** The listeners on a recording dispatch, with a clock the test moves. */
function listen(): string[] {
  const sent: string[] = [];
  clock = 1_000_000;
  removeListeners = setupShopListeners(
    ((action: { type: string }) => {
      sent.push(action.type);
      return action;
    }) as never,
    () => clock,
  );
  return sent;
}

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  window.dispatchEvent(new Event('visibilitychange'));
}

afterEach(() => {
  removeListeners?.();
  setVisibility('visible');
});

describe('the store’s window listeners', () => {
  it('do not refetch when the page comes back at once', () => {
    const sent = listen();
    window.dispatchEvent(new Event('blur'));
    clock += 5_000;
    window.dispatchEvent(new Event('focus'));
    // A focus without having left at all is no return either.
    window.dispatchEvent(new Event('focus'));
    expect(sent).toEqual(['__rtkq/unfocused']);
  });

  it('refetch once when the tab comes back after a while away', () => {
    const sent = listen();
    setVisibility('hidden');
    window.dispatchEvent(new Event('blur'));
    clock += REFETCH_AFTER_AWAY_MS;
    setVisibility('visible');
    window.dispatchEvent(new Event('focus'));
    expect(sent.filter((type) => type === '__rtkq/focused')).toHaveLength(1);
    expect(sent.at(-1)).toBe('__rtkq/focused');
  });

  it('still refetch at once when the connection comes back', () => {
    const sent = listen();
    window.dispatchEvent(new Event('offline'));
    window.dispatchEvent(new Event('online'));
    expect(sent).toEqual(['__rtkq/offline', '__rtkq/online']);
  });

  it('are removed by the function they return', () => {
    const sent = listen();
    removeListeners?.();
    removeListeners = undefined;
    window.dispatchEvent(new Event('blur'));
    expect(sent).toEqual([]);
  });
});
