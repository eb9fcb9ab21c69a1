// What a reader of a PostProof WACZ must know: what ReplayWeb.page shows and does not (FORMATS.md T4/T5), and how
// to check the file with PostProof's verifier or stock tools. VERIFY.txt inside the WACZ and the export dialog
// use these words.

import { CHECKSUMS_FILE, DATAPACKAGE_FILE, DIGEST_FILE, KEY_FILE } from './layout';

/** The short form, for the export dialog. */
export const REPLAY_NOTICE =
  'ReplayWeb.page replays this WACZ and shows its signing key ("Observer Public Key") and software, but it never says ' +
  'whether the signature is valid (a forged one looks the same), and with its default settings it reports ' +
  '"1 hashes verified, 2 invalid" even for an untouched file, because it does not check the per-file hashes. ' +
  'Neither is a verdict: check the file with PostProof’s Verify page or "npx postproof verify FILE.wacz", or with ' +
  'the stock commands in VERIFY.txt inside the WACZ.';

export function renderWaczGuide(meta: { keyId: string; software: string }): string {
  return `HOW TO VERIFY THIS POSTPROOF WACZ
=================================

This is a WACZ 1.1.1 web archive made by ${meta.software}. Web-archive tools (ReplayWeb.page, pywb,
Browsertrix) can open and replay it. It carries the same evidence as a PostProof evidence bundle: each
capture's signed record (capture.json, its signature and its RFC 3161 timestamps) sits inside
archive/data.warc as metadata records at metadata://postproof/<capture id>, next to the captured files.

WHAT REPLAYWEB.PAGE SHOWS, AND WHAT IT DOES NOT
- It shows the signing key as "Observer Public Key" and the software as "Created With". It does NOT say
  whether the signature is valid: a WACZ whose signature was forged looks exactly the same there.
- With its default settings it does not check the files' hashes, and reports "1 hashes verified, 2 invalid"
  even for an untouched file. That is not a sign of tampering, and its opposite would not prove integrity.
- So use ReplayWeb.page to look at the posts, and the checks below to decide whether the file is intact.

WITH POSTPROOF
   npx postproof verify FILE.wacz [--tsa-ca ROOT.pem]
or the Verify page of the PostProof extension. Both check every step below, and also, inside the WARC, each
capture record's signature and that every captured file matches the hash signed at capture time.

WITH STOCK TOOLS (unzip, sha256sum, jq, xxd, openssl)

1. Unpack:
   unzip FILE.wacz -d wacz && cd wacz

2. Every file against the hashes in ${DATAPACKAGE_FILE} (each line must end in OK):
   jq -r '.resources[] | "\\(.hash|sub("^sha256:";""))  \\(.path)"' ${DATAPACKAGE_FILE} | sha256sum -c
   (${CHECKSUMS_FILE} holds the same list: "sha256sum -c ${CHECKSUMS_FILE}" works without jq.)

3. ${DATAPACKAGE_FILE} against the hash that is signed:
   printf '%s  ${DATAPACKAGE_FILE}\\n' "$(jq -r '.hash|sub("^sha256:";"")' ${DIGEST_FILE})" | sha256sum -c
   test "$(jq -r .hash ${DIGEST_FILE})" = "$(jq -r .signedData.hash ${DIGEST_FILE})" && echo same-hash

4. The signature (ECDSA P-384, SHA-256) over the UTF-8 hash string. WACZ stores it as raw r||s; openssl
   wants DER, so convert it first:
   jq -r .signedData.publicKey ${DIGEST_FILE} | base64 -d | openssl pkey -pubin -inform DER -out pub.pem
   jq -j .signedData.hash ${DIGEST_FILE} > signed-payload.txt
   hex=$(jq -r .signedData.signature ${DIGEST_FILE} | base64 -d | xxd -p | tr -d '\\n'); n=$((\${#hex}/2))
   printf 'asn1=SEQUENCE:sig\\n[sig]\\nr=INTEGER:0x%s\\ns=INTEGER:0x%s\\n' "\${hex:0:$n}" "\${hex:$n}" > sig.cnf
   openssl asn1parse -genconf sig.cnf -out sig.der -noout
   openssl dgst -sha256 -verify pub.pem -signature sig.der signed-payload.txt
   It must print "Verified OK".

5. Who signed. The key's fingerprint (SHA-256 of the public key) is
   ${meta.keyId}
   openssl pkey -pubin -in pub.pem -outform DER | sha256sum
   must print it (${KEY_FILE} holds the same key as PEM). Compare it with the fingerprint the collector or
   newsroom published: a signature by an unknown key proves nothing about who made it.

6. Trusted time, when ${DIGEST_FILE} has a "timestamp" entry (an RFC 3161 token over SHA-256 of
   ${DATAPACKAGE_FILE}, from the timestamp authority chosen in PostProof's settings):
   jq -r .timestamp.tsr ${DIGEST_FILE} | base64 -d > datapackage.tsr
   jq -r .timestamp.tsaChain ${DIGEST_FILE} > tsa-chain.pem
   openssl ts -verify -data ${DATAPACKAGE_FILE} -in datapackage.tsr -CAfile tsa-chain.pem
   It must print "Verification: OK". tsa-chain.pem comes from inside this file: compare its root with the
   one the authority publishes, or give -CAfile the root you downloaded yourself (postproof: --tsa-ca).

WHAT THESE CHECKS PROVE
- Steps 2 to 4: no file changed since export, and the package was signed by the key in step 5.
- Step 6: the package existed, exactly as it is, no later than the authority's time.
- The capture records inside the WARC (checked by "postproof verify") prove each capture is unchanged since
  the moment it was made; their own timestamps, when present, date each capture.

WHAT THEY DO NOT PROVE
- That the platform really served this content: the signatures show what the collector's browser recorded.
  The permalink, the server time in each capture.json and independent copies corroborate it.
- Who the signer is, unless the key fingerprint matches one published out of band.
`;
}
