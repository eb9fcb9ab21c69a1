// A real RFC 3161 time-stamp authority for tests: `openssl ts -reply` with a throwaway EC CA and a TSA certificate
// (critical extendedKeyUsage=timeStamping) made at test start (FORMATS.md §4.4), behind a small HTTP endpoint on
// 127.0.0.1 whose behaviour a test can switch: answer, refuse, stall, talk garbage, or sign the wrong thing.
import type { Route } from './fixture-server';
import { execFile as execFileCallback, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startLocalHttp } from './local-http';

const execFile = promisify(execFileCallback);

const TSA_CONFIG = `oid_section = new_oids
[ new_oids ]
test_tsa_policy = 1.3.6.1.4.1.99999.1.1
[ tsa ]
default_tsa = tsa_section
[ tsa_section ]
dir = DIR
serial = $dir/tsaserial
crypto_device = builtin
signer_cert = $dir/tsa.crt
certs = $dir/ca.crt
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = test_tsa_policy
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;

export interface TestTsa {
  dir: string;
  /** PEM of the throwaway root CA: what `-CAfile` and `--tsa-ca` are given. */
  caPem: string;
  caFile: string;
  /** PEM of the intermediate CA between the root and the TSA certificate, when `intermediateSubject` asked for one. */
  intermediatePem?: string;
  intermediateFile?: string;
  /** PEM of the TSA's own certificate (the one that signs tokens). */
  tsaCertPem: string;
  /** DER TimeStampResp for a DER TimeStampReq, made by `openssl ts -reply`. */
  reply(query: Uint8Array): Promise<Buffer>;
  /** A TimeStampReq over a SHA-256 hex digest, with a fresh random nonce (openssl ts -query). */
  query(sha256Hex: string): Promise<Buffer>;
  remove(): void;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** How the throwaway authority's chain looks (the defaults are what every test had before). */
export interface TestTsaOptions {
  /** The root's subject as `openssl req -subj` takes it, e.g. a look-alike "/C=US/O=DigiCert Inc/…". */
  rootSubject?: string;
  /** Puts an intermediate CA with this subject between the root and the TSA certificate. */
  intermediateSubject?: string;
  /** Whether tokens carry the CA certificates beside the TSA's own (default true); false: only the TSA's. */
  embedCaCertificates?: boolean;
}

/** Makes a CA, a TSA key and certificate, and the openssl config, in a new temp folder. */
export function createTestTsa(name = 'PostProof Test TSA', options: TestTsaOptions = {}): TestTsa {
  const dir = mkdtempSync(join(tmpdir(), 'postproof-tsa-'));
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl(['req', '-x509', ...ec, '-days', '2', '-subj', options.rootSubject ?? '/CN=PostProof Test TSA Root', '-keyout', 'ca.key', '-out', 'ca.crt',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  let issuer = 'ca';
  if (options.intermediateSubject) {
    openssl(['req', '-new', ...ec, '-subj', options.intermediateSubject, '-keyout', 'inter.key', '-out', 'inter.csr'], dir);
    writeFileSync(join(dir, 'inter.ext'), 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n');
    openssl(['x509', '-req', '-in', 'inter.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'inter.ext', '-out', 'inter.crt'], dir);
    issuer = 'inter';
  }
  openssl(['req', '-new', ...ec, '-subj', `/CN=${name}`, '-keyout', 'tsa.key', '-out', 'tsa.csr'], dir);
  writeFileSync(join(dir, 'tsa.ext'), 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n');
  openssl(['x509', '-req', '-in', 'tsa.csr', '-CA', `${issuer}.crt`, '-CAkey', `${issuer}.key`, '-CAcreateserial', '-days', '2', '-extfile', 'tsa.ext', '-out', 'tsa.crt'], dir);
  writeFileSync(join(dir, 'tsaserial'), '01\n');
  const intermediatePem = options.intermediateSubject ? readFileSync(join(dir, 'inter.crt'), 'utf8') : undefined;
  writeFileSync(join(dir, 'chain.crt'), (intermediatePem ?? '') + readFileSync(join(dir, 'ca.crt'), 'utf8'));
  const config = TSA_CONFIG.replace('DIR', dir).replace('$dir/ca.crt', '$dir/chain.crt');
  writeFileSync(join(dir, 'tsa.cnf'), options.embedCaCertificates === false ? config.replace(/^certs = .*\n/m, '') : config);
  let counter = 0;
  const scratch = (suffix: string) => join(dir, `${process.pid}-${++counter}.${suffix}`);
  return {
    dir,
    caPem: readFileSync(join(dir, 'ca.crt'), 'utf8'),
    caFile: join(dir, 'ca.crt'),
    ...(intermediatePem ? { intermediatePem, intermediateFile: join(dir, 'inter.crt') } : {}),
    tsaCertPem: readFileSync(join(dir, 'tsa.crt'), 'utf8'),
    async reply(query) {
      const queryFile = scratch('tsq');
      const replyFile = scratch('tsr');
      writeFileSync(queryFile, query);
      try {
        await execFile('openssl', ['ts', '-reply', '-config', join(dir, 'tsa.cnf'), '-queryfile', queryFile, '-out', replyFile], { cwd: dir });
        return readFileSync(replyFile);
      } finally {
        rmSync(queryFile, { force: true });
        rmSync(replyFile, { force: true });
      }
    },
    async query(sha256Hex) {
      const queryFile = scratch('tsq');
      try {
        await execFile('openssl', ['ts', '-query', '-digest', sha256Hex, '-sha256', '-cert', '-out', queryFile], { cwd: dir });
        return readFileSync(queryFile);
      } finally {
        rmSync(queryFile, { force: true });
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** How the endpoint answers the next queries. */
export type TsaBehaviour =
  | 'ok'
  /** Drops the connection without an answer (as a TSA that is down). */
  | 'down'
  /** HTTP 503. */
  | 'unavailable'
  /** Answers after a long delay. */
  | 'slow'
  /** HTTP 200 with bytes that are not a TimeStampResp. */
  | 'garbage'
  /** A genuine token, for another document. */
  | 'wrong-imprint'
  /** A genuine token for this document, with another nonce. */
  | 'wrong-nonce';

export interface TsaEndpointOptions {
  slowMs?: number;
}

/** Answers one RFC 3161 HTTP request (body: the DER query) the way `behaviour` says; shared by both servers. */
export async function answerTimestampQuery(tsa: TestTsa, behaviour: TsaBehaviour, body: Uint8Array): Promise<{ status: number; body: Buffer; delayMs?: number }> {
  switch (behaviour) {
    case 'unavailable':
      return { status: 503, body: Buffer.from('Service Unavailable\n') };
    case 'garbage':
      return { status: 200, body: Buffer.from('<html>Welcome to the hotel Wi-Fi</html>') };
    case 'wrong-imprint':
      return { status: 200, body: await tsa.reply(await tsa.query('ab'.repeat(32))) };
    case 'wrong-nonce': {
      // The imprint sits at a fixed place in a SHA-256 query (FORMATS.md §4.1): bytes 24..56.
      const digest = Buffer.from(body.subarray(24, 56)).toString('hex');
      return { status: 200, body: await tsa.reply(await tsa.query(digest)) };
    }
    default:
      return { status: 200, body: await tsa.reply(body) };
  }
}

export interface LocalTsaServer {
  /** http://127.0.0.1:PORT/tsr */
  url: string;
  behaviour: TsaBehaviour;
  /** Queries received, in order. */
  queries: Buffer[];
  close(): Promise<void>;
}

/** The test TSA behind a plain HTTP endpoint on 127.0.0.1, for unit tests. */
export async function startLocalTsa(tsa: TestTsa, options: TsaEndpointOptions = {}): Promise<LocalTsaServer> {
  const state: { behaviour: TsaBehaviour; queries: Buffer[] } = { behaviour: 'ok', queries: [] };
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      state.queries.push(body);
      if (state.behaviour === 'down') {
        req.socket.destroy();
        return;
      }
      const delay = state.behaviour === 'slow' ? (options.slowMs ?? 5_000) : 0;
      void answerTimestampQuery(tsa, state.behaviour, body).then((answer) => {
        setTimeout(() => {
          if (res.destroyed) return;
          res.writeHead(answer.status, { 'Content-Type': 'application/timestamp-reply', 'Content-Length': String(answer.body.length) });
          res.end(answer.body);
        }, delay);
      });
    });
  };
  const server = await startLocalHttp(handler);
  return {
    url: `${server.base}/tsr`,
    get behaviour() {
      return state.behaviour;
    },
    set behaviour(value: TsaBehaviour) {
      state.behaviour = value;
    },
    queries: state.queries,
    close: server.close,
  };
}

/** Where the e2e tests reach the local authority: a made-up host the fixture server answers for. */
export const E2E_TSA_HOST = 'tsa.postproof.test';
export const E2E_TSA_URL = `https://${E2E_TSA_HOST}/tsr`;

/** The fixture-server route answering RFC 3161 queries at E2E_TSA_URL, as `behaviour()` says at each request. */
export function tsaRoute(tsa: TestTsa, behaviour: () => TsaBehaviour = () => 'ok'): Route {
  return {
    host: E2E_TSA_HOST,
    path: '/tsr',
    method: 'POST',
    respond: async ({ body }) => {
      const answer = await answerTimestampQuery(tsa, behaviour(), body);
      return { status: answer.status, headers: { 'Content-Type': 'application/timestamp-reply' }, body: answer.body };
    },
  };
}
