// Each release rule passes what a sound release holds and names what a broken one holds: a manifest permission the
// README's table lacks, a source map or test file in an extension zip, a built folder in the sources, a zip over a
// store's limit, a version that disagrees, a CHANGELOG without the version. npm run release:check runs these rules
// on the real zips (test/release.e2e.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MEDIA_HOST_PERMISSIONS } from '../utils/platforms/hosts';
import { TSA_PRESET_HOST_PERMISSIONS } from '../utils/provenance/tsa-presets';
import { ALL_WITNESS_HOST_PATTERNS } from '../utils/witness/sources/index';
import {
  changelogHasVersion,
  hostOfPattern,
  packageNames,
  permissionsMissingFromTable,
  permissionTableNames,
  sha256sumsText,
  SIZE_LIMITS,
  versionProblem,
  zipContentProblems,
  zipSizeProblem,
  type ZipEntryInfo,
} from './release-rules.mjs';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const file = (name: string, size = 10): ZipEntryInfo => ({ name, dir: false, size });

describe('package names and versions', () => {
  it('names the three packages of DESIGN §6', () => {
    expect(packageNames('0.1.0')).toEqual({
      chrome: 'postproof-0.1.0-chrome.zip',
      firefox: 'postproof-0.1.0-firefox.zip',
      sources: 'postproof-0.1.0-sources.zip',
    });
  });

  it('finds a manifest of another version', () => {
    expect(versionProblem('0.1.0', { version: '0.1.0' }, 'chrome')).toBeUndefined();
    expect(versionProblem('0.1.0', { version: '0.0.9' }, 'firefox')).toMatch(/firefox manifest.json has version "0.0.9" but package.json has "0.1.0"/);
  });

  it('wants a CHANGELOG heading for exactly the version', () => {
    expect(changelogHasVersion('# Changelog\n\n## [0.1.0] - 2026-12-07\n- first', '0.1.0')).toBe(true);
    expect(changelogHasVersion('## 0.1.0\n', '0.1.0')).toBe(true);
    expect(changelogHasVersion('## [0.1.01] - 2026-12-07\n', '0.1.0')).toBe(false);
    expect(changelogHasVersion('## [0.1.0-beta] - 2026-12-07\n', '0.1.0')).toBe(false);
    expect(changelogHasVersion('### 0.1.0\nmentions 0.1.0', '0.1.0')).toBe(false);
    expect(changelogHasVersion('## [0.2.0]\n', '0.1.0')).toBe(false);
  });

  it('holds the project CHANGELOG to package.json', () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(changelogHasVersion(readFileSync(new URL('../CHANGELOG.md', import.meta.url), 'utf8'), version)).toBe(true);
  });
});

describe("README's permissions table", () => {
  it('reads the backticked names of the first column', () => {
    const names = permissionTableNames(readme);
    for (const name of ['storage', 'unlimitedStorage', 'sidePanel', 'pageCapture', 'notifications', '<all_urls>', 'pbs.twimg.com', 'fbcdn.net', 'https://public.api.bsky.app/*']) {
      expect(names, name).toContain(name);
    }
    // Names in the other columns or outside the table do not count.
    expect(names).not.toContain('downloads');
    expect(names).not.toContain('chrome.tabs.captureVisibleTab');
  });

  it('refuses a README without the section or the table', () => {
    expect(() => permissionTableNames('# PostProof\n\n## Layout\n')).toThrow(/no "## Permissions" section/);
    expect(() => permissionTableNames('## Permissions\n\nNone.\n\n## Layout\n')).toThrow(/no table/);
  });

  it('matches a host pattern by its host', () => {
    expect(hostOfPattern('https://*.fbcdn.net/*')).toBe('fbcdn.net');
    expect(hostOfPattern('http://timestamp.digicert.com/*')).toBe('timestamp.digicert.com');
    expect(hostOfPattern('<all_urls>')).toBeUndefined();
  });

  it('names every permission of the shipped lists (the built manifests are checked by test/release.e2e.ts)', () => {
    const manifest = {
      permissions: ['storage', 'unlimitedStorage', 'activeTab', 'scripting', 'alarms', 'contextMenus', 'sidePanel'],
      optional_permissions: ['pageCapture', 'notifications'],
      host_permissions: [...MEDIA_HOST_PERMISSIONS, ...TSA_PRESET_HOST_PERMISSIONS],
      optional_host_permissions: ['<all_urls>', ...ALL_WITNESS_HOST_PATTERNS],
    };
    expect(permissionsMissingFromTable(manifest, permissionTableNames(readme), 'chrome')).toEqual([]);
  });

  it('names each permission and host the table lacks', () => {
    const table = permissionTableNames('## Permissions\n\n| permission | why |\n|---|---|\n| `storage`, `cdn.example` | x |\n| optional `<all_urls>` | y |\n');
    const missing = permissionsMissingFromTable(
      {
        permissions: ['storage', 'downloads'],
        optional_permissions: ['notifications'],
        host_permissions: ['https://*.cdn.example/*', 'https://evil.example/*'],
        optional_host_permissions: ['<all_urls>'],
      },
      table,
      'firefox',
    );
    expect(missing).toEqual([
      "firefox manifest permissions: downloads is not named in README.md's permissions table",
      "firefox manifest optional_permissions: notifications is not named in README.md's permissions table",
      "firefox manifest host_permissions: https://evil.example/* is not named in README.md's permissions table (as the pattern or as evil.example)",
    ]);
  });
});

describe('zip contents', () => {
  const sound = [file('manifest.json'), file('background.js'), file('chunks/db-abc.js'), file('_locales/en/messages.json'), file('popup.html')];

  it('passes a sound extension zip', () => {
    expect(zipContentProblems(sound, 'chrome')).toEqual([]);
    expect(zipContentProblems(sound, 'firefox')).toEqual([]);
  });

  it('finds source maps, tests, fixtures, ../shared pages, TypeScript and hidden files in an extension zip', () => {
    const problems = zipContentProblems(
      [...sound, file('chunks/db-abc.js.map'), file('test/smoke.e2e.js'), file('fixtures/x.html'), file('shared/fixtures/pages/x/post.html'), file('utils/model.ts'), file('.DS_Store'), file('a.test.js')],
      'firefox',
    );
    expect(problems).toEqual([
      'chunks/db-abc.js.map: a source map',
      'test/smoke.e2e.js: a test, fixture or ../shared file',
      'test/smoke.e2e.js: a test file',
      'fixtures/x.html: a test, fixture or ../shared file',
      'shared/fixtures/pages/x/post.html: a test, fixture or ../shared file',
      'utils/model.ts: TypeScript source (the package ships the build)',
      '.DS_Store: a hidden file',
      'a.test.js: a test file',
    ]);
  });

  it('finds a file addons-linter would refuse to parse, a folder entry and a missing manifest', () => {
    const problems = zipContentProblems([file('background.js', SIZE_LIMITS.fileInExtension), { name: 'chunks/', dir: true, size: 0 }], 'chrome');
    expect(problems).toEqual([
      `background.js: ${SIZE_LIMITS.fileInExtension} bytes, at or over addons-linter's ${SIZE_LIMITS.fileInExtension}-byte limit for a file it parses`,
      'chunks/: a folder entry (the packages hold files only)',
      'manifest.json is missing from the chrome zip',
    ]);
  });

  it('lets the sources hold tests but not installed or built folders, and wants the build instructions', () => {
    const sources = [file('SOURCE-BUILD.md'), file('package.json'), file('package-lock.json'), file('wxt.config.ts'), file('test/smoke.e2e.ts'), file('test/fixtures/pages/reddit/x.html')];
    expect(zipContentProblems(sources, 'sources')).toEqual([]);
    expect(zipContentProblems([...sources.slice(1), file('node_modules/jszip/index.js'), file('.output/chrome-mv3/manifest.json'), file('.cache/replaywebpage/package/sw.js')], 'sources')).toEqual([
      'node_modules/jszip/index.js: installed or built, not source',
      '.output/chrome-mv3/manifest.json: installed or built, not source',
      '.cache/replaywebpage/package/sw.js: installed or built, not source',
      'SOURCE-BUILD.md is missing from the sources zip',
    ]);
  });

  it('holds each zip to its store limit', () => {
    expect(zipSizeProblem('chrome', SIZE_LIMITS.chrome)).toBeUndefined();
    expect(zipSizeProblem('firefox', SIZE_LIMITS.firefox + 1)).toMatch(/the firefox zip is 200000001 bytes, over the 200000000-byte limit/);
  });

  it('writes sums as sha256sum -c reads them', () => {
    expect(sha256sumsText([{ name: 'a.zip', sha256: 'ab'.repeat(32) }, { name: 'b.zip', sha256: 'cd'.repeat(32) }])).toBe(`${'ab'.repeat(32)}  a.zip\n${'cd'.repeat(32)}  b.zip\n`);
  });
});
