// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { isProductionReact } from './hotReload';
import { hotSocketUrl, isNewBuild } from './remoteReload';

function pageWith(fiber: object | null): HTMLElement {
  const root = document.createElement('div');
  const child = document.createElement('span');
  if (fiber) Object.assign(child, { __reactFiber$x1y2: fiber });
  root.append(child);
  return root;
}

describe('hot reload in a host page', () => {
  it("tells React's production build (no _debugOwner on its fibers) from its development build", () => {
    expect(isProductionReact(pageWith({ tag: 5 }))).toBe(true);
    expect(isProductionReact(pageWith({ tag: 5, _debugOwner: null }))).toBe(false);
    expect(isProductionReact(pageWith(null))).toBeNull();
  });

  it("listens to a Next remote's own hot-update socket, under its base path", () => {
    expect(hotSocketUrl('http://localhost:3002/products/_next/', 'http://localhost:3000/products')).toBe(
      'ws://localhost:3002/products/_next/webpack-hmr',
    );
    expect(hotSocketUrl('https://shop.example.com/content/_next/', 'https://shop.example.com/')).toBe(
      'wss://shop.example.com/content/_next/webpack-hmr',
    );
  });

  it('reloads only for a build other than the one the page loaded', () => {
    expect(isNewBuild({ action: 'built', hash: 'b' }, 'a')).toBe(true);
    expect(isNewBuild({ action: 'sync', hash: 'b' }, 'a')).toBe(true);
    expect(isNewBuild({ action: 'built', hash: 'a' }, 'a')).toBe(false);
    expect(isNewBuild({ action: 'building' }, 'a')).toBe(false);
    expect(isNewBuild({ action: 'built', hash: 'a' }, undefined)).toBe(false);
  });
});
