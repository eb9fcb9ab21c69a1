// The verifier's checks on trusted time and custody: each capture's RFC 3161 tokens (signature, chain, imprint,
// TSA time) against the TSA certificates shipped in tsa/ or a root the user pinned, and the custody log's chain.

import { compareClocks, formatOffset } from '../provenance/clock-compare';
import { checkCustodyLog } from '../provenance/custody';
import { sha256Hex } from '../provenance/hash';
import { checkTimestampResponse, pemCertificates, sortCertificates, TimestampError } from '../provenance/tsa-token';
import type { BundleReader } from './bundle-reader';
import { errorMessage } from './errors';
import { CAPTURE_RECORD_FILE, captureFilePath, CUSTODY_FILE, TIMESTAMP_FILE_PATTERN, TSA_DIR } from './layout';
import type { VerifiedTimestamp, VerifyCheck, VerifyOptions } from './types';

/** What tokens are checked against: the user's pinned roots, or the roots shipped in the bundle's tsa/ folder. */
export interface TsaTrust {
  kind: 'pinned' | 'bundled';
  roots: Uint8Array[];
  intermediates: Uint8Array[];
}

/** Reads tsa/*.pem (each one a check) and decides which roots count. */
export async function readTsaTrust(reader: BundleReader, options: VerifyOptions, checks: VerifyCheck[]): Promise<TsaTrust> {
  const shipped: Uint8Array[] = [];
  for (const file of reader.fileNames().filter((name) => name.startsWith(`${TSA_DIR}/`) && name.endsWith('.pem'))) {
    try {
      const ders = pemCertificates(new TextDecoder().decode(await reader.read(file)));
      if (ders.length === 0) throw new Error('it holds no certificate');
      const { roots, subjects } = sortCertificates(ders);
      const fingerprints = await Promise.all(roots.map(sha256Hex));
      shipped.push(...ders);
      checks.push({
        check: 'tsa-certificate',
        file,
        ok: true,
        message: `${subjects.join('; ')}. ${roots.length ? `Root SHA-256 fingerprint ${fingerprints.join(', ')}: compare it with the one the timestamp authority publishes.` : 'No root certificate: pin the authority’s root with --tsa-ca.'}`,
      });
    } catch (error) {
      checks.push({ check: 'tsa-certificate', file, ok: false, message: `The timestamp authority’s certificates could not be read: ${errorMessage(error)}.` });
    }
  }
  const bundled = sortCertificates(shipped);
  if (options.tsaRoots?.length) return { kind: 'pinned', roots: options.tsaRoots, intermediates: [...bundled.intermediates, ...bundled.roots] };
  return { kind: 'bundled', roots: bundled.roots, intermediates: bundled.intermediates };
}

/** Token files of one capture in the ZIP, `capture.json.tsr` first. */
function timestampFiles(reader: BundleReader, captureId: string): string[] {
  const folder = captureFilePath(captureId, '');
  return reader
    .fileNames()
    .filter((name) => name.startsWith(folder) && TIMESTAMP_FILE_PATTERN.test(name.slice(folder.length)))
    .sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
}

/** Checks every token of a capture against its capture.json bytes; returns the ones that passed. */
export async function checkTimestamps(
  reader: BundleReader,
  capture: { id: string; bytes: Uint8Array; sha256: string; capturedAt?: string },
  trust: TsaTrust,
  checks: VerifyCheck[],
): Promise<VerifiedTimestamp[]> {
  const verified: VerifiedTimestamp[] = [];
  for (const file of timestampFiles(reader, capture.id)) {
    try {
      const info = await checkTimestampResponse(await reader.read(file), {
        sha256: capture.sha256,
        data: capture.bytes,
        trustedRoots: trust.roots,
        intermediates: trust.intermediates,
      });
      verified.push({ file, tsa: info.signer, genTime: info.genTime, trust: trust.kind });
      const offset = capture.capturedAt ? compareClocks({ capturedAt: capture.capturedAt, tsa: [{ name: '', genTime: info.genTime }] })[1] : undefined;
      const trustWords =
        trust.kind === 'pinned'
          ? 'chains to the root you pinned with --tsa-ca'
          : `chains to the root shipped in ${TSA_DIR}/ (compare its fingerprint with the authority’s, or pin it with --tsa-ca)`;
      checks.push({
        check: 'timestamp',
        file,
        ok: true,
        message: `Timestamped by ${info.signer} at ${info.genTime} (the authority’s clock${offset ? `; ${formatOffset(offset.offsetMs)} from the collector’s clock` : ''}). The token’s signature verifies, it ${trustWords}, and it covers this ${CAPTURE_RECORD_FILE} exactly: the record existed, unchanged, no later than that time.`,
      });
    } catch (error) {
      const why = error instanceof TimestampError ? error.message : errorMessage(error);
      const hint =
        error instanceof TimestampError && error.code === 'TSA_WRONG_IMPRINT'
          ? ` Either ${CAPTURE_RECORD_FILE} was changed after it was timestamped, or the token belongs to another record.`
          : error instanceof TimestampError && error.code === 'TSA_UNTRUSTED_CHAIN' && trust.roots.length === 0
            ? ' No root certificate is shipped in tsa/ and none was pinned: pass the authority’s root with --tsa-ca.'
            : '';
      checks.push({ check: 'timestamp', file, ok: false, message: `This timestamp does not hold: ${why}${hint}` });
    }
  }
  return verified;
}

/** Checks custody.jsonl against the captures of the bundle; a bundle made before the log existed gets a note. */
export async function checkCustody(reader: BundleReader, recordSha256: ReadonlyMap<string, string>, checks: VerifyCheck[]): Promise<void> {
  if (!reader.has(CUSTODY_FILE)) {
    if (recordSha256.size > 0) {
      checks.push({ check: 'custody-chain', ok: true, note: true, message: `Note: this bundle has no ${CUSTODY_FILE} (it was made before PostProof kept a custody log), so no custody history can be checked.` });
    }
    return;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await reader.read(CUSTODY_FILE));
  } catch (error) {
    checks.push({ check: 'custody-chain', file: CUSTODY_FILE, ok: false, message: `The custody log could not be read: ${errorMessage(error)}` });
    return;
  }
  const { problems, events } = await checkCustodyLog(text, recordSha256);
  const messages = problems.map((problem) => problem.message);
  for (const id of recordSha256.keys()) {
    if (!events.has(id)) messages.push(`The custody log has no events for capture ${id}: its history was left out.`);
    // A chain cannot show that its last lines were cut off; the tokens in the bundle can: each has its event.
    const logged = new Set((events.get(id) ?? []).filter((e) => e.event === 'timestamped').map((e) => e.details.tsrSha256));
    for (const file of timestampFiles(reader, id)) {
      if (!logged.has(await reader.sha256(file))) messages.push(`The custody log of capture ${id} has no “timestamped” event for ${file}: events were cut from the log.`);
    }
  }
  for (const message of messages) checks.push({ check: 'custody-chain', file: CUSTODY_FILE, ok: false, message });
  if (messages.length === 0) {
    const count = [...events.values()].reduce((sum, list) => sum + list.length, 0);
    checks.push({ check: 'custody-chain', file: CUSTODY_FILE, ok: true, message: `The custody log’s ${count} event(s) link line to line by SHA-256, each capture’s starting with its capture.json.` });
  }
}
