// What people read must say what is signed: the verifier makes each capture's summary row again from the bundle's
// own signed records, tokens, custody log, notes and manifest (taking from captures.jsonl only the exporter's own
// words, which it checks for form), then requires captures.jsonl, captures.csv, report.html and VERIFY.txt to be
// exactly the files those rows make. A difference names the file, the capture and the field, or the first line.

import type { BundleManifest, CaptureNotes, ThreadRecord } from '../../model';
import type { CustodyEvent } from '../../provenance/custody';
import { tokenChainRoot } from '../../provenance/tsa-anchor';
import { pemCertificates } from '../../provenance/tsa-token';
import type { EvidenceFiles } from '../../evidence/evidence-files';
import { isPlainLine } from '../../evidence/plain-text';
import { firstDifferentLine, sameBytes } from '../../evidence/text-compare';
import type { VerifyCheck } from '../../evidence/verify-types';
import { isSafeSegment } from '../../zip/entry-names';
import { derivedEntries, type VerifiedCapture } from './capture-checks';
import { capturesJsonl, summarizeCapture, type CaptureSummary, type SummaryTimestamp } from '../../evidence/capture-summary';
import { capturesCsv } from './captures-csv';
import { CAPTURE_NOTES_FILE, captureFilePath, CSV_FILE, CUSTODY_FILE, JSONL_FILE, REPORT_FILE, tsaCertificateFile, VERIFY_GUIDE_FILE } from './layout';
import { renderReportHtml } from './report-html';
import { renderVerifyGuide } from './verify-guide';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Where a root is published: a web address (Sectigo's roots are served over plain http, as certificates often are). */
function isWebUrl(value: unknown): value is string {
  return isPlainLine(value, 500) && /^https?:\/\/[^\s]+$/.test(value);
}

/** The rows of captures.jsonl, by capture id; lines that are not JSON objects are skipped (the byte comparison catches them). */
function rowsOfJsonl(files: EvidenceFiles): Map<string, Record<string, unknown>> {
  const rows = new Map<string, Record<string, unknown>>();
  const bytes = files.bytes(JSONL_FILE);
  if (!bytes) return rows;
  let text = '';
  try {
    text = decoder.decode(bytes);
  } catch {
    return rows;
  }
  for (const line of text.split('\n')) {
    try {
      const row = JSON.parse(line) as unknown;
      if (row && typeof row === 'object' && !Array.isArray(row) && typeof (row as { id?: unknown }).id === 'string') rows.set((row as { id: string }).id, row as Record<string, unknown>);
    } catch {
      // not a row
    }
  }
  return rows;
}

/** The exporter's words for one token (its authority's id and name, where its root is published), if well formed. */
function tokenWords(row: Record<string, unknown> | undefined, file: string): { tsaId: string; tsa: string; obtainFrom?: string } | undefined {
  const listed = Array.isArray(row?.timestamps) ? (row.timestamps as unknown[]) : [];
  const entry = listed.find((t): t is Record<string, unknown> => !!t && typeof t === 'object' && (t as { file?: unknown }).file === file);
  if (!entry || typeof entry.tsaId !== 'string' || !isSafeSegment(entry.tsaId) || !isPlainLine(entry.tsa, 200)) return undefined;
  // capture.json.<tsaId>.tsr names its authority: the row may not name another.
  if (file !== 'capture.json.tsr' && file !== `capture.json.${entry.tsaId}.tsr`) return undefined;
  const root = entry.root as { obtainFrom?: unknown } | null | undefined;
  return { tsaId: entry.tsaId, tsa: entry.tsa, ...(root && isWebUrl(root.obtainFrom) ? { obtainFrom: root.obtainFrom } : {}) };
}

function readNotes(files: EvidenceFiles, id: string, checks: VerifyCheck[]): CaptureNotes | undefined {
  const file = captureFilePath(id, CAPTURE_NOTES_FILE);
  if (!files.has(file)) return undefined;
  const bytes = files.bytes(file);
  try {
    const text = decoder.decode(bytes!);
    const notes = JSON.parse(text) as CaptureNotes;
    // Written as JSON.stringify(notes, null, 2): any other form (a duplicate key a person reads first) is refused.
    if (`${JSON.stringify(notes, null, 2)}\n` === text) return notes;
  } catch {
    // reported below
  }
  checks.push({ check: 'readable-files', file, ok: false, message: 'These notes are not in the form PostProof writes them (one JSON object, as written at export).' });
  return undefined;
}

/**
 * The root a token's chain reaches through the token's own certificates and its authority's tsa/<id>.pem alone, as
 * the exporter worked it out (the pinned root it reached is shipped there): never through this verifier's own
 * anchors, so the answer does not depend on which roots this version of PostProof knows. Every token one certificate
 * signed has the same chain, so it is walked once per authority and signing certificate (the signature was checked
 * already, when the token was anchored).
 */
function shippedChainRoots(files: EvidenceFiles): (tsr: Uint8Array | undefined, tsaId: string | undefined, signerSha256: string | undefined) => Promise<{ subject: string; sha256: string } | null> {
  const walked = new Map<string, Promise<{ subject: string; sha256: string } | null>>();
  const certificates = new Map<string, Uint8Array[]>();
  const shipped = (tsaId: string | undefined) => {
    const key = tsaId ?? '';
    if (!certificates.has(key)) {
      const pem = tsaId ? files.bytes(tsaCertificateFile(tsaId)) : undefined;
      certificates.set(key, pem ? pemCertificates(new TextDecoder().decode(pem)) : []);
    }
    return certificates.get(key)!;
  };
  const walk = (tsr: Uint8Array, tsaId: string | undefined) => tokenChainRoot(tsr, shipped(tsaId), []).then((chain) => chain.chainRoot, () => null);
  return async (tsr, tsaId, signerSha256) => {
    if (!tsr) return null;
    if (!signerSha256) return walk(tsr, tsaId);
    const key = `${tsaId ?? ''}|${signerSha256}`;
    if (!walked.has(key)) walked.set(key, walk(tsr, tsaId));
    return walked.get(key)!;
  };
}

/** The row the bundle's own signed contents give for one capture. */
async function expectedRow(files: EvidenceFiles, capture: VerifiedCapture, manifest: BundleManifest, custody: ReadonlyMap<string, CustodyEvent[]>, listed: Record<string, unknown> | undefined, chainRoot: ReturnType<typeof shippedChainRoots>, checks: VerifyCheck[]): Promise<CaptureSummary> {
  const { record } = capture;
  const folder = captureFilePath(record.id, '');
  const timestamps: SummaryTimestamp[] = [];
  for (const { file, stamp } of capture.stamps) {
    const relative = file.slice(folder.length);
    const words = tokenWords(listed, relative);
    const root = await chainRoot(files.bytes(file), words?.tsaId, stamp.token.info.signerSha256);
    timestamps.push({
      file: relative,
      tsaId: words?.tsaId ?? '(not given)',
      tsa: words?.tsa ?? '(not given)',
      signer: stamp.token.info.signer,
      genTime: stamp.token.info.genTime,
      root: root ? { subject: root.subject, sha256: root.sha256, ...(words?.obtainFrom ? { obtainFrom: words.obtainFrom } : {}) } : null,
    });
  }
  const screenshot = record.artifacts.find((a) => a.role === 'screenshot');
  const derived = screenshot ? derivedEntries(manifest).find((d) => d.derivedFrom === captureFilePath(record.id, screenshot.path) && d.path.startsWith(folder)) : undefined;
  const problem = listed?.annotatedScreenshotProblem;
  const notes = readNotes(files, record.id, checks);
  return summarizeCapture({
    record,
    recordSha256: capture.sha256,
    timestamps,
    custody: (custody.get(record.id) ?? []).map((event) => ({ event: event.event, at: event.at })),
    ...(notes ? { notes } : {}),
    ...(derived ? { annotatedScreenshot: derived.path.slice(folder.length) } : {}),
    ...(!derived && screenshot && isPlainLine(problem, 1000) ? { annotatedScreenshotProblem: problem } : {}),
  });
}

/** The first field where a listed row differs from the expected one, for the message. */
function firstDifference(expected: CaptureSummary, listed: Record<string, unknown> | undefined): string {
  if (!listed) return 'it has no row for this capture';
  const keys = [...new Set([...Object.keys(expected), ...Object.keys(listed)])];
  for (const key of keys) {
    const want = JSON.stringify((expected as unknown as Record<string, unknown>)[key]);
    const have = JSON.stringify(listed[key]);
    if (want !== have) return `its "${key}" is ${(have ?? 'absent').slice(0, 160)}, where the signed contents give ${(want ?? 'nothing').slice(0, 160)}`;
  }
  return 'its fields are written in another order or form than PostProof writes them';
}

/** Checks the four readable files against the rows the signed contents give; returns those rows. */
export async function checkReadableFiles(
  files: EvidenceFiles,
  manifest: BundleManifest,
  exporterKeyId: string,
  captures: readonly VerifiedCapture[],
  custody: ReadonlyMap<string, CustodyEvent[]>,
  checks: VerifyCheck[],
  threads: readonly ThreadRecord[] = [],
): Promise<CaptureSummary[]> {
  const listedRows = rowsOfJsonl(files);
  const byId = new Map(captures.map((capture) => [capture.record.id, capture]));
  const rows: CaptureSummary[] = [];
  const chainRoot = shippedChainRoots(files);
  for (const id of manifest.captures) {
    const capture = byId.get(id);
    if (capture) rows.push(await expectedRow(files, capture, manifest, custody, listedRows.get(id), chainRoot, checks));
  }
  const before = checks.length;
  const jsonl = capturesJsonl(rows);
  if (!sameBytes(files.bytes(JSONL_FILE), jsonl)) {
    const differing = rows.filter((row) => JSON.stringify(row) !== JSON.stringify(listedRows.get(row.id)));
    for (const row of differing) checks.push({ check: 'readable-files', file: JSONL_FILE, ok: false, message: `The row of capture ${row.id} does not say what the signed contents say: ${firstDifference(row, listedRows.get(row.id))}.` });
    if (differing.length === 0) checks.push({ check: 'readable-files', file: JSONL_FILE, ok: false, message: `${JSONL_FILE} is not the file its rows make: ${firstDifferentLine(jsonl, files.bytes(JSONL_FILE))}.` });
  }
  const made: [string, string][] = [
    [CSV_FILE, capturesCsv(rows)],
    [REPORT_FILE, await renderReportHtml(rows, { createdAt: manifest.createdAt, software: manifest.software, keyId: exporterKeyId }, threads)],
    [VERIFY_GUIDE_FILE, renderVerifyGuide({ keyId: exporterKeyId, software: manifest.software, createdAt: manifest.createdAt, hasCustody: files.has(CUSTODY_FILE) }, rows, threads)],
  ];
  for (const [file, text] of made) {
    if (!sameBytes(files.bytes(file), text)) {
      checks.push({ check: 'readable-files', file, ok: false, message: `${file} does not say what the signed records say: ${firstDifferentLine(text, files.bytes(file))}.` });
    }
  }
  if (checks.length === before) {
    checks.push({ check: 'readable-files', ok: true, message: `${REPORT_FILE}, ${CSV_FILE}, ${JSONL_FILE} and ${VERIFY_GUIDE_FILE} say exactly what the signed records, tokens and custody log say, with the signing key’s own fingerprint.` });
  }
  return rows;
}
