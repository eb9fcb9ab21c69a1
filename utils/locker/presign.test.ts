// Presigned requests from a team's own service, against the real Ceph gateway: the install holds no S3 key, the
// service decides what it may do, and what it signs reaches the objects (locks included; CEPH-S3.md warns that a
// presigner that hoists the lock headers into the query loses them there).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Gateway, type S3Gateway } from '../../test/support/s3-gateway';
import { startPresignService, type PresignService } from '../../test/support/presign-service';
import { lockerClient } from './presign';
import { S3Error, type LockerConfig } from './s3-api';
import { md5Base64 } from './s3-client';
import { testLockerConnection } from './test-connection';
import { pushFiles } from './push';
import type { LockerFile } from './queue-types';

const BUCKET = 'presigned-locker';
const TOKEN = 'member-7f3a';
let gateway: S3Gateway;
let service: PresignService;

function config(overrides: Partial<LockerConfig> = {}): LockerConfig {
  return {
    endpoint: gateway.endpoint,
    region: gateway.region,
    bucket: BUCKET,
    prefix: 'desk',
    accessKeyId: '',
    secretAccessKey: '',
    retentionDays: 2,
    mode: 'COMPLIANCE',
    legalHold: false,
    autoPush: false,
    auth: 'presign',
    presignUrl: service.url,
    presignToken: TOKEN,
    ...overrides,
  };
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

beforeAll(async () => {
  gateway = await startS3Gateway();
  await gateway.createLockedBucket(BUCKET);
  service = await startPresignService(gateway, { token: TOKEN, prefix: 'desk' });
}, 120_000);

afterAll(async () => {
  await service?.close();
  await gateway?.stop();
}, 60_000);

describe('presigned requests from the team’s service', () => {
  it('passes the connection test without any S3 key in the install', async () => {
    const report = await testLockerConnection(lockerClient(config()), config());
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(service.asked.some((r) => r.method === 'DELETE')).toBe(true);
  });

  it('pushes small and multipart files whose locks, bytes and SHA-256 the gateway holds', async () => {
    const api = lockerClient(config());
    const small = new TextEncoder().encode('{"capture":"presigned"}');
    const large = new Uint8Array(11 * 1024 * 1024).map((_, i) => (i * 31) & 255);
    const files: LockerFile[] = [
      { name: 'capture.json', key: 'desk/case/c1/capture.json', bytes: small.length, sha256: sha256(small), md5Base64: md5Base64(small), contentType: 'application/json' },
      { name: 'video.mp4', key: 'desk/case/c1/video.mp4', bytes: large.length, sha256: sha256(large), md5Base64: md5Base64(large), contentType: 'video/mp4' },
    ];
    const bodies = new Map([['capture.json', small], ['video.mp4', large]]);
    const retainUntil = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const done = await pushFiles(api, files, async (name, start, end) => bodies.get(name)!.subarray(start, end), { mode: 'COMPLIANCE', retainUntil, legalHold: true }, {
      save: async () => undefined,
      multipartThreshold: 8 * 1024 * 1024,
      partBytes: 5 * 1024 * 1024,
    });
    for (const file of done) {
      const head = await gateway.admin.headObject(BUCKET, file.key, file.done!.receipt.versionId);
      expect(head.headers['x-amz-object-lock-mode']).toBe('COMPLIANCE');
      expect(head.headers['x-amz-object-lock-legal-hold']).toBe('ON');
      expect(head.headers['x-amz-meta-sha256']).toBe(file.sha256);
      expect(sha256((await gateway.admin.getObject(BUCKET, file.key)).body)).toBe(file.sha256);
    }
    expect(service.asked.some((r) => r.query.partNumber === '2')).toBe(true);
    expect(service.asked.some((r) => r.method === 'PUT' && r.headers['x-amz-object-lock-mode'] === 'COMPLIANCE')).toBe(true);
  }, 120_000);

  it('is refused what the service does not allow: a delete of evidence, a key outside the prefix, a wrong token', async () => {
    const api = lockerClient(config());
    const body = new TextEncoder().encode('x');
    const put = await api.putObject('desk/case/c2/file.txt', body, { md5Base64: md5Base64(body), sha256Hex: sha256(body), contentType: 'text/plain' });
    await expect(api.deleteObjectVersion('desk/case/c2/file.txt', put.versionId!)).rejects.toMatchObject({ kind: 'auth', message: expect.stringMatching(/may not delete evidence/) });
    await expect(api.putObject('elsewhere/file.txt', body, { md5Base64: md5Base64(body), sha256Hex: sha256(body), contentType: 'text/plain' })).rejects.toMatchObject({ kind: 'auth', message: expect.stringMatching(/outside desk\//) });
    const stranger = lockerClient(config({ presignToken: 'guess' }));
    await expect(stranger.headObject('desk/case/c2/file.txt')).rejects.toBeInstanceOf(S3Error);
    await expect(stranger.headObject('desk/case/c2/file.txt')).rejects.toMatchObject({ kind: 'auth' });
  });

  it('refuses a URL for another host or key than asked, and sends nothing there', async () => {
    let sentTo = '';
    const liar: typeof fetch = async (input, init) => {
      const url = String(input);
      if (url === service.url) return new Response(JSON.stringify({ url: `${gateway.endpoint}/${BUCKET}/desk/other/key.txt`, headers: {} }), { status: 200 });
      sentTo = url;
      return fetch(input, init);
    };
    const api = lockerClient(config(), { fetch: liar });
    const body = new TextEncoder().encode('y');
    await expect(api.putObject('desk/case/c3/file.txt', body, { md5Base64: md5Base64(body), sha256Hex: sha256(body), contentType: 'text/plain' })).rejects.toMatchObject({
      kind: 'client',
      message: expect.stringMatching(/nothing was sent/),
    });
    expect(sentTo).toBe('');
  });
});
