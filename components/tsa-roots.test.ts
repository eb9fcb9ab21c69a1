// The timestamp roots chosen on verify.html, with real certificates made by openssl: a root is taken (PEM or DER) with
// its subject and the SHA-256 openssl prints; a TSA certificate or an intermediate is refused with the verifier's reason.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTsa, type TestTsa } from '../test/support/tsa';
import { addRoots, readTrustedTsaRoots, rootDers, rootsFromFile, TRUSTED_TSA_ROOTS_KEY, writeTrustedTsaRoots, type TrustedTsaRoot } from './tsa-roots';

let tsa: TestTsa;
const bytes = (text: string) => new TextEncoder().encode(text);
/** SHA-256 of the certificate's DER, as a person computes it with openssl. */
const opensslSha256 = (file: string) =>
  execFileSync('sh', ['-c', `openssl x509 -in '${file}' -outform DER | sha256sum`]).toString().split(' ')[0];

beforeAll(() => {
  tsa = createTestTsa('Roots Test TSA', { intermediateSubject: '/CN=Roots Test Intermediate' });
});
afterAll(() => tsa.remove());

function memoryStorage(items: Record<string, unknown> = {}) {
  return { items, get: async (key: string) => (key in items ? { [key]: items[key] } : {}), set: async (more: Record<string, unknown>) => void Object.assign(items, more) };
}

describe('chosen timestamp roots', () => {
  it('takes a self-signed CA root from PEM or DER, with its subject and the SHA-256 openssl prints', async () => {
    const fromPem = await rootsFromFile(bytes(`comment line\n${tsa.caPem}`));
    expect('roots' in fromPem).toBe(true);
    const [root] = (fromPem as { roots: TrustedTsaRoot[] }).roots;
    expect(root!.subject).toBe('CN=PostProof Test TSA Root');
    expect(root!.sha256).toBe(opensslSha256(tsa.caFile));
    const der = execFileSync('openssl', ['x509', '-in', tsa.caFile, '-outform', 'DER']);
    expect(await rootsFromFile(new Uint8Array(der))).toEqual(fromPem);
    expect(rootDers([root!])[0]).toEqual(new Uint8Array(der));
  });

  it('refuses the TSA’s own certificate and an intermediate with the verifier’s reason, and a file without a certificate', async () => {
    const leaf = await rootsFromFile(bytes(tsa.tsaCertPem));
    expect(leaf).toEqual({ refused: 'not-root', detail: expect.stringMatching(/CN=Roots Test TSA is not a root: it is issued by CN=Roots Test Intermediate/) });
    const chain = await rootsFromFile(bytes(tsa.caPem + tsa.intermediatePem!));
    expect(chain).toEqual({ refused: 'not-root', detail: expect.stringMatching(/not a root/) });
    expect(await rootsFromFile(bytes('just text'))).toEqual({ refused: 'no-certificate' });
    expect(await rootsFromFile(bytes('-----BEGIN CERTIFICATE-----\n@@@\n-----END CERTIFICATE-----'))).toEqual({ refused: 'no-certificate' });
    const notCertificate = await rootsFromFile(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]));
    expect(notCertificate).toEqual({ refused: 'not-root', detail: expect.stringMatching(/not a certificate/) });
  });

  it('stores PEM, subject and SHA-256; adds a root once; drops a stored entry whose PEM no longer has that SHA-256', async () => {
    const { roots } = (await rootsFromFile(bytes(tsa.caPem))) as { roots: TrustedTsaRoot[] };
    const first = addRoots([], roots);
    expect(first.added).toHaveLength(1);
    expect(addRoots(first.list, roots)).toEqual({ list: first.list, added: [] });
    const storage = memoryStorage();
    await writeTrustedTsaRoots(storage, first.list);
    expect(await readTrustedTsaRoots(storage)).toEqual(first.list);
    const stored = storage.items[TRUSTED_TSA_ROOTS_KEY] as TrustedTsaRoot[];
    const other = readFileSync(join(tsa.dir, 'inter.crt'), 'utf8');
    storage.items[TRUSTED_TSA_ROOTS_KEY] = [{ ...stored[0]!, pem: other }, 'junk'];
    expect(await readTrustedTsaRoots(storage)).toEqual([]);
  });
});
