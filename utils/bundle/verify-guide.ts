// VERIFY.txt: how to check a bundle with stock tools, and what each check does and does not prove, in plain words.

import type { CaptureSummary } from './capture-summary';
import {
  CAPTURE_RECORD_FILE,
  CAPTURE_SIGNATURE_FILE,
  captureFilePath,
  CHECKSUMS_FILE,
  CUSTODY_FILE,
  MANIFEST_FILE,
  MANIFEST_SIGNATURE_FILE,
  SIGNER_KEY_FILE,
  tsaCertificateFile,
} from './layout';

function timestampSection(summaries: readonly Pick<CaptureSummary, 'id' | 'timestamps'>[]): string {
  const commands = summaries.flatMap((s) =>
    s.timestamps.map(
      (t) => `   openssl ts -verify -data ${captureFilePath(s.id, CAPTURE_RECORD_FILE)} -in ${captureFilePath(s.id, t.file)} -CAfile ${tsaCertificateFile(t.tsaId)}`,
    ),
  );
  if (commands.length === 0) {
    return `6. Trusted timestamps: none. No capture in this bundle carries an RFC 3161 timestamp (timestamping was
   off, or the authority had not answered yet when the bundle was exported).
`;
  }
  const unstamped = summaries.filter((s) => s.timestamps.length === 0).map((s) => s.id);
  return `6. Check the trusted timestamps (RFC 3161), made by an independent timestamp authority (TSA) over the
   SHA-256 of each capture.json right after the capture:

${commands.join('\n')}

   Each must print "Verification: OK". "openssl ts -reply -in FILE.tsr -text" shows the TSA's time ("Time stamp:").
   The -CAfile given here is the TSA certificate chain shipped inside this bundle (tsa/). It proves the token
   is consistent, not that a real TSA made it: anyone can make a certificate with any name. Compare the
   fingerprints written in the tsa/*.pem file (or printed by "openssl x509 -in tsa/NAME.pem -noout -fingerprint
   -sha256") with the root certificate the TSA publishes, or run the command with -CAfile set to the root you
   downloaded from the TSA yourself ("npx postproof verify BUNDLE.zip --tsa-ca ROOT.pem" does the same).
${unstamped.length ? `   Not timestamped: ${unstamped.join(', ')}.\n` : ''}`;
}

export function renderVerifyGuide(meta: {
  keyId: string;
  summaries: readonly Pick<CaptureSummary, 'id' | 'timestamps'>[];
  hasCustody: boolean;
  /** Whether manifest.json lists derived files (annotated screenshot copies). */
  hasDerived?: boolean;
}): string {
  const hasTimestamps = meta.summaries.some((s) => s.timestamps.length > 0);
  const captureCommands = meta.summaries
    .map(({ id }) => {
      const record = captureFilePath(id, CAPTURE_RECORD_FILE);
      const signature = captureFilePath(id, CAPTURE_SIGNATURE_FILE);
      return `   openssl dgst -sha256 -verify ${SIGNER_KEY_FILE} -signature ${signature} ${record}`;
    })
    .join('\n');
  return `HOW TO VERIFY THIS POSTPROOF EVIDENCE BUNDLE
=============================================

You need: unzip, sha256sum (coreutils) and openssl. No PostProof software is needed.
(With PostProof installed, "npx postproof verify BUNDLE.zip" runs all of these checks at once.)

1. Unpack the bundle into an empty folder and go into it:

   unzip BUNDLE.zip -d bundle && cd bundle

2. Check that no file changed since the export:

   sha256sum -c ${CHECKSUMS_FILE}

   Every line must end in "OK".

3. Check the signature on the list of files:

   openssl dgst -sha256 -verify ${SIGNER_KEY_FILE} -signature ${MANIFEST_SIGNATURE_FILE} ${MANIFEST_FILE}

   It must print "Verified OK". ${MANIFEST_FILE} lists every file of the bundle with its size and SHA-256,
   so this signature covers all of them. (${CHECKSUMS_FILE} itself is not signed; it is a convenience.
   Step 3 plus the hashes in ${MANIFEST_FILE} are what count.)

4. Check the signature on each capture record, made at the moment of capture:

${captureCommands}

   Each must print "Verified OK".

5. Check who signed. The key in ${SIGNER_KEY_FILE} has this fingerprint (SHA-256 of the public key):

   ${meta.keyId}

   Compute it yourself with:

   openssl pkey -pubin -in ${SIGNER_KEY_FILE} -outform DER | sha256sum

   Compare it with the fingerprint the newsroom or collector published (on its website, in a signed
   statement, in court filings). A matching fingerprint ties the signatures to that collector; a signature
   by an unknown key proves nothing about who made it.

${timestampSection(meta.summaries)}
7. The custody log${meta.hasCustody ? '' : ' (none in this bundle)'}: ${CUSTODY_FILE} lists what happened to each capture (captured,
   timestamped, annotated, exported, verified), one JSON object per line. Each line carries the SHA-256 of the
   line before it for the same capture ("previousSha256"); the first line of a capture names the SHA-256 of its
   capture.json. "npx postproof verify" checks this chain; by hand, hash a line without its newline:

   printf '%s' "LINE" | sha256sum

WHAT THESE CHECKS PROVE
- Steps 2 and 3: the files are exactly as they were when the bundle was exported.
- Step 4: each capture record (capture.json, which holds the SHA-256 of every screenshot, snapshot and media
  file of that capture) is unchanged since the moment it was captured, and was signed by the key above.
- Each capture.json carries the SHA-256 of the previous capture made by the same install
  (previousCaptureSha256). A missing or inserted capture between two in this bundle breaks that chain.

WHAT THEY DO NOT PROVE
- They do not prove that the platform really served this content: a signature shows what the collector's
  browser recorded, not that the page was genuine. The permalink, the platform's server time recorded in
  each capture, and independent copies (another archive, the platform's own API) corroborate it.
${
  hasTimestamps
    ? `- Step 6 proves that each timestamped capture.json existed, exactly as it is, no later than the TSA's time,
  provided you trust that TSA (check its root as step 6 says). It does not prove the capture was not made
  earlier, nor that the collector's own clock ("capturedAt") was right: report.html shows the collector's
  clock, the platform server's clock (HTTP Date) and the TSA's time side by side.`
    : `- They do not prove the time of capture: the capture time comes from the collector's own clock.
  A trusted timestamp (RFC 3161) is what proves a record existed by a given time; this bundle has none.`
}
- The platform server's time (clock.serverDate in capture.json) is what the server said in its HTTP Date
  header. It is signed with the record, but it is the collector's browser that reported it.
- The custody log (step 7) is kept by the collector's own PostProof: its chain shows that no event was changed,
  removed from the middle or reordered since it was written (each token in the bundle must also have its
  "timestamped" event), and the manifest signature covers it, but its times come from the
  collector's clock, except the TSA times it quotes.
- They do not prove who the signer is, unless the key fingerprint matches one published out of band.
- report.html, captures.csv and captures.jsonl are readable summaries made at export time; they are covered by
  the file hashes but the capture records (capture.json) are the evidence.
- notes.json files are the collector's annotations, added after capture; they are not part of the signed records.
${
  meta.hasDerived
    ? `- Each screenshot.annotated.png is a copy PostProof made with a header strip (URL, capture time in UTC, trusted
  timestamp, capture id) added above the unchanged screenshot, as manifest.json "derived" describes: it is derived,
  and the untouched screenshot.png, whose hash the signed capture.json holds, is the evidence.
`
    : ''
}`;
}
