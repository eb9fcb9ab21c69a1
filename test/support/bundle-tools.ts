// Stock tools run on an exported bundle, as an editor without PostProof would: unzip, sha256sum, openssl; and our CLI.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../fixtures';
import { writeRawZip } from './raw-zip';

export interface ToolResult {
  status: number | null;
  output: string;
}

export function run(command: string, args: string[], cwd?: string): ToolResult {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/** Unzips a bundle into a new temp folder with the stock unzip and returns the folder. */
export function unzipBundle(zipFile: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'postproof-bundle-'));
  const result = run('unzip', ['-q', zipFile, '-d', dir]);
  if (result.status !== 0) throw new Error(`unzip failed: ${result.output}`);
  return dir;
}

export function sha256sumCheck(dir: string): ToolResult {
  return run('sha256sum', ['-c', '--strict', 'SHA256SUMS'], dir);
}

export function opensslVerify(dir: string, file: string): ToolResult {
  return run('openssl', ['dgst', '-sha256', '-verify', 'signer.pem', '-signature', `${file}.sig`, file], dir);
}

export function cliVerify(zipFile: string, json = false): ToolResult {
  return run(process.execPath, [join(repoRoot, 'bin', 'postproof.mjs'), 'verify', zipFile, ...(json ? ['--json'] : [])]);
}

/**
 * Copies an unzipped bundle, lets `change` alter the copy, and zips it again as a plain STORED ZIP of its files, as
 * PostProof writes one (test/support/raw-zip.ts): what a forger who wants the verifier to read further must make. The
 * stock `zip -r` adds folder entries and Unix attributes, which the strict reader refuses before it looks at a file.
 */
export function rezipWith(dir: string, change: (copy: string) => void): string {
  const copy = mkdtempSync(join(tmpdir(), 'postproof-tamper-'));
  cpSync(dir, copy, { recursive: true });
  change(copy);
  const zipFile = `${copy}.zip`;
  const names = (readdirSync(copy, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => relative(copy, join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
  writeFileSync(zipFile, writeRawZip(names.map((name) => ({ name, data: new Uint8Array(readFileSync(join(copy, name))) }))));
  return zipFile;
}

/** Flips the last bit of one byte in the middle of a file. */
/**
 * Move the time inside an RFC 3161 token (the TSTInfo genTime, a DER GeneralizedTime) by one second. Unlike a flipped
 * byte at a fixed offset, which may land in a certificate that openssl rightly ignores in favour of the trusted root,
 * this always hits the signed content: the forger's obvious move.
 */
export function changeTokenTime(file: string): void {
  const bytes = readFileSync(file);
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (bytes[i] !== 0x18) continue;
    const length = bytes[i + 1]!;
    const text = bytes.subarray(i + 2, i + 2 + length).toString('latin1');
    if (!/^\d{14}(\.\d+)?Z$/.test(text)) continue;
    const at = i + 2 + 13; // last digit of the seconds
    bytes[at] = bytes[at] === 0x39 ? 0x38 : bytes[at]! + 1;
    writeFileSync(file, bytes);
    return;
  }
  throw new Error(`${file}: no GeneralizedTime found`);
}

export function flipOneByte(file: string): void {
  const bytes = readFileSync(file);
  const at = Math.floor(bytes.length / 2);
  bytes[at] = bytes[at]! ^ 0x01;
  writeFileSync(file, bytes);
}

/**
 * Changes one letter of a capture record's post text (its case), so the record stays well-formed JSON and every check
 * that reads it still runs: unlike flipOneByte, whose middle byte may land in a hash or the JSON's syntax, depending on
 * the record's length.
 */
export function changeOneTextLetter(file: string): void {
  const bytes = readFileSync(file);
  const start = bytes.indexOf('"text": "');
  if (start < 0) throw new Error(`${file}: no post text to change`);
  for (let at = start + 9; at < bytes.length && bytes[at] !== 0x22; at++) {
    const byte = bytes[at]!;
    if ((byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)) {
      bytes[at] = byte ^ 0x20;
      writeFileSync(file, bytes);
      return;
    }
  }
  throw new Error(`${file}: the post text has no ASCII letter to change`);
}

/**
 * Every capture in the store as one bundle: the dashboard (`dashboard`, an open dashboard page) reloaded, all
 * selected and exported; the download is saved in a new folder (pushed on `cleanup`) and checked by the CLI.
 */
export async function exportAllAndVerify(dashboard: Page, cleanup: string[]): Promise<ToolResult> {
  const dir = mkdtempSync(join(tmpdir(), 'postproof-all-'));
  cleanup.push(dir);
  await dashboard.reload();
  await dashboard.getByTestId('select-all').check();
  const [download] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByTestId('export-selected').click()]);
  const file = join(dir, 'all.zip');
  await download.saveAs(file);
  return cliVerify(file);
}
