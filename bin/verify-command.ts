// `postproof verify`: reads a bundle from disk, runs the shared verifier, prints the result, returns the exit code.

import { readFile } from 'node:fs/promises';
import type { VerifyCheck, VerifyOptions, VerifyReport } from '../utils/bundle';
import { compareClocks, formatOffset } from '../utils/provenance/clock-compare';
import { pemCertificates } from '../utils/provenance/tsa-token';
import { verifyEvidenceFile } from '../utils/wacz/verify-any';

export const EXIT_VALID = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

export const USAGE = `Usage: postproof verify BUNDLE.zip|FILE.wacz [--json] [--all] [--tsa-ca FILE]

Checks a PostProof evidence bundle: the signed manifest, every file's SHA-256, SHA256SUMS,
each capture record's signature and files, its RFC 3161 timestamps, the chain linking the
captures, and the custody log.

  --json         print the full report as JSON
  --all          print every check, not only the failed ones and notes
  --tsa-ca FILE  trust only this timestamp authority root (PEM), instead of the certificates
                 shipped in the bundle's tsa/ folder

Exit status: 0 valid, 1 invalid (each failed check is printed), 2 usage or file error.
VERIFY.txt inside the bundle explains how to run the same checks with unzip, sha256sum and openssl.
A PostProof WACZ (FILE.wacz) gets the same checks: its datapackage hashes and signature, its
timestamp, and inside the WARC each capture record's signature, files and timestamps.
`;

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

/** Post text and author names come from hostile pages: control characters must not reach the terminal. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');
}

function checkLine(check: VerifyCheck): string {
  const mark = !check.ok ? 'FAIL' : check.note ? 'NOTE' : 'ok  ';
  return printable(`${mark} [${check.check}]${check.file ? ` ${check.file}` : ''}: ${check.message}`);
}

/** The collector's, the server's and each TSA's time, with their differences. */
function clockLines(capture: VerifyReport['captures'][number]): string[] {
  if (!capture.capturedAt) return [];
  const tsa = (capture.timestamps ?? []).map((t) => ({ name: t.tsa, genTime: t.genTime }));
  const readings = compareClocks({ capturedAt: capture.capturedAt, serverDate: capture.serverDate, tsa });
  const lines = readings.map((r, i) => printable(`    ${r.label}: ${r.time}${i === 0 ? '' : ` (${formatOffset(r.offsetMs)})`}`));
  if (tsa.length === 0) lines.push('    No trusted timestamp: the capture time rests on the collector’s clock.');
  return lines;
}

function formatReport(file: string, report: VerifyReport, all: boolean): string {
  const failed = report.checks.filter((c) => !c.ok);
  const shown = all ? report.checks : report.checks.filter((c) => !c.ok || c.note);
  const lines = [printable(`PostProof bundle: ${file}`), ...shown.map(checkLine)];
  if (report.keyId) lines.push(`Signing key fingerprint: ${report.keyId}`, '  Compare it with the fingerprint the collector or newsroom published.');
  if (report.captures.length) {
    lines.push(`Captures (${report.captures.length}):`);
    for (const c of report.captures) {
      lines.push(printable(`  ${c.id}  ${c.capturedAt ?? ''}  ${c.author ?? ''}  ${c.permalink ?? ''}`.trimEnd()));
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

export async function runCli(args: readonly string[], output: CliOutput): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    output.out(USAGE);
    return EXIT_VALID;
  }
  const [command, ...given] = args;
  const caAt = given.indexOf('--tsa-ca');
  const caFile = caAt >= 0 ? given[caAt + 1] : undefined;
  const rest = caAt >= 0 ? given.filter((_, i) => i !== caAt && i !== caAt + 1) : given;
  const flags = rest.filter((a) => a.startsWith('-'));
  const files = rest.filter((a) => !a.startsWith('-'));
  const unknown = flags.filter((f) => f !== '--json' && f !== '--all');
  if (command !== 'verify' || files.length !== 1 || unknown.length > 0 || (caAt >= 0 && (!caFile || caFile.startsWith('-')))) {
    const problem =
      command !== 'verify'
        ? `unknown command ${JSON.stringify(command ?? '')}`
        : unknown.length
          ? `unknown option ${unknown[0]}`
          : caAt >= 0 && (!caFile || caFile.startsWith('-'))
            ? '--tsa-ca needs a PEM file'
            : 'give exactly one bundle file';
    output.err(`postproof: ${problem}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const file = files[0]!;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder, not a ZIP file' : code === 'ERR_FS_FILE_TOO_LARGE' ? 'it is too large to read' : String(error);
    output.err(`postproof: cannot read ${file}: ${why}\n`);
    return EXIT_USAGE;
  }
  const options: VerifyOptions = {};
  if (caFile) {
    try {
      options.tsaRoots = pemCertificates(await readFile(caFile, 'utf8'));
    } catch (error) {
      output.err(`postproof: cannot read ${caFile}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error)}\n`);
      return EXIT_USAGE;
    }
    if (options.tsaRoots.length === 0) {
      output.err(`postproof: ${caFile} holds no PEM certificate (-----BEGIN CERTIFICATE-----)\n`);
      return EXIT_USAGE;
    }
  }
  const report = await verifyEvidenceFile(bytes, options);
  output.out(flags.includes('--json') ? `${JSON.stringify(report, null, 2)}\n` : formatReport(file, report, flags.includes('--all')));
  return report.verdict === 'valid' ? EXIT_VALID : EXIT_INVALID;
}
