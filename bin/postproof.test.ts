import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBundle } from '../utils/formats/bundle';
import { makeCaptures, makeTestKey, type TestKey } from '../test/support/bundle-captures';
import { keyCardText } from '../utils/provenance/key-card';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const launcher = join(root, 'bin', 'postproof.mjs');
let dir: string;
let valid: string;
let tampered: string;
let key: TestKey;

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, [launcher, ...args], { cwd: root, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  execFileSync('npm', ['run', '--silent', 'build:cli'], { cwd: root, stdio: 'pipe' });
  dir = mkdtempSync(join(tmpdir(), 'postproof-cli-'));
  key = await makeTestKey();
  const captures = await makeCaptures(key, [{ text: 'first', authorName: 'Evil \u001b[2J \u202Egnp.exe' }, { text: 'second' }]);
  const bundle = await writeBundle({ captures, signer: key.signer, software: 'PostProof test' });
  valid = join(dir, 'valid.zip');
  writeFileSync(valid, bundle);
  const zip = await JSZip.loadAsync(bundle);
  zip.file(`captures/${captures[0]!.stored.id}/media/1.jpg`, new Uint8Array([1, 2, 3]), { createFolders: false });
  tampered = join(dir, 'tampered.zip');
  writeFileSync(tampered, await zip.generateAsync({ type: 'uint8array' }));
  writeFileSync(join(dir, 'notes.txt'), 'not a zip');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('postproof CLI', () => {
  it('exits 0 and says VALID for an untouched bundle', () => {
    const { status, stdout } = cli('verify', valid);
    expect(status).toBe(0);
    expect(stdout).toMatch(/Result: VALID/);
    expect(stdout).toContain(`Signed by key ${key.signer.keyId} (NOT PINNED`);
    // A hostile author name must not send terminal escape sequences or reverse the line's text.
    expect(stdout).toContain('Evil \\u{1b}[2J \\u{202e}gnp.exe');
    expect(stdout).not.toContain('\u001b');
    expect(stdout).not.toContain('\u202E');
  });

  it('exits 1 and prints each failed check with its file for a tampered bundle', () => {
    const { status, stdout } = cli('verify', tampered);
    expect(status).toBe(1);
    expect(stdout).toMatch(/FAIL \[checksums\] captures\/[^ ]+\/media\/1\.jpg/);
    expect(stdout).toMatch(/FAIL \[file-hash\] captures\/[^ ]+\/media\/1\.jpg/);
    expect(stdout).toMatch(/FAIL \[artifact\] captures\/[^ ]+\/media\/1\.jpg/);
    expect(stdout).toMatch(/Result: INVALID\. \d+ of \d+ checks failed/);
  });

  it('exits 1 for a file that is not a ZIP', () => {
    const { status, stdout } = cli('verify', join(dir, 'notes.txt'));
    expect(status).toBe(1);
    expect(stdout).toMatch(/FAIL \[zip-open\]: This file is not a ZIP archive/);
  });

  it('--json prints the report object', () => {
    const good = cli('verify', valid, '--json');
    expect(good.status).toBe(0);
    const report = JSON.parse(good.stdout);
    expect(report.verdict).toBe('valid');
    expect(report.captures).toHaveLength(2);
    const bad = cli('verify', '--json', tampered);
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout).checks).toContainEqual(expect.objectContaining({ check: 'artifact', ok: false }));
  });

  it('--all prints passing checks too', () => {
    expect(cli('verify', valid, '--all').stdout).toMatch(/ok {3}\[checksums-signature\]/);
  });

  it('--expect-key and --trusted-keys pin the signer: the right key passes, another fails with exit 1', async () => {
    const pinned = cli('verify', valid, '--expect-key', key.signer.keyId.toUpperCase().match(/../g)!.join(':'));
    expect(pinned.status).toBe(0);
    expect(pinned.stdout).toContain(`Signed by key ${key.signer.keyId} (pinned)`);
    const other = await makeTestKey();
    const wrong = cli('verify', valid, '--expect-key', other.signer.keyId);
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).toMatch(/FAIL \[signer-pin\]: The file was signed by key [0-9a-f]{64}, not by the key you expected/);
    const cards = join(dir, 'trusted.txt');
    writeFileSync(cards, keyCardText({ keyId: key.signer.keyId, spki: key.signer.publicKeySpki, name: 'Newsroom laptop' }));
    const trusted = cli('verify', valid, '--trusted-keys', cards);
    expect(trusted.status).toBe(0);
    expect(trusted.stdout).toContain('(pinned as “Newsroom laptop”)');
    writeFileSync(cards, keyCardText({ keyId: other.signer.keyId, spki: other.signer.publicKeySpki, name: 'Someone else' }));
    expect(cli('verify', valid, '--trusted-keys', cards).status).toBe(1);
    expect(cli('verify', valid, '--expect-key', 'abc').stderr).toMatch(/--expect-key needs a fingerprint/);
  });

  it('exits 2 on usage errors and unreadable files, 0 for --help', () => {
    expect(cli().status).toBe(2);
    expect(cli('check', valid).status).toBe(2);
    expect(cli('verify').status).toBe(2);
    expect(cli('verify', valid, '--tsa-ca').stderr).toMatch(/--tsa-ca needs a value/);
    writeFileSync(join(dir, 'not-a-root.pem'), 'nothing here');
    expect(cli('verify', valid, '--tsa-ca', join(dir, 'not-a-root.pem')).stderr).toMatch(/holds no PEM certificate/);
    const missing = cli('verify', join(dir, 'missing.zip'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*missing\.zip: no such file/);
    expect(cli('verify', dir).status).toBe(2);
    const help = cli('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: postproof verify BUNDLE\.zip/);
  });

  it('the launcher says to build first when the bundled CLI is missing', () => {
    const copy = join(dir, 'pkg', 'bin', 'postproof.mjs');
    mkdirSync(dirname(copy), { recursive: true });
    copyFileSync(launcher, copy);
    const run = spawnSync(process.execPath, [copy, 'verify', valid], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/run npm run build first/);
  });
});
