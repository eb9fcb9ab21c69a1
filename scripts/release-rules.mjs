// The rules a release is held to, as pure functions over small inputs (scripts/zip.mjs and scripts/release-check.mjs
// feed them the real files; scripts/release-rules.test.ts shows each one failing): the package names, the version
// agreeing everywhere, the CHANGELOG section, the README's permissions table, what may sit in each zip, and the
// stores' size limits.

/** The three packages of a version (DESIGN §6: `*-chrome.zip`, `*-firefox.zip`, `*-sources.zip`). */
export function packageNames(version) {
  return {
    chrome: `postproof-${version}-chrome.zip`,
    firefox: `postproof-${version}-firefox.zip`,
    sources: `postproof-${version}-sources.zip`,
  };
}

/**
 * Size limits, in bytes (lower figures where a source gives "GB"/"MB" loosely):
 * - Chrome Web Store: a package of at most 2 GB ("ZIP under 2GB — Maximum package size", Google's Chrome Web Store
 *   pre-publish review checklist, github.com/GoogleChrome/modern-web-guidance, skills/chrome-extensions/references/
 *   webstore/review-checklist.md).
 * - addons.mozilla.org: "The maximum file size accepted is 200 MB. If your add-on is larger than 200 MB, it will fail
 *   validation." (developer.mozilla.org/en-US/docs/Mozilla/Add-ons/Distribution/Submitting_an_add-on). The source
 *   upload is held to the same figure (its page names no other).
 * - One file in a package: addons-linter (what AMO validates with, web-ext lint runs it) refuses to parse a file of
 *   MAX_FILE_SIZE_TO_PARSE_MB = 5 MB or more (error FILE_TOO_LARGE, node_modules/addons-linter/dist/addons-linter.js);
 *   both extension zips are held to it, since they ship the same code.
 */
export const SIZE_LIMITS = {
  chrome: 2_000_000_000,
  firefox: 200_000_000,
  sources: 200_000_000,
  fileInExtension: 5 * 1024 * 1024,
};

/** Why the manifest's version is not the package.json version, or undefined. */
export function versionProblem(packageVersion, manifest, label) {
  if (manifest.version === packageVersion) return undefined;
  return `${label} manifest.json has version ${JSON.stringify(manifest.version)} but package.json has ${JSON.stringify(packageVersion)}: rebuild, or make them agree`;
}

/** Whether CHANGELOG.md has a section for this version: a heading `## [0.1.0]` or `## 0.1.0`. */
export function changelogHasVersion(changelog, version) {
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^##\\s+\\[?v?${escaped}\\]?(\\s|$)`, 'm').test(changelog);
}

/**
 * The names the README's permissions table gives in its first column: every `backticked` token of the table under
 * the heading "## Permissions…". Throws when there is no such table (a renamed heading must not pass every check).
 */
export function permissionTableNames(readme) {
  const lines = readme.split('\n');
  const start = lines.findIndex((line) => /^##\s+Permissions\b/.test(line));
  if (start < 0) throw new Error('README.md has no "## Permissions" section');
  const names = new Set();
  let inTable = false;
  for (const line of lines.slice(start + 1)) {
    if (/^##\s/.test(line)) break;
    if (!line.startsWith('|')) {
      if (inTable) break;
      continue;
    }
    inTable = true;
    const firstCell = line.split('|')[1] ?? '';
    if (/^\s*:?-+:?\s*$/.test(firstCell) || /^\s*permission\s*$/i.test(firstCell)) continue;
    for (const match of firstCell.matchAll(/`([^`]+)`/g)) names.add(match[1]);
  }
  if (names.size === 0) throw new Error('README.md\'s "## Permissions" section has no table naming permissions');
  return names;
}

const PERMISSION_KEYS = ['permissions', 'optional_permissions'];
const HOST_KEYS = ['host_permissions', 'optional_host_permissions'];

/** A host pattern's host as the README writes it: `https://*.fbcdn.net/*` → `fbcdn.net`. */
export function hostOfPattern(pattern) {
  const match = /^[a-z*]+:\/\/(?:\*\.)?([^/]+)\//.exec(pattern);
  return match ? match[1] : undefined;
}

/**
 * One line for each permission or host permission of the manifest that the README's table does not name. An API
 * permission must appear as itself; a host pattern as itself or as its host.
 */
export function permissionsMissingFromTable(manifest, tableNames, label) {
  const missing = [];
  for (const key of PERMISSION_KEYS) {
    for (const permission of manifest[key] ?? []) {
      if (!tableNames.has(permission)) missing.push(`${label} manifest ${key}: ${permission} is not named in README.md's permissions table`);
    }
  }
  for (const key of HOST_KEYS) {
    for (const pattern of manifest[key] ?? []) {
      const host = hostOfPattern(pattern);
      if (tableNames.has(pattern) || (host !== undefined && tableNames.has(host))) continue;
      missing.push(`${label} manifest ${key}: ${pattern} is not named in README.md's permissions table (as the pattern or as ${host ?? 'its host'})`);
    }
  }
  return missing;
}

/** Paths no extension package may hold: source maps, tests and their fixtures, pages of the shared corpus. */
const NOT_IN_EXTENSION = [
  { test: (name) => name.endsWith('.map'), why: 'a source map' },
  { test: (name) => /(^|\/)(test|tests|__tests__|fixtures|shared)\//.test(name), why: 'a test, fixture or ../shared file' },
  { test: (name) => /\.(test|spec|e2e)\.[cm]?[jt]sx?$/.test(name), why: 'a test file' },
  { test: (name) => /\.(ts|tsx|mts)$/.test(name), why: 'TypeScript source (the package ships the build)' },
  { test: (name) => /\.(mhtml|warc|wacz)$/.test(name), why: 'a saved page or web archive' },
  { test: (name) => /(^|\/)\./.test(name), why: 'a hidden file' },
];

/** Paths a sources zip must not hold: what `npm ci` or a build makes, and third-party copies kept out of git. */
const NOT_IN_SOURCES = [
  { test: (name) => /^(node_modules|\.output|\.output-[^/]*|dist|\.wxt|\.cache|test-results)\//.test(name), why: 'installed or built, not source' },
  { test: (name) => /(^|\/)shared\//.test(name) || name.startsWith('../'), why: 'a file of ../shared (third-party pages)' },
  { test: (name) => name.endsWith('.zip'), why: 'a package inside the sources' },
];

const REQUIRED_IN_SOURCES = ['SOURCE-BUILD.md', 'package.json', 'package-lock.json', 'wxt.config.ts'];

/**
 * Every problem with a zip's entries ({ name, dir, size }), for kind 'chrome', 'firefox' or 'sources'. The sources
 * zip is the tree of one commit, so it may hold tests; the extension zips may not.
 */
export function zipContentProblems(entries, kind) {
  const problems = [];
  const names = new Set(entries.map((entry) => entry.name));
  for (const entry of entries) {
    if (entry.dir) {
      problems.push(`${entry.name}: a folder entry (the packages hold files only)`);
      continue;
    }
    const rules = kind === 'sources' ? NOT_IN_SOURCES : NOT_IN_EXTENSION;
    for (const rule of rules) if (rule.test(entry.name)) problems.push(`${entry.name}: ${rule.why}`);
    if (kind !== 'sources' && entry.size >= SIZE_LIMITS.fileInExtension) {
      problems.push(`${entry.name}: ${entry.size} bytes, at or over addons-linter's ${SIZE_LIMITS.fileInExtension}-byte limit for a file it parses`);
    }
  }
  const required = kind === 'sources' ? REQUIRED_IN_SOURCES : ['manifest.json'];
  for (const name of required) if (!names.has(name)) problems.push(`${name} is missing from the ${kind} zip`);
  return problems;
}

/** Why a zip of this kind is too large for its store, or undefined. */
export function zipSizeProblem(kind, byteLength) {
  const limit = SIZE_LIMITS[kind];
  if (byteLength <= limit) return undefined;
  return `the ${kind} zip is ${byteLength} bytes, over the ${limit}-byte limit (see SIZE_LIMITS in scripts/release-rules.mjs)`;
}

/** `sha256sum` format: `<hex>  <name>` a line, in the order given. */
export function sha256sumsText(sums) {
  return sums.map(({ name, sha256 }) => `${sha256}  ${name}\n`).join('');
}
