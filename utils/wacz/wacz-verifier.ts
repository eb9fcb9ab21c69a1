// Verifies a PostProof WACZ: every resource's hash, the digest file, the anonymous signature (P1363 → DER), the
// datapackage timestamp, the WARC's byte layout and digests, the CDXJ index against the records it points to, and,
// inside the WARC, each capture's signed capture.json, its artifacts and its timestamps. Nothing is thrown: every
// failure is a check naming its file.

import { BundleReader } from '../bundle/bundle-reader';
import { checkSequenceChain, type VerifiedCapture } from '../bundle/capture-checks';
import { unsafeEntryNameReason } from '../zip/entry-names';
import { errorMessage } from '../bundle/errors';
import { CAPTURE_RECORD_FILE, CAPTURE_SIGNATURE_FILE } from '../bundle/layout';
import { asCaptureRecord, captureRecordProblem, parseJson } from '../bundle/record-shapes';
import type { TsaTrust } from '../bundle/timestamp-checks';
import type { VerifiedTimestamp, VerifyCheck, VerifyOptions, VerifyReport } from '../bundle/types';
import { readZipDirectory } from '../bundle/zip-directory';
import { authorLabel } from '../bundle/capture-summary';
import { verifyDer } from '../provenance/ecdsa';
import { fromBase64, sha256Hex } from '../provenance/hash';
import { checkTimestampResponse, pemCertificates, sortCertificates, TimestampError } from '../provenance/tsa-token';
import { parseCdxj } from './cdxj';
import { artifactTargetUris } from './capture-targets';
import { datapackageProblem, digestProblem, verifyAnonymousSignature, type Datapackage, type DatapackageDigest } from './datapackage';
import { ARTIFACT_PATH_FIELD, captureMetadataUri, DATAPACKAGE_FILE, DIGEST_FILE, FILES_OUTSIDE_DATAPACKAGE, INDEX_FILE, PAGES_FILE, PAGE_ID_FIELD, WARC_FILE } from './layout';
import { parsePages } from './pages';
import { parseWarc, recordIdOf, warcDigestProblems, type ParsedWarcRecord } from './warc-record';

const STORE = 0;
const CAPTURE_METADATA = /^metadata:\/\/postproof\/([^/]+)$/;
const TSA_METADATA = /^metadata:\/\/postproof\/tsa\/[^/]+\.pem$/;

type Checks = VerifyCheck[];

async function readJson(reader: BundleReader, file: string, checks: Checks, check: string): Promise<{ bytes?: Uint8Array; value: unknown }> {
  try {
    const bytes = await reader.read(file);
    return { bytes, value: parseJson(bytes) };
  } catch (error) {
    checks.push({ check, file, ok: false, message: `${file} could not be read: ${errorMessage(error)}` });
    return { value: null };
  }
}

/** WACZ replay needs STORED archive and index entries (FORMATS.md T7); PostProof stores every entry. */
function checkStored(bytes: Uint8Array, checks: Checks): void {
  const deflated = readZipDirectory(bytes).filter((entry) => !entry.isDirectory && entry.method !== STORE);
  for (const entry of deflated) {
    checks.push({ check: 'wacz-stored', file: entry.name, ok: false, message: 'This entry is compressed; PostProof stores every entry, and ReplayWeb.page cannot replay from a compressed archive/ or indexes/ entry. The file was re-packed.' });
  }
}

async function checkResources(reader: BundleReader, datapackage: Datapackage, checks: Checks): Promise<void> {
  const listed = new Set<string>();
  for (const { path, hash, bytes } of datapackage.resources) {
    const fail = (message: string) => checks.push({ check: 'file-hash', file: path, ok: false, message });
    if (unsafeEntryNameReason(path) || FILES_OUTSIDE_DATAPACKAGE.includes(path) || listed.has(path)) {
      fail(`${DATAPACKAGE_FILE} lists this name more than once, or a name it may not list.`);
      continue;
    }
    listed.add(path);
    if (!reader.has(path)) {
      fail(`This file is listed in ${DATAPACKAGE_FILE} but is missing from the WACZ.`);
      continue;
    }
    try {
      const actual = `sha256:${await reader.sha256(path)}`;
      if (reader.size(path) !== bytes) fail(`The file has ${reader.size(path)} bytes; ${DATAPACKAGE_FILE} says ${bytes}. It was changed after export.`);
      else if (actual !== hash) fail(`The file’s SHA-256 differs from ${DATAPACKAGE_FILE}: it was changed after export.`);
      else checks.push({ check: 'file-hash', file: path, ok: true, message: `Size and SHA-256 match ${DATAPACKAGE_FILE}.` });
    } catch (error) {
      fail(errorMessage(error));
    }
  }
  for (const name of reader.fileNames()) {
    if (!listed.has(name) && !FILES_OUTSIDE_DATAPACKAGE.includes(name)) {
      checks.push({ check: 'unlisted-file', file: name, ok: false, message: `This file is not listed in ${DATAPACKAGE_FILE}: it was added after export.` });
    }
  }
}

async function checkDigest(datapackageBytes: Uint8Array, datapackage: Datapackage | null, digest: DatapackageDigest, checks: Checks): Promise<{ key?: CryptoKey; keyId?: string }> {
  const actual = `sha256:${await sha256Hex(datapackageBytes)}`;
  const hashOk = digest.hash === actual && digest.signedData.hash === digest.hash;
  checks.push({
    check: 'datapackage-digest',
    file: DATAPACKAGE_FILE,
    ok: hashOk,
    message: hashOk ? `${DATAPACKAGE_FILE} matches the signed hash in ${DIGEST_FILE}.` : `${DATAPACKAGE_FILE} does not match the hash in ${DIGEST_FILE}: the list of files was changed after export.`,
  });
  if (datapackage && datapackage.created !== digest.signedData.created) {
    checks.push({ check: 'datapackage-digest', file: DIGEST_FILE, ok: false, message: `The signed "created" (${digest.signedData.created}) differs from ${DATAPACKAGE_FILE}’s (${datapackage.created}).` });
  }
  const signature = await verifyAnonymousSignature(digest.signedData);
  checks.push({
    check: 'datapackage-signature',
    file: DIGEST_FILE,
    ok: signature.ok,
    message: signature.ok
      ? `The package signature verifies (ECDSA P-384, key fingerprint ${signature.keyId}); compare the fingerprint with the one the collector published. ReplayWeb.page shows this key but never this verdict.`
      : `The package signature does not hold: ${signature.problem}.`,
  });
  return { key: signature.key, keyId: signature.keyId };
}

/** Roots for tokens: the ones the user pinned, else the self-signed certificates shipped in the WACZ. */
function tsaTrust(digest: DatapackageDigest | null, records: readonly ParsedWarcRecord[], options: VerifyOptions): TsaTrust {
  const pems = [digest?.timestamp?.tsaChain ?? '', ...records.filter((r) => TSA_METADATA.test(r.fields.get('warc-target-uri') ?? '')).map((r) => new TextDecoder().decode(r.block))];
  let shipped: Uint8Array[] = [];
  try {
    shipped = pems.flatMap((pem) => pemCertificates(pem));
  } catch {
    shipped = [];
  }
  const sorted = sortCertificates(shipped);
  if (options.tsaRoots?.length) return { kind: 'pinned', roots: options.tsaRoots, intermediates: [...sorted.intermediates, ...sorted.roots] };
  return { kind: 'bundled', roots: sorted.roots, intermediates: sorted.intermediates };
}

async function checkToken(tsr: Uint8Array, file: string, data: Uint8Array, what: string, trust: TsaTrust, checks: Checks): Promise<VerifiedTimestamp | null> {
  try {
    const info = await checkTimestampResponse(tsr, { sha256: await sha256Hex(data), data, trustedRoots: trust.roots, intermediates: trust.intermediates });
    const trustWords = trust.kind === 'pinned' ? 'chains to the root you pinned with --tsa-ca' : 'chains to a root shipped inside the WACZ (compare it with the authority’s, or pin it with --tsa-ca)';
    checks.push({ check: 'timestamp', file, ok: true, message: `Timestamped by ${info.signer} at ${info.genTime} (the authority’s clock). The token verifies, ${trustWords}, and covers ${what} exactly.` });
    return { file, tsa: info.signer, genTime: info.genTime, trust: trust.kind };
  } catch (error) {
    const why = error instanceof TimestampError ? error.message : errorMessage(error);
    checks.push({ check: 'timestamp', file, ok: false, message: `This timestamp over ${what} does not hold: ${why}` });
    return null;
  }
}

/** The WARC's byte layout and every record's digests. */
async function readWarc(reader: BundleReader, checks: Checks): Promise<{ bytes: Uint8Array; records: ParsedWarcRecord[] } | null> {
  let bytes: Uint8Array;
  try {
    bytes = await reader.read(WARC_FILE);
  } catch (error) {
    checks.push({ check: 'warc', file: WARC_FILE, ok: false, message: `The web archive could not be read: ${errorMessage(error)}` });
    return null;
  }
  const parsed = parseWarc(bytes);
  if (parsed.problem) checks.push({ check: 'warc', file: WARC_FILE, ok: false, message: `The WARC is damaged: ${parsed.problem}` });
  let bad = 0;
  for (const record of parsed.records) {
    const problems = await warcDigestProblems(record);
    if (problems.length > 0) {
      bad++;
      const uri = record.fields.get('warc-target-uri') ?? record.fields.get('warc-type') ?? '';
      checks.push({ check: 'warc', file: `${WARC_FILE}@${record.offset}`, ok: false, message: `The record for ${uri}: ${problems.join('; ')}. It was changed after export.` });
    }
  }
  if (!parsed.problem && bad === 0) checks.push({ check: 'warc', file: WARC_FILE, ok: true, message: `All ${parsed.records.length} WARC records are well-formed and match their digests.` });
  return { bytes, records: parsed.records };
}

async function checkIndex(reader: BundleReader, warc: Uint8Array, records: readonly ParsedWarcRecord[], checks: Checks): Promise<void> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await reader.read(INDEX_FILE));
  } catch (error) {
    checks.push({ check: 'cdxj', file: INDEX_FILE, ok: false, message: `The index could not be read: ${errorMessage(error)}` });
    return;
  }
  const byOffset = new Map(records.map((record) => [record.offset, record]));
  const { lines, problems, sorted } = parseCdxj(text);
  if (!sorted) problems.push('The lines are not sorted (LC_ALL=C sort order); replay tools may not find records.');
  for (const { lineNumber, json } of lines) {
    const record = typeof json.offset === 'number' ? byOffset.get(json.offset) : undefined;
    if (!record || record.length !== json.length) {
      problems.push(`Line ${lineNumber} points to no WARC record (offset ${String(json.offset)}, length ${String(json.length)}).`);
    } else if (record.fields.get('warc-target-uri') !== json.url || record.fields.get('warc-block-digest') !== json.digest) {
      problems.push(`Line ${lineNumber} names another URL or digest than the record it points to.`);
    } else if (json.recordDigest !== `sha256:${await sha256Hex(warc.subarray(record.offset, record.offset + record.length))}`) {
      problems.push(`Line ${lineNumber}: the record's bytes differ from its recordDigest.`);
    }
  }
  for (const message of problems) checks.push({ check: 'cdxj', file: INDEX_FILE, ok: false, message });
  if (problems.length === 0) checks.push({ check: 'cdxj', file: INDEX_FILE, ok: true, message: `All ${lines.length} index lines point to the right records.` });
}

async function checkPages(reader: BundleReader, records: readonly ParsedWarcRecord[], checks: Checks): Promise<void> {
  try {
    const { pages, problems } = parsePages(new TextDecoder().decode(await reader.read(PAGES_FILE)));
    const urls = new Set(records.map((r) => r.fields.get('warc-target-uri')));
    for (const page of pages) if (!urls.has(page.url)) problems.push(`The page ${page.url} has no record in the WARC.`);
    for (const message of problems) checks.push({ check: 'pages', file: PAGES_FILE, ok: false, message });
    if (problems.length === 0) checks.push({ check: 'pages', file: PAGES_FILE, ok: true, message: `${pages.length} page(s), each with its record in the WARC.` });
  } catch (error) {
    checks.push({ check: 'pages', file: PAGES_FILE, ok: false, message: `The list of pages could not be read: ${errorMessage(error)}` });
  }
}

interface CaptureContext {
  records: readonly ParsedWarcRecord[];
  byUri: ReadonlyMap<string, ParsedWarcRecord>;
  key?: CryptoKey;
  keyId?: string;
  trust: TsaTrust;
  /** Resource records an artifact of a signed capture accounted for. */
  claimed: Set<ParsedWarcRecord>;
}

async function verifyCapture(id: string, metadata: ParsedWarcRecord, ctx: CaptureContext, checks: Checks): Promise<VerifiedCapture | null> {
  const file = `${WARC_FILE}#${captureMetadataUri(id)}`;
  const bytes = metadata.block;
  const sigFile = captureMetadataUri(id, CAPTURE_SIGNATURE_FILE);
  const signature = ctx.byUri.get(sigFile);
  if (ctx.key) {
    const ok = !!signature && (await verifyDer(ctx.key, bytes, signature.block));
    checks.push({
      check: 'capture-signature',
      file,
      ok,
      message: ok ? 'The capture record’s signature verifies.' : signature ? `The signature (${sigFile}) does not match ${CAPTURE_RECORD_FILE}: the record was changed after capture, or signed by another key.` : `The capture record has no signature record (${sigFile}).`,
    });
  }
  const value = parseJson(bytes);
  const record = asCaptureRecord(value, id);
  if (!record) {
    checks.push({ check: 'capture-record', file, ok: false, message: `This is not a PostProof capture record: ${captureRecordProblem(value, id)}.` });
    return null;
  }
  const keyOk = !ctx.keyId || record.signer.keyId === ctx.keyId;
  checks.push({ check: 'capture-record', file, ok: keyOk, message: keyOk ? 'The capture record is readable.' : `The record names signing key ${record.signer.keyId}, not the package’s key ${ctx.keyId}.` });

  const targets = artifactTargetUris({ id, permalink: record.post?.url, pageUrl: record.page?.url ?? '', artifacts: record.artifacts });
  for (const artifact of record.artifacts) {
    const artifactFile = `${WARC_FILE}#${targets.get(artifact.path)}`;
    const found = ctx.records.find((r) => r.fields.get('warc-type') === 'resource' && r.fields.get(PAGE_ID_FIELD.toLowerCase()) === id && r.fields.get(ARTIFACT_PATH_FIELD.toLowerCase()) === artifact.path);
    if (!found) {
      checks.push({ check: 'artifact', file: artifactFile, ok: false, message: `The file ${artifact.path}, listed in the signed capture record, is missing from the WARC.` });
      continue;
    }
    ctx.claimed.add(found);
    const sameUrl = found.fields.get('warc-target-uri') === targets.get(artifact.path);
    const sameBytes = found.block.length === artifact.bytes && (await sha256Hex(found.block)) === artifact.sha256;
    checks.push({
      check: 'artifact',
      file: artifactFile,
      ok: sameUrl && sameBytes,
      message: !sameBytes
        ? `The archived ${artifact.path} differs from the one recorded and signed at capture time.`
        : !sameUrl
          ? `The archived ${artifact.path} replays at ${found.fields.get('warc-target-uri')}, not at the address in the signed record.`
          : `${artifact.path} matches the hash signed at capture time.`,
    });
  }
  const sha256 = await sha256Hex(bytes);
  const timestamps: VerifiedTimestamp[] = [];
  const prefix = captureMetadataUri(id, CAPTURE_RECORD_FILE);
  for (const token of ctx.records.filter((r) => (r.fields.get('warc-target-uri') ?? '').startsWith(prefix) && r.fields.get('warc-target-uri')!.endsWith('.tsr'))) {
    const verified = await checkToken(token.block, `${WARC_FILE}#${token.fields.get('warc-target-uri')}`, bytes, `capture ${id}’s ${CAPTURE_RECORD_FILE}`, ctx.trust, checks);
    if (verified) timestamps.push(verified);
  }
  return { record, sha256, timestamps };
}

async function verifyCaptures(records: readonly ParsedWarcRecord[], ctx: Omit<CaptureContext, 'records' | 'byUri' | 'claimed'>, checks: Checks): Promise<VerifiedCapture[]> {
  const byUri = new Map<string, ParsedWarcRecord>();
  for (const record of records) {
    const uri = record.fields.get('warc-target-uri');
    if (uri && !byUri.has(uri)) byUri.set(uri, record);
  }
  const context: CaptureContext = { ...ctx, records, byUri, claimed: new Set() };
  const verified: VerifiedCapture[] = [];
  for (const record of records) {
    const id = CAPTURE_METADATA.exec(record.fields.get('warc-target-uri') ?? '')?.[1];
    if (!id || record.fields.get('warc-type') !== 'metadata' || id === 'tsa') continue;
    const capture = await verifyCapture(id, record, context, checks);
    if (capture) verified.push(capture);
  }
  if (verified.length === 0) checks.push({ check: 'capture-record', file: WARC_FILE, ok: false, message: 'The WARC holds no PostProof capture record: this WACZ was not made by PostProof, or its records were removed.' });
  for (const record of records) {
    if (record.fields.get('warc-type') === 'resource' && !context.claimed.has(record)) {
      checks.push({ check: 'warc', file: `${WARC_FILE}#${record.fields.get('warc-target-uri')}`, ok: false, message: `This record (${recordIdOf(record)}) belongs to no signed capture record: it was added after capture.` });
    }
  }
  return verified;
}

export async function verifyWacz(bytes: Uint8Array, options: VerifyOptions = {}): Promise<VerifyReport> {
  const checks: Checks = [];
  const reader = await BundleReader.open(bytes, checks);
  if (!reader) return { verdict: 'invalid', checks, captures: [] };
  checkStored(bytes, checks);

  const { bytes: datapackageBytes, value: datapackageValue } = await readJson(reader, DATAPACKAGE_FILE, checks, 'datapackage');
  const datapackageWhy = datapackageBytes ? datapackageProblem(datapackageValue) : null;
  const datapackage = datapackageBytes && !datapackageWhy ? (datapackageValue as Datapackage) : null;
  if (datapackageBytes) {
    checks.push(datapackageWhy
      ? { check: 'datapackage', file: DATAPACKAGE_FILE, ok: false, message: `${DATAPACKAGE_FILE} is not a WACZ 1.1.1 package description: ${datapackageWhy}.` }
      : { check: 'datapackage', file: DATAPACKAGE_FILE, ok: true, message: `A WACZ ${datapackage!.wacz_version} package made by ${datapackage!.software}.` });
  }
  if (datapackage) await checkResources(reader, datapackage, checks);

  const { value: digestValue } = await readJson(reader, DIGEST_FILE, checks, 'datapackage-digest');
  const digestWhy = digestProblem(digestValue);
  const digest = digestWhy ? null : (digestValue as DatapackageDigest);
  if (digestValue !== null && digestWhy) checks.push({ check: 'datapackage-digest', file: DIGEST_FILE, ok: false, message: `${DIGEST_FILE} is not a signed WACZ digest: ${digestWhy}.` });
  const { key, keyId } = digest && datapackageBytes ? await checkDigest(datapackageBytes, datapackage, digest, checks) : {};

  const warc = await readWarc(reader, checks);
  const records = warc?.records ?? [];
  const trust = tsaTrust(digest, records, options);
  if (digest?.timestamp && datapackageBytes) {
    const tsr = fromBase64(digest.timestamp.tsr);
    if (tsr) await checkToken(tsr, `${DIGEST_FILE}#timestamp`, datapackageBytes, DATAPACKAGE_FILE, trust, checks);
    else checks.push({ check: 'timestamp', file: `${DIGEST_FILE}#timestamp`, ok: false, message: 'The timestamp token is not base64.' });
  } else if (digest) {
    checks.push({ check: 'timestamp', file: DIGEST_FILE, ok: true, note: true, message: `Note: the package carries no RFC 3161 timestamp (timestamping was off when it was exported); the export time rests on the collector’s clock.` });
  }
  if (warc) {
    await checkIndex(reader, warc.bytes, records, checks);
    await checkPages(reader, records, checks);
  }
  const verified = await verifyCaptures(records, { key, keyId, trust }, checks);
  checkSequenceChain(verified, checks);

  return {
    verdict: checks.every((c) => c.ok) ? 'valid' : 'invalid',
    checks,
    captures: verified.map(({ record, timestamps }) => ({
      id: record.id,
      author: authorLabel(record.post?.author?.name, record.post?.author?.handle),
      permalink: record.post?.url,
      capturedAt: record.capturedAt,
      ...(record.clock?.serverDate ? { serverDate: record.clock.serverDate } : {}),
      timestamps,
    })),
    ...(keyId ? { keyId } : {}),
  };
}
