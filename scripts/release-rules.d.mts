// Types of release-rules.mjs (plain Node, run by npm run zip and npm run release:check before anything is built).
export interface PackageNames {
  chrome: string;
  firefox: string;
  sources: string;
}
export type PackageKind = 'chrome' | 'firefox' | 'sources';
export interface ZipEntryInfo {
  name: string;
  dir: boolean;
  size: number;
}
export interface ManifestPermissions {
  version?: string;
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  [key: string]: unknown;
}
export function packageNames(version: string): PackageNames;
export const SIZE_LIMITS: { chrome: number; firefox: number; sources: number; fileInExtension: number };
export function versionProblem(packageVersion: string, manifest: ManifestPermissions, label: string): string | undefined;
export function changelogHasVersion(changelog: string, version: string): boolean;
export function permissionTableNames(readme: string): Set<string>;
export function hostOfPattern(pattern: string): string | undefined;
export function permissionsMissingFromTable(manifest: ManifestPermissions, tableNames: Set<string>, label: string): string[];
export function zipContentProblems(entries: ZipEntryInfo[], kind: PackageKind): string[];
export function zipSizeProblem(kind: PackageKind, byteLength: number): string | undefined;
export function sha256sumsText(sums: { name: string; sha256: string }[]): string;
