// The pinned roots are what they claim: each carried DER has its pinned SHA-256, is a self-signed CA certificate whose
// own signature verifies and whose subject is the one recorded, every preset authority has at least one, and the
// copies taken from Debian's ca-certificates are byte-identical to the package's files where it is installed (CI
// installs it with Chromium); where it is not, that one assertion is skipped and says so.
import { existsSync, readFileSync } from 'node:fs';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { sha256Hex, toBase64 } from './hash';
import { TSA_PRESETS } from './tsa-presets';
import { PINNED_TSA_ROOTS, pinnedRootDer, pinnedRootsForPreset, pinnedTrustAnchors } from './tsa-roots';
import { certificateDer, isSelfSigned, parseCertificate, pemCertificates } from './tsa-token';

/** The copies taken from Debian's package, by fingerprint: the file each must equal. */
const DEBIAN_FILES: Record<string, string> = {
  '552f7bdcf1a7af9e6ce672017f4f12abf77240c78e761ac203d1d9d20ac89988': 'DigiCert_Trusted_Root_G4',
  '3e9099b5015e8f486c00bcea9d111ee721faba355a89bcf1df69561e3dc6325c': 'DigiCert_Assured_ID_Root_CA',
  e793c9b02fd8aa13e21c31228accb08119643b749c898964b1746d46c3d4cbd2: 'USERTrust_RSA_Certification_Authority',
};

/**
 * SHA-256 of the PEM files as their authorities serve them, recorded by the projects the copies were checked against
 * (freetsa.org/files/cacert.pem; crt.sectigo.com's R46): the standard PEM of the pinned DER must hash to them.
 */
const PUBLISHED_PEM_SHA256: Record<string, string> = {
  a6379e7cecc05faa3cbf076013d745e327bbbaa38c0b9af22469d4701d18aabc: '2151b61137ffa86bf664691ba67e7da0b19f98c758e3d228d5d8ebf27e044438',
  '4941b001b8a97e961b7817c9d9e960ec4b056bfc915a8c1aabf6ef6b3ac046a5': 'a5ad15883feead6740b67585c8e2e45011daed986bb43efe73e3fbc7f0ac1baa',
};

const NAME_PARTS: Record<string, string> = {
  '2.5.4.6': 'C',
  '2.5.4.8': 'ST',
  '2.5.4.7': 'L',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.3': 'CN',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

/** The subject as `openssl x509 -subject` lists it, in the certificate's own order. */
function fullSubject(certificate: pkijs.Certificate): string {
  return certificate.subject.typesAndValues
    .map((part) => `${NAME_PARTS[part.type] ?? part.type}=${String((part.value.valueBlock as { value?: unknown }).value)}`)
    .join(', ');
}

/** PEM as openssl and the authorities write it: 64-column base64 lines, a final newline. */
function standardPem(der: Uint8Array): string {
  const lines = toBase64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

describe('pinned timestamp-authority roots', () => {
  for (const root of PINNED_TSA_ROOTS) {
    describe(root.subject, () => {
      it('carries the DER its fingerprint pins, a self-signed CA certificate with the recorded subject', async () => {
        const der = pinnedRootDer(root);
        expect(root.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(await sha256Hex(der)).toBe(root.sha256);
        const certificate = parseCertificate(der);
        expect(toBase64(certificateDer(certificate)), 'one DER certificate, encoded as DER encodes it').toBe(toBase64(der));
        expect(isSelfSigned(certificate)).toBe(true);
        expect(await certificate.verify(), 'its own signature verifies').toBe(true);
        const constraints = certificate.extensions?.find((e) => e.extnID === '2.5.29.19')?.parsedValue;
        expect(constraints instanceof pkijs.BasicConstraints && constraints.cA).toBe(true);
        expect(fullSubject(certificate)).toBe(root.subject);
        expect(root.obtainFrom).toMatch(/^https?:\/\//);
        expect(root.provenance.length).toBeGreaterThan(100);
      });

      const debianName = DEBIAN_FILES[root.sha256];
      if (debianName) {
        it(`is byte-identical to Debian's ${debianName}`, (context) => {
          const file = [`/etc/ssl/certs/${debianName}.pem`, `/usr/share/ca-certificates/mozilla/${debianName}.crt`].find(existsSync);
          if (!file) context.skip(`Debian's ca-certificates is not installed here (no ${debianName}); CI installs it`);
          const [debian] = pemCertificates(readFileSync(file!, 'utf8'));
          expect(debian && toBase64(debian)).toBe(toBase64(pinnedRootDer(root)));
        });
      }

      const publishedPem = PUBLISHED_PEM_SHA256[root.sha256];
      if (publishedPem) {
        it('is, in standard PEM, the file the authority serves', async () => {
          expect(await sha256Hex(standardPem(pinnedRootDer(root)))).toBe(publishedPem);
        });
      }
    });
  }

  it('covers every preset authority, and only presets that exist', () => {
    const ids = TSA_PRESETS.map((preset) => preset.id);
    for (const id of ids) expect(pinnedRootsForPreset(id).length, id).toBeGreaterThan(0);
    for (const root of PINNED_TSA_ROOTS) for (const id of root.presets) expect(ids).toContain(id);
    for (const root of PINNED_TSA_ROOTS) expect(TSA_PRESETS.find((p) => p.id === root.presets[0])?.name).toBe(root.authority);
    expect(new Set(PINNED_TSA_ROOTS.map((root) => root.sha256)).size).toBe(PINNED_TSA_ROOTS.length);
  });

  it('are offered as pinned trust anchors labelled with their authority', () => {
    const anchors = pinnedTrustAnchors();
    expect(anchors.map((a) => a.kind)).toEqual(PINNED_TSA_ROOTS.map(() => 'pinned'));
    expect(anchors.map((a) => a.label)).toEqual(PINNED_TSA_ROOTS.map((root) => root.authority));
    expect(anchors.map((a) => toBase64(a.der))).toEqual(PINNED_TSA_ROOTS.map((root) => toBase64(pinnedRootDer(root))));
  });
});
