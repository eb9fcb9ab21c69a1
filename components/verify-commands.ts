// The stock-tool commands (DESIGN.md §5, as VERIFY.txt has them) that check a file again without PostProof, with the
// file's own name and its captures filled in: printed in the verify page's summary, so a reader can redo the check.
import type { VerifyReport } from '../utils/evidence/verify-types';

/** A word for a POSIX shell: single-quoted unless it is plainly safe. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9._/@%+=:,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The commands, one a line; a WACZ's own VERIFY.txt carries the rest of its recipe. */
export function recheckCommands(fileName: string, report: Pick<VerifyReport, 'captures' | 'keyId'>, wacz: boolean): string[] {
  const file = shellWord(fileName);
  const opening = [
    `head -c 4 ${file} | od -An -tx1        # 50 4b 03 04`,
    `tail -c 22 ${file} | od -An -tx1       # starts 50 4b 05 06, ends 00 00`,
    `unzip -q ${file} -d B && cd B`,
  ];
  if (wacz) return [...opening, 'cat VERIFY.txt'];
  const perCapture = report.captures.flatMap((capture) => {
    const dir = `captures/${shellWord(capture.id)}`;
    // A capture signed by another install (imported) carries its own key.
    const key = capture.keyId && report.keyId && capture.keyId !== report.keyId ? `${dir}/signer.pem` : 'signer.pem';
    return [
      `openssl dgst -sha256 -verify ${key} -signature ${dir}/capture.json.sig ${dir}/capture.json`,
      `jq -r '.artifacts[] | "\\(.sha256)  ${dir}/\\(.path)"' ${dir}/capture.json | sha256sum --strict -c`,
      ...((capture.timestamps ?? []).length > 0 ? [`openssl ts -verify -data ${dir}/capture.json -in ${dir}/capture.json.tsr -CAfile ROOT.pem   # ROOT: from the authority itself`] : []),
    ];
  });
  return [
    ...opening,
    'openssl pkey -pubin -in signer.pem -outform DER | sha256sum      # the key fingerprint',
    'openssl dgst -sha256 -verify signer.pem -signature SHA256SUMS.sig SHA256SUMS',
    'sha256sum --strict -c SHA256SUMS',
    "find . ! -type d ! -name SHA256SUMS ! -name SHA256SUMS.sig | sed 's|^\\./||' | sort | diff - <(sed 's/^[0-9a-f]\\{64\\}  //' SHA256SUMS | sort)",
    ...perCapture,
  ];
}
