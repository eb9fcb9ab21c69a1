// VERIFY.txt of a WACZ: the stock-tool recipe for the package (DESIGN.md §5, docs/wacz.md) and, in plain words, what
// each step proves and does not; and what ReplayWeb.page shows (FORMATS.md T4/T5). It is made from the key's
// fingerprint, the software name and the export time alone (it is written before the package token exists), so the
// verifier makes it again and requires the same bytes. Same conventions as the bundle's guide: command lines start
// with "$ ", a "prints:" line under one gives its exact output ("…" for a part that varies).

import type { ThreadRecord } from '../../model';
import { plainLine } from '../../evidence/plain-text';
import { THREAD_RECORD_FILE, THREAD_SIGNATURE_FILE, threadFilePath } from '../../evidence/thread-files';
import { CHECKSUMS_FILE, CHECKSUMS_SIGNATURE_FILE, DATAPACKAGE_FILE, DIGEST_FILE, KEY_FILE } from './layout';

/** The short form, for the export dialog. */
export const REPLAY_NOTICE =
  'ReplayWeb.page replays this WACZ and shows its signing key ("Observer Public Key") and software, but it never says ' +
  'whether the signature is valid (a forged one looks the same), and with its default settings it reports ' +
  '"1 hashes verified, 2 invalid" even for an untouched file, because it does not check the per-file hashes. ' +
  'Neither is a verdict: check the file with PostProof’s Verify page or "npx postproof verify FILE.wacz", or with ' +
  'the stock commands in VERIFY.txt inside the WACZ.';

/** What the guide calls the WACZ: the reader is told to use the file's real name. */
export const GUIDE_ARCHIVE_NAME = 'ARCHIVE.wacz';

export interface WaczGuideMeta {
  keyId: string;
  software: string;
  /** datapackage.json's `created`. */
  created: string;
  /** The thread records the WACZ holds (threads/<id>/), in the order they were preserved. */
  threads?: readonly Pick<ThreadRecord, 'id' | 'members' | 'counts'>[];
}

/** Step 7's thread records: the stock command for each (their members are capture records inside the WARC). */
function threadLines(threads: WaczGuideMeta['threads'] = []): string {
  if (threads.length === 0) return '';
  const blocks = threads.map((thread) => {
    const counted = thread.counts.repliesCounted === null ? 'not shown' : String(thread.counts.repliesCounted);
    return [
      `   Thread ${thread.id}: ${thread.members.length} member(s); replies the platform counts: ${counted}; shown on the`,
      `   page: ${thread.counts.repliesShown}; captured: ${thread.counts.repliesCaptured}.`,
      `   $ openssl dgst -sha256 -verify ${KEY_FILE} -signature ${threadFilePath(thread.id, THREAD_SIGNATURE_FILE)} ${threadFilePath(thread.id, THREAD_RECORD_FILE)}`,
      '     prints: Verified OK',
    ].join('\n');
  });
  return `
   Each thread record (threads/<id>/thread.json, listed in ${DATAPACKAGE_FILE} and ${CHECKSUMS_FILE}) names its member
   captures in page order by the SHA-256 of their capture.json, and was signed by the key of step 3 when the
   thread was preserved; "postproof verify" checks each member against the capture records in the WARC.

${blocks.join('\n\n')}
`;
}

/** Words from the package in the guide: one line, no control or direction characters, bounded. */
const plain = (text: string, max = 120) => plainLine(text, max);

export function renderWaczGuide(meta: WaczGuideMeta): string {
  const archive = GUIDE_ARCHIVE_NAME;
  const { keyId } = meta;
  return `HOW TO VERIFY THIS POSTPROOF WACZ
=================================

A WACZ 1.1.1 web archive, exported ${plain(meta.created, 40)} by ${plain(meta.software)}, signed by the key whose
fingerprint (SHA-256 of the public key) is

   ${keyId}

Compare it with the fingerprint the collector or newsroom published (on its website, in a signed statement, in
a filing) BEFORE anything else: someone who re-signs a changed archive with a key of their own passes every step
below with that key, and only the fingerprint tells. With PostProof,

   npx postproof verify ${archive} --expect-key ${keyId}

(or the Verify page of the extension) runs every step at once and also checks the captures inside the WARC
(step 7).

Web-archive tools (ReplayWeb.page, pywb, Browsertrix) open and replay this file. Each capture's signed record
(capture.json, its signature, its RFC 3161 tokens and, for a capture imported from another install, that
install's key) sits inside archive/data.warc as metadata records at metadata://postproof/<capture id>, next to
the captured files.

WHAT REPLAYWEB.PAGE SHOWS, AND WHAT IT DOES NOT
- It shows the signing key as "Observer Public Key" and the software as "Created With". It does NOT say
  whether the signature is valid: a WACZ whose signature was forged looks exactly the same there.
- With its default settings it does not check the files' hashes, and reports "1 hashes verified, 2 invalid"
  even for an untouched file. That is not a sign of tampering, and its opposite would not prove integrity.
- So use ReplayWeb.page to look at the posts, and the checks below to decide whether the file is intact.

WITH STOCK TOOLS
You need a shell with bash, head, tail, od, unzip, openssl, sha256sum, jq, find, sort and diff. Put the WACZ,
named ${archive} here (use its real name), in an empty folder and run the commands there, in this order. A
command that fails, or prints something else than the "prints:" line under it, means: stop, not intact. The
files the steps make go beside ${archive} (../), never into the unpacked folder.

1. Nothing hidden before or after the archive:
   $ head -c 4 ${archive} | od -An -tx1
     prints: 50 4b 03 04
   $ tail -c 22 ${archive} | od -An -tx1
     prints: 50 4b 05 06 … 00 00
   A PostProof WACZ starts with its first entry and ends with its end record, with no comment.

2. Unpack, and go into the folder:
   $ unzip -q ${archive} -d W && cd W
   unzip must print nothing: a warning means the archive is malformed.

3. Who signed the archive:
   $ openssl pkey -pubin -in ${KEY_FILE} -outform DER | sha256sum
     prints: ${keyId}  -

4. Every file as that key signed it, and nothing else:
   $ openssl dgst -sha256 -verify ${KEY_FILE} -signature ${CHECKSUMS_SIGNATURE_FILE} ${CHECKSUMS_FILE}
     prints: Verified OK
   $ sha256sum --strict -c ${CHECKSUMS_FILE}
   $ find . ! -type d ! -path ./${CHECKSUMS_FILE} ! -path ./${CHECKSUMS_SIGNATURE_FILE} | sed 's|^\\./||' | sort | diff - <(sed 's/^[0-9a-f]\\{64\\}  //' ${CHECKSUMS_FILE} | sort)
   sha256sum must print OK for every file; the last command must print nothing (no file added, none missing).
   ${CHECKSUMS_FILE} lists ${DATAPACKAGE_FILE} and ${DIGEST_FILE}, the package timestamp of step 6 included.

5. The WACZ's own signature (wacz-auth, anonymous mode: the one whose key ReplayWeb.page shows).
   ${DATAPACKAGE_FILE} lists every other file with its SHA-256; its own hash is in ${DIGEST_FILE},
   signed there with a key that must be the key of step 3:
   $ jq -r '.resources[] | "\\(.hash|sub("^sha256:";""))  \\(.path)"' ${DATAPACKAGE_FILE} | sha256sum --strict -c
   $ printf '%s  ${DATAPACKAGE_FILE}\\n' "$(jq -r '.hash|sub("^sha256:";"")' ${DIGEST_FILE})" | sha256sum --strict -c
     prints: ${DATAPACKAGE_FILE}: OK
   $ jq -r '.hash == .signedData.hash' ${DIGEST_FILE}
     prints: true
   $ jq -r .signedData.publicKey ${DIGEST_FILE} | base64 -d | sha256sum
     prints: ${keyId}  -
   The signature is WebCrypto's raw r||s over the hash string; openssl wants DER, so convert it first:
   $ jq -j .signedData.hash ${DIGEST_FILE} > ../signed-hash.txt
   $ h=$(jq -r .signedData.signature ${DIGEST_FILE} | base64 -d | od -An -v -tx1 | tr -d ' \\n') && printf 'asn1=SEQUENCE:sig\\n[sig]\\nr=INTEGER:0x%s\\ns=INTEGER:0x%s\\n' "\${h:0:96}" "\${h:96}" > ../sig.cnf
   $ openssl asn1parse -genconf ../sig.cnf -out ../sig.der -noout
   $ openssl dgst -sha256 -verify ${KEY_FILE} -signature ../sig.der ../signed-hash.txt
     prints: Verified OK

6. The package timestamp, if there is one: an RFC 3161 token over SHA-256 of ${DATAPACKAGE_FILE}, from the
   first timestamp authority chosen in PostProof's settings, in ${DIGEST_FILE} under "timestamp". With
   timestamping off, or the authority out of reach at export, there is none (the first command says so): skip to
   step 7; the export time then rests on the collector's clock.
   $ jq -r 'if .timestamp then "token from \\(.timestamp.tsa) (\\(.timestamp.tsaUrl))" else "no token" end' ${DIGEST_FILE}
   $ jq -r .timestamp.tsr ${DIGEST_FILE} | base64 -d > ../datapackage.tsr
   $ openssl ts -reply -in ../datapackage.tsr -text | grep -E '^(Time stamp|TSA):'
   "TSA:" names the authority that signed the token; "Time stamp:" is its clock, which must not be earlier than
   the export time, ${plain(meta.created, 40)} (allow a few minutes for a wrong clock). Get that authority's root
   certificate from the authority itself (its website, or a trust store you rely on), never from this file:
   anyone can make a certificate with any name, and the certificates in ${DIGEST_FILE}
   (.timestamp.tsaChain) are only a convenience copy. Save it as tsa-root.pem beside ${archive}, and compare
   this fingerprint with the one the authority publishes:
   $ openssl x509 -in ../tsa-root.pem -outform DER | sha256sum
   $ jq -r .timestamp.tsaChain ${DIGEST_FILE} > ../tsa-chain.pem
   $ openssl ts -verify -data ${DATAPACKAGE_FILE} -in ../datapackage.tsr -CAfile ../tsa-root.pem -untrusted ../tsa-chain.pem
     prints: Verification: OK

7. The captures inside the WARC. Stock tools stop at the package; "postproof verify" goes on: each capture
   record's signature (with ${KEY_FILE}, or an imported capture's own key from its metadata record), each
   captured file against the hash signed at the moment of capture, each capture's own timestamps, the chain
   between captures, that the WARC holds no record the signed capture records do not account for (an added page,
   a second copy of a file), and that pages/pages.jsonl, indexes/index.cdx, ${DATAPACKAGE_FILE}'s title and
   description and this file say what the signed records say.${threadLines(meta.threads)}

WHAT THESE STEPS PROVE
- Steps 1 to 4: every file is exactly as the key of step 3 signed it at export, and nothing was added, removed
  or hidden. That includes ${DIGEST_FILE}: its timestamp cannot be swapped or removed without
  breaking step 4.
- Step 5: the WACZ's own signature, whose key ReplayWeb.page shows, was made by that same key.
- Step 6: the package (every file ${DATAPACKAGE_FILE} lists, by hash) existed, exactly as it is, no later than
  the authority's time, provided tsa-root.pem is that authority's real root.

WHAT THEY DO NOT PROVE
- That each capture is as it was captured: that rests on the capture records inside the WARC, which
  "postproof verify" checks (step 7) and these stock steps do not.
- Who holds the key. The signatures tie the files to a key; only a fingerprint published out of band ties the
  key to a person or newsroom.
- That the platform really served this content. The signatures show what the collector's browser recorded, not
  that the page was genuine; the permalink, the platform server's time (clock.serverDate in each capture.json)
  and independent copies corroborate it.
- When each capture happened, beyond "no later than" a timestamp: the collector's clock (capturedAt) is the
  collector's word; a capture's own timestamps are inside the WARC, checked by "postproof verify".
- pages/pages.jsonl, indexes/index.cdx, ${DATAPACKAGE_FILE}'s title and description and this file are readings
  made at export; "postproof verify" checks that they say what the signed records say, the stock tools do not.
`;
}
