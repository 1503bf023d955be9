export interface SharedEntry {
  singleton: boolean;
  eager: false;
  requiredVersion: string | false;
  version?: string;
  strictVersion?: true;
  import?: false;
}
export interface AppRecord {
  kind: 'next' | 'react';
  federationName: string;
  port: number;
  path: string;
  remotes: string[];
  exposes: Record<string, string>;
}
export interface BuildSide {
  isServer?: boolean;
  env?: string;
}
export function readManifest(): Record<string, unknown>;
export function environmentName(): string;
export function app(name: string): AppRecord;
export function appDirectory(name: string): string;
export function releaseToken(name: string): string;
export function browserRuntimeAliases(): Record<string, string>;
export function appBaseUrl(name: string, envName?: string): string;
export function buildDirectory(kind: 'next' | 'react', envName?: string): string;
export function remoteEntryUrl(name: string, side?: BuildSide): string;
export function revalidatedFiles(): string[];
export function fileName(role: 'entry' | 'manifest' | 'standaloneRuntime'): string;
export function remotesFor(name: string, side?: BuildSide): Record<string, string>;
export function sharedFor(name: string, side?: { isServer?: boolean }): Record<string, SharedEntry>;
export function workspaceVersion(packageName: string): string;
export function contractRange(packageName: string, version: string): string;
export function inHousePackages(): string[];
export function nextFederationOptions(name: string, side?: { isServer?: boolean }): Record<string, unknown>;
export function webpackFederationOptions(name: string): Record<string, unknown>;
export function apiOrigin(): string;
export function serverApiOrigin(envName?: string): string;
export function serverRenderedRemotes(name: string): string[];
export function apiPath(): string;
