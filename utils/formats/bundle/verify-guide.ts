// VERIFY.txt: the stock-tool recipe of DESIGN.md §5 with every command filled in for this bundle's own captures, and
// in plain words what each step proves and does not. Made from the summary rows alone, so the verifier can make it
// again and require the same bytes. Command lines start with "$ "; a "prints:" line under one gives its exact output
// ("…" standing for a part that varies), so tests can run the guide as written.

import type { ThreadRecord } from '../../model';
import { plainLine } from '../../evidence/plain-text';
import { THREAD_RECORD_FILE, THREAD_SIGNATURE_FILE, threadFilePath } from '../../evidence/thread-files';
import { authorLabel, type CaptureSummary, type SummaryTimestamp } from '../../evidence/capture-summary';
import {
  CAPTURE_NOTES_FILE,
  CAPTURE_RECORD_FILE,
  CAPTURE_SIGNATURE_FILE,
  CAPTURE_SIGNER_FILE,
  captureFilePath,
  CHECKSUMS_FILE,
  CHECKSUMS_SIGNATURE_FILE,
  CUSTODY_FILE,
  SIGNER_KEY_FILE,
} from './layout';

export interface GuideMeta {
  keyId: string;
  software: string;
  createdAt: string;
  hasCustody: boolean;
}

/** Text from a post in the guide: one line, no control or direction characters, bounded. */
const plain = (text: string | undefined, max = 80) => plainLine(text ?? '', max);

function keyFile(row: CaptureSummary, exporter: string): string {
  return row.keyId === exporter ? SIGNER_KEY_FILE : captureFilePath(row.id, CAPTURE_SIGNER_FILE);
}

/** The files of a capture's folder besides the artifacts its record lists: what step 5's last command expects. */
export function captureSidecars(row: CaptureSummary, exporter: string): string[] {
  return [
    CAPTURE_RECORD_FILE,
    CAPTURE_SIGNATURE_FILE,
    ...(row.keyId === exporter ? [] : [CAPTURE_SIGNER_FILE]),
    ...row.timestamps.map((t) => t.file),
    ...(row.notes ? [CAPTURE_NOTES_FILE] : []),
    ...(row.annotatedScreenshot ? [row.annotatedScreenshot] : []),
  ];
}

function tokenCommands(row: CaptureSummary, stamp: SummaryTimestamp): string[] {
  const record = captureFilePath(row.id, CAPTURE_RECORD_FILE);
  const token = captureFilePath(row.id, stamp.file);
  const rootFile = `${stamp.tsaId}-root.pem`;
  const root = stamp.root
    ? [
        `   ${rootFile} must be ${stamp.root.subject}, whose SHA-256 fingerprint is`,
        `   ${stamp.root.sha256}`,
        `   ${stamp.root.obtainFrom ? `Download it from the authority itself (${stamp.root.obtainFrom})` : 'Get it from the authority itself (its website, or a trust store you rely on)'} and save it beside BUNDLE.zip.`,
        `   $ openssl x509 -in ../${rootFile} -outform DER | sha256sum`,
        `     prints: ${stamp.root.sha256}  -`,
      ]
    : [`   The certificates in this bundle do not reach a root for this authority: get its root from the authority itself, as ${rootFile} beside BUNDLE.zip.`];
  return [
    `   Token ${stamp.file}, from ${plain(stamp.tsa)} (signed by ${plain(stamp.signer, 120)}):`,
    ...root,
    `   $ openssl ts -verify -data ${record} -in ${token} -CAfile ../${rootFile} -attime ${Math.floor(Date.parse(stamp.genTime) / 1000)}`,
    '     prints: Verification: OK',
    `   (-attime checks the authority's certificates as of the token's own time, ${stamp.genTime}: a certificate that`,
    `   has expired since is fine, one that was not valid then is not.)`,
    `   The authority's time is ${stamp.genTime}; the record says it was captured at ${row.capturedAt}:`,
    `   $ openssl ts -reply -in ${token} -text | grep '^Time stamp'`,
    `   The time it shows must not be earlier than the capture time (allow a few minutes for a wrong clock).`,
  ];
}

function captureBlock(row: CaptureSummary, exporter: string): string {
  const folder = captureFilePath(row.id, '').replace(/\/$/, '');
  const record = captureFilePath(row.id, CAPTURE_RECORD_FILE);
  const key = keyFile(row, exporter);
  const lines = [
    `Capture ${row.id}: ${plain(authorLabel(row.authorName, row.authorHandle)) || 'author unknown'}, captured ${row.capturedAt}`,
    ...(row.permalink ? [`   ${plain(row.permalink, 200)}`] : []),
  ];
  if (row.keyId !== exporter) {
    lines.push(
      `   Made and signed by ANOTHER install and imported: its key is ${key}. Its fingerprint`,
      `   $ openssl pkey -pubin -in ${key} -outform DER | sha256sum`,
      `     prints: ${row.keyId}  -`,
      `   must be the one that collector published.`,
    );
  }
  lines.push(
    `   $ openssl dgst -sha256 -verify ${key} -signature ${captureFilePath(row.id, CAPTURE_SIGNATURE_FILE)} ${record}`,
    '     prints: Verified OK',
    `   $ jq -r '.artifacts[] | "\\(.sha256)  ${folder}/\\(.path)"' ${record} | sha256sum --strict -c`,
    `   $ (cd ${folder} && find . ! -type d | sed 's|^\\./||' | sort) | diff - <( (jq -r '.artifacts[].path' ${record}; printf '%s\\n' ${captureSidecars(row, exporter).join(' ')}) | sort)`,
  );
  for (const stamp of row.timestamps) lines.push(...tokenCommands(row, stamp));
  if (row.timestamps.length === 0) lines.push('   No trusted timestamp: this capture\'s time rests on the collector\'s clock alone.');
  return lines.join('\n');
}

/** A thread record's commands: its signature by the exporting key, then each member's capture.json by the hash it lists. */
function threadBlock(thread: ThreadRecord): string {
  const record = threadFilePath(thread.id, THREAD_RECORD_FILE);
  const counted = thread.counts.repliesCounted === null ? 'not shown' : String(thread.counts.repliesCounted);
  return [
    `Thread ${thread.id}: ${thread.members.length} post(s) on ${thread.platform}, preserved ${thread.createdAt}`,
    `   Replies the platform counts: ${counted}; shown on the page: ${thread.counts.repliesShown}; captured: ${thread.counts.repliesCaptured}.`,
    `   $ openssl dgst -sha256 -verify ${SIGNER_KEY_FILE} -signature ${threadFilePath(thread.id, THREAD_SIGNATURE_FILE)} ${record}`,
    '     prints: Verified OK',
    `   $ jq -r '.members[] | "\\(.captureSha256)  captures/\\(.captureId)/capture.json"' ${record} | sha256sum --strict -c`,
    `   sha256sum must print OK for each of the ${thread.members.length} member(s): each is the capture.json the thread record lists.`,
  ].join('\n');
}

function threadsStep(threads: readonly ThreadRecord[]): string {
  if (threads.length === 0) return '';
  return `

5b. Each thread record (${threads.length}) as it was signed when the thread was preserved, by the key of step 3, and each
   of its members: the thread record lists its member captures in page order by the SHA-256 of their capture.json,
   with the platform's own counts beside the captured ones.

${threads.map(threadBlock).join('\n\n')}`;
}

export function renderVerifyGuide(meta: GuideMeta, rows: readonly CaptureSummary[], threads: readonly ThreadRecord[] = []): string {
  const stamped = rows.some((row) => row.timestamps.length > 0);
  const imported = rows.some((row) => row.keyId !== meta.keyId);
  return `HOW TO VERIFY THIS POSTPROOF EVIDENCE BUNDLE
=============================================

${rows.length} capture(s), exported ${meta.createdAt} by ${plain(meta.software)}, signed by the key whose
fingerprint (SHA-256 of the public key) is

   ${meta.keyId}

Compare it with the fingerprint the collector or newsroom published (on its website, in a signed statement, in
a filing) BEFORE anything else: someone who re-signs a changed bundle with a key of their own passes every step
below with that key, and only the fingerprint tells. With PostProof, "npx postproof verify BUNDLE.zip
--expect-key ${meta.keyId}" runs every step at once and also checks that report.html, captures.csv,
captures.jsonl and this file say what the signed records say. This recipe is also in PostProof's own
documentation (docs/verify-by-hand.md); a bundle's own instructions can be changed with the bundle.

You need a shell with bash, head, tail, od, unzip, openssl, sha256sum, jq, find, sort and diff. Put the bundle,
named BUNDLE.zip here (use its real name), in an empty folder and run the commands there, in this order. A
command that fails, or prints something else than the "prints:" line under it, means: stop, not intact.

1. Nothing hidden before or after the archive:
   $ head -c 4 BUNDLE.zip | od -An -tx1
     prints: 50 4b 03 04
   $ tail -c 22 BUNDLE.zip | od -An -tx1
     prints: 50 4b 05 06 … 00 00
   A PostProof bundle starts with its first entry and ends with its end record, with no comment.

2. Unpack, and go into the folder:
   $ unzip -q BUNDLE.zip -d B && cd B
   unzip must print nothing: a warning means the archive is malformed.

3. Who signed the bundle:
   $ openssl pkey -pubin -in ${SIGNER_KEY_FILE} -outform DER | sha256sum
     prints: ${meta.keyId}  -

4. Every file as the exporting key signed it, and nothing else:
   $ openssl dgst -sha256 -verify ${SIGNER_KEY_FILE} -signature ${CHECKSUMS_SIGNATURE_FILE} ${CHECKSUMS_FILE}
     prints: Verified OK
   $ sha256sum --strict -c ${CHECKSUMS_FILE}
   $ find . ! -type d ! -path ./${CHECKSUMS_FILE} ! -path ./${CHECKSUMS_SIGNATURE_FILE} | sed 's|^\\./||' | sort | diff - <(sed 's/^[0-9a-f]\\{64\\}  //' ${CHECKSUMS_FILE} | sort)
   sha256sum must print OK for every file; the last command must print nothing (no file added, none missing).

5. Each capture record as it was signed at the moment of capture, its files as the record lists them, and no
   other file in its folder${stamped ? ', then its trusted timestamps (RFC 3161)' : ''}. A timestamp authority's root must come from
   the authority itself, never from this bundle's tsa/ folder: anyone can make a certificate with any name, and
   tsa/ is only a convenience copy.

${rows.map((row) => captureBlock(row, meta.keyId)).join('\n\n')}${threadsStep(threads)}

6. The custody log${meta.hasCustody ? '' : ' (none in this bundle)'}: ${CUSTODY_FILE} lists what happened to each capture (captured, timestamped,
   annotated, exported, verified), one JSON object per line, each carrying the SHA-256 of the line before it
   for the same capture ("previousSha256"); a capture's first line names the SHA-256 of its capture.json.
   "npx postproof verify" checks this chain; by hand: printf '%s' "LINE" | sha256sum

WHAT THESE STEPS PROVE
- Steps 1 to 4: every file is exactly as the key of step 3 signed it at export, and nothing was added, removed
  or hidden.
- Step 5: each capture record (capture.json, which holds the SHA-256 of every screenshot, snapshot and media file
  of that capture) and each of those files are unchanged since the moment of capture, and were signed then by
  the key named for that capture${imported ? ' (another install\'s key, for an imported capture)' : ''}; no file was slipped into a capture's folder.${stamped ? `
- The timestamps: each timestamped capture.json existed, exactly as it is, no later than the authority's time,
  provided the root you used is that authority's real root.` : ''}
${threads.length > 0 ? `- Step 5b: each thread record is as the exporting key signed it when the thread was preserved, and names
  exactly the capture records in this bundle, in page order; its counts are the platform's and the page's
  words at that moment, and what was captured.
` : ''}- Each capture.json carries the SHA-256 of the capture made before it by the same install (previousCaptureSha256):
  a capture removed or inserted between two in this bundle breaks that chain (postproof verify checks it).

WHAT THEY DO NOT PROVE
- Who holds the key. The signatures tie the files to a key; only a fingerprint published out of band ties the
  key to a person or newsroom.
- That the platform really served this content. The signatures show what the collector's browser recorded, not
  that the page was genuine; the permalink, the platform server's time (clock.serverDate in each capture.json,
  as the collector's browser reported it) and independent copies corroborate it.
- ${stamped ? 'When the capture happened, beyond "no later than" the authority\'s time: the collector\'s clock (capturedAt) is the collector\'s word.' : 'When the capture happened: no capture in this bundle has a trusted timestamp, so every time in it rests on the collector\'s clock.'}
- report.html, captures.csv, captures.jsonl and this file are readings of the signed records made at export;
  "postproof verify" checks that they say what the records say, the stock tools above do not. notes.json files
  and the custody log are the collector's own annotations and history, signed at export but not at capture.${
    rows.some((row) => row.annotatedScreenshot)
      ? `
- Each screenshot.annotated.png is a copy PostProof made at export, with a header strip (URL, capture time in UTC,
  trusted timestamp, capture id) above the unchanged screenshot, as manifest.json "derived" describes:
  it is derived, and the untouched screenshot.png, whose hash the signed capture.json holds, is the evidence.`
      : ''
  }
`;
}
