// Reproducible release packages: `npm run zip` in two fresh clones of the current commit, and twice in one of them,
// gives the same three zips byte for byte; the Firefox zip rebuilt from the sources zip alone (what SOURCE-BUILD.md
// tells an AMO reviewer to do) is the same file again; and `npm run release:check` passes the real zips.
// Tests HEAD, not uncommitted changes (the clones are of the commit). Slow: four builds (about 3 minutes on 2 cores).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip, sha256Hex } from '../scripts/deterministic-zip.mjs';
import { packageNames } from '../scripts/release-rules.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
const names = packageNames(version);
const KINDS = ['chrome', 'firefox', 'sources'] as const;
type Sums = Record<(typeof KINDS)[number], string>;

/** The environment of a child run: its own .output inside its folder, whatever the test run was given. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.POSTPROOF_OUT_DIR;
  return env;
}

function run(folder: string, script: string, args: string[] = []): string {
  const started = Date.now();
  const result = spawnSync(process.execPath, [script, ...args], { cwd: folder, env: childEnv(), encoding: 'utf8', maxBuffer: 1 << 26 });
  const output = `${result.stdout}${result.stderr}`;
  console.log(`[release] ${script} ${args.join(' ')} in ${folder}: exit ${result.status} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (result.status !== 0) throw new Error(`${script} failed in ${folder} (exit ${result.status}):\n${output.slice(-4000)}`);
  return output;
}

function sumsIn(folder: string): Sums {
  const sums = {} as Sums;
  for (const kind of KINDS) sums[kind] = sha256Hex(readFileSync(join(folder, '.output', names[kind])));
  return sums;
}

function linkModules(folder: string) {
  symlinkSync(realpathSync(join(repoRoot, 'node_modules')), join(folder, 'node_modules'));
}

describe('release packages', () => {
  const t0 = Date.now();
  const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot }).toString().trim();
  let scratch: string;
  const clone = (name: string) => join(scratch, name);

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'postproof-release-'));
    for (const name of ['one', 'two']) {
      execFileSync('git', ['clone', '--quiet', '--no-checkout', repoRoot, clone(name)]);
      execFileSync('git', ['checkout', '--quiet', '--detach', commit], { cwd: clone(name) });
      linkModules(clone(name));
    }
  });

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    console.log(`[release] whole file took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  });

  let first: Sums;
  it('writes the same three zips twice in one clone and once in another', { timeout: 420_000 }, () => {
    run(clone('one'), 'scripts/zip.mjs');
    first = sumsIn(clone('one'));
    run(clone('one'), 'scripts/zip.mjs');
    const again = sumsIn(clone('one'));
    run(clone('two'), 'scripts/zip.mjs');
    const elsewhere = sumsIn(clone('two'));
    console.log(`[release] SHA-256: ${JSON.stringify(first)}`);
    expect(again).toEqual(first);
    expect(elsewhere).toEqual(first);
  });

  it('rebuilds the same Firefox zip from the sources zip alone, as SOURCE-BUILD.md says', { timeout: 180_000 }, async () => {
    expect(first, 'the packages were built').toBeDefined();
    const unpacked = clone('from-sources');
    const entries = await readZip(readFileSync(join(clone('one'), '.output', names.sources)));
    for (const entry of entries) {
      mkdirSync(dirname(join(unpacked, entry.name)), { recursive: true });
      writeFileSync(join(unpacked, entry.name), entry.bytes);
    }
    const instructions = readFileSync(join(unpacked, 'SOURCE-BUILD.md'), 'utf8');
    expect(instructions).toContain(commit);
    expect(instructions).toContain('npm run zip -- --only firefox');
    expect(instructions).toContain(`${first.firefox}  ${names.firefox}`);
    linkModules(unpacked);
    run(unpacked, 'scripts/zip.mjs', ['--only', 'firefox']);
    expect(sha256Hex(readFileSync(join(unpacked, '.output', names.firefox)))).toBe(first.firefox);
  });

  it('passes npm run release:check and writes SHA256SUMS', { timeout: 180_000 }, () => {
    expect(first, 'the packages were built').toBeDefined();
    const output = run(clone('one'), 'scripts/release-check.mjs');
    expect(output).toContain('all checks passed');
    expect(readFileSync(join(clone('one'), '.output', 'SHA256SUMS'), 'utf8')).toBe(KINDS.map((kind) => `${first[kind]}  ${names[kind]}\n`).join(''));
    execFileSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: join(clone('one'), '.output') });
  });

  it('fails release:check on a package that breaks a rule, naming it', { timeout: 180_000 }, () => {
    expect(first, 'the packages were built').toBeDefined();
    // A permission the README's table does not name: the Chrome build of a clone whose README lost the storage row.
    const folder = clone('two');
    const readme = readFileSync(join(folder, 'README.md'), 'utf8');
    writeFileSync(join(folder, 'README.md'), readme.replace(/^\| `storage`, `unlimitedStorage` \|.*\n/m, ''));
    const result = spawnSync(process.execPath, ['scripts/release-check.mjs'], { cwd: folder, env: childEnv(), encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("chrome manifest permissions: storage is not named in README.md's permissions table");
    expect(result.stderr).toContain("firefox manifest permissions: unlimitedStorage is not named in README.md's permissions table");
    // And npm run zip refuses to package that working tree, which no longer is the commit.
    const zip = spawnSync(process.execPath, ['scripts/zip.mjs'], { cwd: folder, env: childEnv(), encoding: 'utf8' });
    expect(zip.status).toBe(1);
    expect(zip.stderr).toMatch(/the working tree differs from HEAD [0-9a-f]{12}[^\n]*\n M README.md/);
  });
});
