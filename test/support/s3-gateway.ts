// A real S3 gateway with Object Lock for the locker tests: a throwaway single-node Ceph cluster booted by
// scripts/ceph-s3.sh, and S3Admin, an S3 client of its own built on `curl --aws-sigv4`, so that what a test checks
// on the server does not rest on the client under test (utils/locker/s3-client.ts).
import { execFile as execFileCallback } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import { repoRoot } from '../fixtures';

const execFile = promisify(execFileCallback);
// From the repository's root (test/fixtures.ts), which also holds when this file is bundled (the bench).
const SCRIPT = resolve(repoRoot, 'scripts/ceph-s3.sh');

export interface AdminAnswer {
  status: number;
  body: Buffer;
  /** Lower-case names; the last value of a repeated header. */
  headers: Record<string, string>;
}

export interface AdminVersion {
  key: string;
  versionId: string;
  isLatest: boolean;
  deleteMarker: boolean;
  size: number;
}

export interface S3Admin {
  createBucket(name: string, options?: { objectLock?: boolean }): Promise<AdminAnswer>;
  getObject(bucket: string, key: string, versionId?: string): Promise<AdminAnswer>;
  headObject(bucket: string, key: string, versionId?: string): Promise<Omit<AdminAnswer, 'body'>>;
  putObject(bucket: string, key: string, body: Uint8Array | string): Promise<{ status: number; versionId: string }>;
  deleteVersion(bucket: string, key: string, versionId: string): Promise<{ status: number; body: string }>;
  listVersions(bucket: string, prefix: string): Promise<AdminVersion[]>;
  listObjects(bucket: string, prefix: string): Promise<string[]>;
  /** Any signed request, for what the helpers above do not cover. */
  request(method: string, path: string, options?: { body?: Uint8Array; headers?: Record<string, string> }): Promise<AdminAnswer>;
}

export interface S3Gateway {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Seconds the cluster took to answer a signed request. */
  bootSeconds: number;
  admin: S3Admin;
  /** A bucket with Object Lock (and so versioning), optionally with a default retention. */
  createLockedBucket(name: string, options?: { defaultRetention?: { mode: 'COMPLIANCE' | 'GOVERNANCE'; days: number } }): Promise<void>;
  /** Stops radosgw only: requests fail to connect; the objects stay in the OSD. */
  stopGateway(): Promise<void>;
  startGateway(): Promise<void>;
  stop(): Promise<void>;
}

/** Boots a fresh cluster (about 3 s); the caller must stop() it. */
export async function startS3Gateway(): Promise<S3Gateway> {
  const dir = mkdtempSync(join(tmpdir(), 'postproof-ceph-'));
  let started: { endpoint: string; region: string; accessKeyId: string; secretAccessKey: string; bootSeconds: number };
  try {
    const { stdout } = await execFile('bash', [SCRIPT, 'start', dir], { timeout: 120_000 });
    started = JSON.parse(stdout.trim().split('\n').pop() ?? '');
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const admin = curlAdmin(started.endpoint, started.region, started.accessKeyId, started.secretAccessKey);
  let stopped = false;
  return {
    ...started,
    admin,
    async createLockedBucket(name, options) {
      const made = await admin.createBucket(name, { objectLock: true });
      if (made.status !== 200) throw new Error(`create bucket ${name}: HTTP ${made.status} ${made.body.toString()}`);
      const retention = options?.defaultRetention;
      if (!retention) return;
      const xml =
        '<ObjectLockConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><ObjectLockEnabled>Enabled</ObjectLockEnabled>' +
        `<Rule><DefaultRetention><Mode>${retention.mode}</Mode><Days>${retention.days}</Days></DefaultRetention></Rule></ObjectLockConfiguration>`;
      const body = Buffer.from(xml);
      const set = await admin.request('PUT', `/${name}?object-lock=`, {
        body,
        headers: { 'content-md5': createHash('md5').update(body).digest('base64') },
      });
      if (set.status !== 200) throw new Error(`object lock on ${name}: HTTP ${set.status} ${set.body.toString()}`);
    },
    async stopGateway() {
      await execFile('bash', [SCRIPT, 'stop-gateway', dir], { timeout: 60_000 });
    },
    async startGateway() {
      await execFile('bash', [SCRIPT, 'start-gateway', dir], { timeout: 120_000 });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await execFile('bash', [SCRIPT, 'stop', dir], { timeout: 120_000 });
    },
  };
}

/** Percent-encoding as S3's canonical URI wants it, written apart from the client's own. */
function encode(text: string): string {
  return Array.from(new TextEncoder().encode(text), (byte) => {
    const c = String.fromCharCode(byte);
    return /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

function objectPath(bucket: string, key: string): string {
  return `/${bucket}/${key.split('/').map(encode).join('/')}`;
}

/** A query string curl 7.88 signs as given: so every name has '=', and the names are sorted. */
function query(params: Record<string, string | undefined>): string {
  const pairs = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${encode(name)}=${encode(value)}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

const xml = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => ['Version', 'DeleteMarker', 'Contents'].includes(name),
});

function curlAdmin(endpoint: string, region: string, accessKeyId: string, secretAccessKey: string): S3Admin {
  async function request(
    method: string,
    path: string,
    options: { body?: Uint8Array; headers?: Record<string, string> } = {},
  ): Promise<AdminAnswer> {
    const work = mkdtempSync(join(tmpdir(), 'postproof-curl-'));
    try {
      const body = options.body ?? new Uint8Array();
      const args = [
        '-sS',
        ...(method === 'HEAD' ? ['-I'] : ['-X', method]),
        '--aws-sigv4',
        `aws:amz:${region}:s3`,
        '--user',
        `${accessKeyId}:${secretAccessKey}`,
        // curl 7.88 does not hash the payload itself.
        '-H',
        `x-amz-content-sha256: ${createHash('sha256').update(body).digest('hex')}`,
        '-D',
        join(work, 'headers'),
        '-o',
        join(work, 'body'),
        '-w',
        '%{http_code}',
      ];
      for (const [name, value] of Object.entries(options.headers ?? {})) args.push('-H', `${name}: ${value}`);
      if (body.length || method === 'PUT' || method === 'POST') {
        writeFileSync(join(work, 'upload'), body);
        args.push('--data-binary', `@${join(work, 'upload')}`, '-H', 'content-type: application/octet-stream');
      }
      args.push(`${endpoint}${path}`);
      const { stdout } = await execFile('curl', args, { timeout: 60_000, maxBuffer: 1 << 20 });
      const headers: Record<string, string> = {};
      // Only the final header block counts (a 100 Continue may come first).
      const blocks = readFileSync(join(work, 'headers'), 'latin1').trim().split(/\r?\n\r?\n/);
      for (const line of (blocks.pop() ?? '').split(/\r?\n/).slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      let responseBody = Buffer.alloc(0);
      try {
        responseBody = readFileSync(join(work, 'body'));
      } catch {
        // HEAD and empty answers write no body file.
      }
      return { status: Number(stdout.trim()), body: responseBody, headers };
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }

  return {
    request,
    createBucket(name, options) {
      return request('PUT', `/${name}`, { headers: options?.objectLock ? { 'x-amz-bucket-object-lock-enabled': 'true' } : {} });
    },
    getObject(bucket, key, versionId) {
      return request('GET', objectPath(bucket, key) + query({ versionId }));
    },
    async headObject(bucket, key, versionId) {
      const { status, headers } = await request('HEAD', objectPath(bucket, key) + query({ versionId }));
      return { status, headers };
    },
    async putObject(bucket, key, body) {
      const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
      const answer = await request('PUT', objectPath(bucket, key), { body: bytes });
      return { status: answer.status, versionId: answer.headers['x-amz-version-id'] ?? '' };
    },
    async deleteVersion(bucket, key, versionId) {
      const answer = await request('DELETE', objectPath(bucket, key) + query({ versionId }));
      return { status: answer.status, body: answer.body.toString() };
    },
    async listVersions(bucket, prefix) {
      const answer = await request('GET', `/${bucket}${query({ prefix, versions: '' })}`);
      if (answer.status !== 200) throw new Error(`list versions: HTTP ${answer.status} ${answer.body.toString()}`);
      const result = xml.parse(answer.body.toString()).ListVersionsResult ?? {};
      const read = (item: Record<string, string>, deleteMarker: boolean): AdminVersion => ({
        key: item.Key ?? '',
        versionId: item.VersionId ?? '',
        isLatest: item.IsLatest === 'true',
        deleteMarker,
        size: Number(item.Size ?? 0),
      });
      return [
        ...((result.Version ?? []) as Record<string, string>[]).map((item) => read(item, false)),
        ...((result.DeleteMarker ?? []) as Record<string, string>[]).map((item) => read(item, true)),
      ];
    },
    async listObjects(bucket, prefix) {
      // Every page: a listing stops at 1,000 keys and names where to go on.
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const answer = await request('GET', `/${bucket}${query({ 'list-type': '2', prefix, ...(token ? { 'continuation-token': token } : {}) })}`);
        if (answer.status !== 200) throw new Error(`list objects: HTTP ${answer.status} ${answer.body.toString()}`);
        const result = xml.parse(answer.body.toString()).ListBucketResult ?? {};
        keys.push(...((result.Contents ?? []) as Record<string, string>[]).map((item) => item.Key ?? ''));
        token = String(result.IsTruncated) === 'true' ? String(result.NextContinuationToken ?? '') || undefined : undefined;
      } while (token);
      return keys;
    },
  };
}
