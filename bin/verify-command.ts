// `postproof verify`: streams a bundle or WACZ from disk through the shared verifier (never reading it whole), with
// the person's pins (--expect-key, --trusted-keys) and trust anchors (--tsa-ca), prints the result with every text
// from the file made harmless for a terminal, and returns the exit code.

import { readFile } from 'node:fs/promises';
import { parseTrustedKeys } from '../utils/evidence/trusted-keys';
import { normalizeFingerprint } from '../utils/evidence/signer-pins';
import type { VerifyCheck, VerifyOptions, VerifyReport } from '../utils/evidence/verify-types';
import { compareClocks, formatOffset } from '../utils/provenance/clock-compare';
import { pemCertificates, userTrustAnchors } from '../utils/provenance/tsa-token';
import { verifyEvidenceFile } from '../utils/formats/verify-any';
import { nodeCrc32, nodeHasher, openFileSource } from './file-source';
import { printable } from './printable';
import { errorMessage } from '../utils/error-message';

export const EXIT_VALID = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

export const USAGE = `Usage: postproof verify BUNDLE.zip|FILE.wacz [--expect-key FINGERPRINT] [--trusted-keys FILE]
                        [--tsa-ca ROOT.pem]... [--json] [--all]

Checks a PostProof evidence bundle as stock tools would see it, and more: the ZIP itself (nothing
hidden, nothing unzip would read differently), the signed SHA256SUMS and manifest, every file, each
capture record's signature and files, its RFC 3161 timestamps, the chain linking the captures, the
custody log, and that report.html, captures.csv, captures.jsonl and VERIFY.txt say what the signed
records say. The file is read from disk as it is checked, never held whole in memory.

  --expect-key FINGERPRINT  the bundle must be signed by this key (the SHA-256 fingerprint the
                            collector published; colons and capitals are fine)
  --trusted-keys FILE       every key that signed something must be in FILE: key cards, PEM public
                            keys, or lines "FINGERPRINT name"
  --tsa-ca ROOT.pem         also trust this timestamp authority root (besides the preset authorities'
                            roots pinned in PostProof); may be given more than once. A root shipped
                            inside the bundle is never trusted.
  --json                    print the full report as JSON
  --all                     print every check, not only the failed ones and notes

Exit status: 0 valid, 1 invalid (each failed check is printed), 2 usage or file error.
Without --expect-key or --trusted-keys the verdict says which key signed and that it is not pinned:
a bundle signed again by someone else verifies with their key, and only the fingerprint tells.
VERIFY.txt inside the bundle explains how to run the same checks with unzip, sha256sum and openssl.
`;

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
  /** Whether err() goes to a terminal (progress is shown there only). */
  errIsTerminal?: boolean;
}

function checkLine(check: VerifyCheck): string {
  const mark = !check.ok ? 'FAIL' : check.note ? 'NOTE' : 'ok  ';
  return `${mark} [${check.check}]${check.file ? ` ${printable(check.file)}` : ''}: ${printable(check.message)}`;
}

/** The collector's, the server's and each anchored authority's time, with their differences. */
function clockLines(capture: VerifyReport['captures'][number]): string[] {
  if (!capture.capturedAt) return [];
  const tsa = (capture.timestamps ?? []).map((t) => ({ name: `${t.tsa} (anchored in ${t.anchor.label})`, genTime: t.genTime }));
  const readings = compareClocks({ capturedAt: capture.capturedAt, serverDate: capture.serverDate, tsa });
  const lines = readings.map((r, i) => `    ${printable(r.label)}: ${r.time}${i === 0 ? '' : ` (${formatOffset(r.offsetMs)})`}`);
  if (tsa.length === 0) lines.push('    No anchored timestamp: the capture time rests on the collector’s clock.');
  return lines;
}

function signerLines(report: VerifyReport): string[] {
  return (report.signers ?? []).map((signer) => {
    const what = signer.role === 'exporter' ? 'Signed by key' : `Imported capture(s) signed by key`;
    const pin = signer.pinned ? `pinned${signer.label ? ` as “${printable(signer.label)}”` : ''}` : 'NOT PINNED: compare it with the fingerprint the collector published';
    return `${what} ${signer.keyId} (${pin})`;
  });
}

export function formatReport(file: string, report: VerifyReport, all: boolean): string {
  const failed = report.checks.filter((c) => !c.ok);
  const shown = all ? report.checks : report.checks.filter((c) => !c.ok || c.note);
  const lines = [`PostProof verify: ${printable(file)}`, ...shown.map(checkLine), ...signerLines(report)];
  if (report.captures.length) {
    lines.push(`Captures (${report.captures.length}):`);
    for (const c of report.captures) {
      lines.push(`  ${printable(`${c.id}  ${c.capturedAt ?? ''}  ${c.author ?? ''}  ${c.permalink ?? ''}`.trimEnd())}`);
      lines.push(...clockLines(c));
    }
  }
  lines.push(
    report.verdict === 'valid'
      ? `Result: VALID. All ${report.checks.length} checks passed.`
      : `Result: INVALID. ${failed.length} of ${report.checks.length} checks failed.`,
  );
  return `${lines.join('\n')}\n`;
}

interface Parsed {
  file: string;
  json: boolean;
  all: boolean;
  tsaCa: string[];
  expectKey?: string;
  trustedKeys?: string;
}

const VALUE_FLAGS = new Set(['--tsa-ca', '--expect-key', '--trusted-keys']);

function parseArgs(args: readonly string[]): Parsed | string {
  const [command, ...rest] = args;
  if (command !== 'verify') return `unknown command ${JSON.stringify(command ?? '')}`;
  const parsed: Parsed = { file: '', json: false, all: false, tsaCa: [] };
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (VALUE_FLAGS.has(arg)) {
      const value = rest[++i];
      if (value === undefined || value.startsWith('--')) return `${arg} needs a value`;
      if (arg === '--tsa-ca') parsed.tsaCa.push(value);
      else if (arg === '--expect-key') parsed.expectKey = value;
      else parsed.trustedKeys = value;
    } else if (arg === '--json') parsed.json = true;
    else if (arg === '--all') parsed.all = true;
    else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else files.push(arg);
  }
  if (files.length !== 1) return 'give exactly one bundle file';
  if (parsed.expectKey !== undefined && !normalizeFingerprint(parsed.expectKey)) return '--expect-key needs a fingerprint: 64 hexadecimal digits (colons allowed)';
  return { ...parsed, file: files[0]! };
}

function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : code === 'EACCES' ? 'permission denied' : String(error);
}

/** The options the flags give, or a message saying which file could not be used. */
async function options(parsed: Parsed): Promise<VerifyOptions | string> {
  const result: VerifyOptions = { hasher: nodeHasher, crc32: nodeCrc32 };
  if (parsed.expectKey) result.expectKey = parsed.expectKey;
  if (parsed.tsaCa.length) {
    result.tsaRoots = [];
    for (const file of parsed.tsaCa) {
      let ders: Uint8Array[];
      try {
        ders = pemCertificates(await readFile(file, 'utf8'));
      } catch (error) {
        return `cannot read ${file}: ${fileProblem(error)}`;
      }
      if (ders.length === 0) return `${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`;
      try {
        userTrustAnchors(ders);
      } catch (error) {
        return `${file}: ${errorMessage(error)}`;
      }
      result.tsaRoots.push(...ders);
    }
  }
  if (parsed.trustedKeys) {
    let text: string;
    try {
      text = await readFile(parsed.trustedKeys, 'utf8');
    } catch (error) {
      return `cannot read ${parsed.trustedKeys}: ${fileProblem(error)}`;
    }
    const { keys, problems } = await parseTrustedKeys(text);
    if (problems.length) return `${parsed.trustedKeys}: ${problems.join(' ')}`;
    result.trustedKeys = keys;
  }
  return result;
}

export async function runCli(args: readonly string[], output: CliOutput): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    output.out(USAGE);
    return EXIT_VALID;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    output.err(`postproof: ${parsed}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const verifyOptions = await options(parsed);
  if (typeof verifyOptions === 'string') {
    output.err(`postproof: ${printable(verifyOptions)}\n`);
    return EXIT_USAGE;
  }
  let source;
  try {
    source = await openFileSource(parsed.file);
  } catch (error) {
    output.err(`postproof: cannot read ${printable(parsed.file)}: ${fileProblem(error)}\n`);
    return EXIT_USAGE;
  }
  let shown = -1;
  if (output.errIsTerminal && source.size > 64 * 1024 * 1024) {
    verifyOptions.onProgress = (done, total) => {
      const percent = Math.floor((100 * done) / Math.max(total, 1));
      if (percent !== shown) output.err(`\rReading ${percent}%`);
      shown = percent;
    };
  }
  let report: VerifyReport;
  try {
    report = await verifyEvidenceFile(source, verifyOptions);
  } catch (error) {
    output.err(`postproof: cannot read ${printable(parsed.file)}: ${printable(errorMessage(error))}\n`);
    return EXIT_USAGE;
  } finally {
    await source.close();
    if (shown >= 0) output.err('\r\x1b[K');
  }
  output.out(parsed.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(parsed.file, report, parsed.all));
  return report.verdict === 'valid' ? EXIT_VALID : EXIT_INVALID;
}
