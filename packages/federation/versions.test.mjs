// One list of third-party versions: every workspace package that depends on a library names the
// same version of it, that version is the one installed, and peer ranges accept it. A remote that
// drifts to another React or RTK would otherwise build against one copy and run on another.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file) => JSON.parse(readFileSync(path.join(root, file), 'utf8'));

const manifests = [
  'package.json',
  ...['packages', 'apps'].flatMap((folder) =>
    readdirSync(path.join(root, folder))
      .map((name) => path.join(folder, name, 'package.json'))
      .filter((file) => existsSync(path.join(root, file))),
  ),
];

/** package name → version spec → the manifests that use it (dependencies and devDependencies). */
function declaredVersions() {
  const versions = new Map();
  for (const file of manifests) {
    const manifest = read(file);
    for (const field of ['dependencies', 'devDependencies']) {
      for (const [name, spec] of Object.entries(manifest[field] ?? {})) {
        if (name.startsWith('@myapp/')) continue;
        if (!versions.has(name)) versions.set(name, new Map());
        const users = versions.get(name);
        users.set(spec, [...(users.get(spec) ?? []), file]);
      }
    }
  }
  return versions;
}

function installedVersion(name) {
  return read(path.join('node_modules', name, 'package.json')).version;
}

/** Whether an exact version satisfies a `^x.y.z` / `~x.y.z` / exact peer range (all this repo uses). */
function satisfies(version, range) {
  const [major, minor, patch] = version.split('.').map(Number);
  const match = /^([~^]?)(\d+)\.(\d+)\.(\d+)$/.exec(range);
  if (!match) return false;
  const [, kind, wantMajor, wantMinor, wantPatch] = match;
  const want = [Number(wantMajor), Number(wantMinor), Number(wantPatch)];
  const atLeast = major > want[0] || (major === want[0] && (minor > want[1] || (minor === want[1] && patch >= want[2])));
  if (kind === '^') return major === want[0] && atLeast;
  if (kind === '~') return major === want[0] && minor === want[1] && atLeast;
  return version === range;
}

describe('third-party versions', () => {
  const versions = declaredVersions();

  it('are declared with one version across the workspace', () => {
    const disagreements = [...versions]
      .filter(([, specs]) => specs.size > 1)
      .map(([name, specs]) => `${name}: ${[...specs].map(([spec, users]) => `${spec} in ${users.join(', ')}`).join('; ')}`);
    expect(disagreements).toEqual([]);
  });

  it('the shared libraries are pinned exactly and installed at that version', () => {
    const shared = Object.keys(read('federation.json').shared).filter((name) => !name.startsWith('@myapp/'));
    for (const name of [...shared, 'next', 'webpack', 'typescript']) {
      const specs = versions.get(name) ?? new Map();
      const [spec] = [...specs.keys()];
      const pinned = spec && /^\d+\.\d+\.\d+$/.test(spec) ? spec : read('package.json').overrides?.[name];
      expect(pinned ?? spec, `${name} is declared`).toBeDefined();
      if (pinned && /^\d+\.\d+\.\d+$/.test(pinned)) expect(installedVersion(name), name).toBe(pinned);
    }
  });

  it("peer ranges accept the workspace's version", () => {
    for (const file of manifests) {
      for (const [name, range] of Object.entries(read(file).peerDependencies ?? {})) {
        if (!existsSync(path.join(root, 'node_modules', name, 'package.json'))) continue;
        expect(satisfies(installedVersion(name), range), `${file}: ${name} ${range}`).toBe(true);
      }
    }
  });
});
