// What people (and replay tools) read must say what is signed: the verifier makes pages/pages.jsonl, indexes/index.cdx,
// VERIFY.txt and datapackage.json again, from the verified capture records, the WARC's own accounted-for records and
// the signed package, and requires the exact bytes. A difference names the file and its first differing line.

import type { ThreadRecord } from '../../model';
import type { EvidenceFiles } from '../../evidence/evidence-files';
import type { VerifyCheck } from '../../evidence/verify-types';
import { sha256Hex } from '../../provenance/hash';
import { formatCdxj, indexEntry } from './cdxj';
import { makeDatapackage, serializeJson, type Datapackage } from './datapackage';
import { DATAPACKAGE_FILE, GUIDE_FILE, INDEX_FILE, PAGES_FILE } from './layout';
import { capturePage, pageFieldsOf, pagesJsonl } from './pages';
import type { RecordClaims } from './record-claims';
import { firstDifferentLine, sameBytes } from '../../evidence/text-compare';
import { renderWaczGuide } from './verify-guide';
import type { WaczCapture } from './warc-captures';
import { errorMessage } from '../../error-message';

/** The index of every accounted-for record but warcinfo, in file order, as the writer makes it. */
async function expectedIndex(claims: RecordClaims): Promise<string> {
  const entries = [];
  for (const entry of claims.claimed()) {
    if (entry.type === 'warcinfo') continue;
    const { offset, length } = entry.record;
    const recordDigest = `sha256:${await sha256Hex(claims.warc.bytes.subarray(offset, offset + length))}`;
    entries.push(indexEntry({ targetUri: entry.uri, date: entry.date, contentType: entry.record.fields.get('content-type') ?? '' }, { offset, length, blockDigest: `sha256:${entry.sha256}`, recordDigest }, claims.responseOf(entry)));
  }
  return formatCdxj(entries);
}

/** Checks the four readable files against what the signed records and package make of them. */
export async function checkReadableFiles(
  files: EvidenceFiles,
  claims: RecordClaims,
  datapackage: Datapackage,
  keyId: string,
  captures: readonly WaczCapture[],
  checks: VerifyCheck[],
  threads: readonly ThreadRecord[] = [],
): Promise<void> {
  const fields = captures.map((c) => pageFieldsOf(c.record));
  const meta = { created: datapackage.created, software: datapackage.software };
  const resources = datapackage.resources.map(({ path, hash, bytes }) => ({ name: path.slice(path.lastIndexOf('/') + 1), path, hash, bytes }));
  const made: [string, () => Promise<string> | string][] = [
    [PAGES_FILE, () => pagesJsonl(fields.map(capturePage))],
    [INDEX_FILE, () => expectedIndex(claims)],
    [GUIDE_FILE, () => renderWaczGuide({ keyId, ...meta, threads })],
    [DATAPACKAGE_FILE, () => new TextDecoder().decode(serializeJson(makeDatapackage(meta, resources, fields)))],
  ];
  const before = checks.length;
  for (const [file, make] of made) {
    let text: string;
    try {
      text = await make();
    } catch (error) {
      checks.push({ check: 'readable-files', file, ok: false, message: `What the signed records make of ${file} could not be made (${errorMessage(error)}).` });
      continue;
    }
    if (!sameBytes(files.bytes(file), text)) {
      checks.push({ check: 'readable-files', file, ok: false, message: `${file} does not say what the signed records say: ${firstDifferentLine(text, files.bytes(file))}.` });
    }
  }
  if (checks.length === before) {
    checks.push({ check: 'readable-files', ok: true, message: `${PAGES_FILE}, ${INDEX_FILE}, ${GUIDE_FILE} and ${DATAPACKAGE_FILE}’s title and description say exactly what the signed records say, with the signing key’s own fingerprint.` });
  }
}
