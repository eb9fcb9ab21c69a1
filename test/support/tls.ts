// A throwaway self-signed certificate for the end-to-end fixture server. Made fresh with openssl in a temp dir
// on first use in each test process (never written into the repo), valid for two days.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TlsMaterial {
  /** PEM private key (EC P-256). */
  key: string;
  /** PEM self-signed certificate. */
  cert: string;
}

/** Names the certificate covers. Chromium also runs with --ignore-certificate-errors, so other hosts still connect. */
export const certificateNames = [
  'x.com',
  '*.x.com',
  'twitter.com',
  '*.twitter.com',
  'pbs.twimg.com',
  'video.twimg.com',
  'example.org',
  'localhost',
  '127.0.0.1',
] as const;

let cached: TlsMaterial | undefined;

/** Create (once per process) a self-signed EC P-256 certificate for the X hosts, localhost and 127.0.0.1. */
export function createTestCertificate(): TlsMaterial {
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'postproof-tls-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    const san = certificateNames.map((n) => (/^[\d.]+$/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(',');
    try {
      execFileSync(
        'openssl',
        [
          'req', '-x509',
          '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256',
          '-nodes', '-days', '2',
          '-subj', '/CN=PostProof e2e fixture server',
          '-addext', `subjectAltName=${san}`,
          '-keyout', keyFile, '-out', certFile,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
    } catch (err) {
      const stderr = (err as { stderr?: Buffer }).stderr?.toString() ?? '';
      throw new Error(`openssl could not create the test certificate (is openssl installed?): ${stderr || String(err)}`);
    }
    cached = { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
    return cached;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
