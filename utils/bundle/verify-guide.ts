// VERIFY.txt: how to check a bundle with stock tools, and what each check does and does not prove, in plain words.

import {
  CAPTURE_RECORD_FILE,
  CAPTURE_SIGNATURE_FILE,
  captureFilePath,
  CHECKSUMS_FILE,
  MANIFEST_FILE,
  MANIFEST_SIGNATURE_FILE,
  SIGNER_KEY_FILE,
} from './layout';

export function renderVerifyGuide(meta: { keyId: string; captureIds: readonly string[] }): string {
  const captureCommands = meta.captureIds
    .map((id) => {
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
- They do not prove the time of capture: the capture time comes from the collector's own clock.
  A trusted timestamp (RFC 3161) is what proves a record existed by a given time; this bundle has none.
- They do not prove who the signer is, unless the key fingerprint matches one published out of band.
- report.html, captures.csv and captures.jsonl are readable summaries made at export time; they are covered by
  the file hashes but the capture records (capture.json) are the evidence.
- notes.json files are the collector's annotations, added after capture; they are not part of the signed records.
`;
}
