// The S3 client against a real gateway (single-node Ceph, test/support/s3-gateway.ts); what the server holds is
// checked with the independent curl client (gateway.admin), not with the client under test.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Gateway, type S3Gateway } from '../../test/support/s3-gateway';
import { S3Error, type S3Api } from './s3-api';
import { encodeKey, md5Base64, s3Client } from './s3-client';

const BUCKET = 'client-locked';
let gateway: S3Gateway;

function client(overrides: { secretAccessKey?: string; accessKeyId?: string; bucket?: string; pageSize?: number } = {}): S3Api {
  return s3Client(
    {
      endpoint: gateway.endpoint,
      region: gateway.region,
      bucket: overrides.bucket ?? BUCKET,
      accessKeyId: overrides.accessKeyId ?? gateway.accessKeyId,
      secretAccessKey: overrides.secretAccessKey ?? gateway.secretAccessKey,
    },
    { timeoutMs: 30_000, ...(overrides.pageSize ? { pageSize: overrides.pageSize } : {}) },
  );
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function putOptions(body: Uint8Array) {
  return { md5Base64: md5Base64(body), sha256Hex: sha256Hex(body), contentType: 'application/json' };
}

function inOneDay(): string {
  return new Date(Date.now() + 86_400_000).toISOString();
}

async function caught(promise: Promise<unknown>): Promise<S3Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(S3Error);
  return error as S3Error;
}

beforeAll(async () => {
  gateway = await startS3Gateway();
  await gateway.createLockedBucket(BUCKET);
}, 120_000);

afterAll(async () => {
  await gateway?.stop();
}, 120_000);

describe('s3Client against Ceph', () => {
  it('writes locked bytes under a key with spaces, Arabic letters, + ~ %, and reads them back', async () => {
    const api = client();
    const key = 'captures/قضية 7+~%20/capture (1).json';
    const body = new TextEncoder().encode('{"post":"نص"}');
    const retainUntil = inOneDay();
    const receipt = await api.putObject(key, body, {
      ...putOptions(body),
      lock: { mode: 'COMPLIANCE', retainUntil },
      legalHold: true,
      metadata: { 'capture-id': 'c1' },
    });
    expect(receipt.status).toBe(200);
    expect(receipt.versionId).toBeTruthy();
    expect(receipt.etag).toBe(createHash('md5').update(body).digest('hex'));

    // The independent client sees the same key, bytes and lock.
    expect(await gateway.admin.listObjects(BUCKET, 'captures/')).toContain(key);
    const head = await gateway.admin.headObject(BUCKET, key);
    expect(head.status).toBe(200);
    expect(head.headers['x-amz-version-id']).toBe(receipt.versionId);
    expect(head.headers['x-amz-object-lock-mode']).toBe('COMPLIANCE');
    expect(Date.parse(head.headers['x-amz-object-lock-retain-until-date'] ?? '')).toBe(Date.parse(retainUntil));
    expect(head.headers['x-amz-object-lock-legal-hold']).toBe('ON');
    expect(head.headers['x-amz-meta-sha256']).toBe(sha256Hex(body));
    const fetched = await gateway.admin.getObject(BUCKET, key);
    expect(Buffer.compare(fetched.body, Buffer.from(body))).toBe(0);

    const got = await api.getObject(key, receipt.versionId);
    expect(new TextDecoder().decode(got.body)).toBe('{"post":"نص"}');
    expect(got.bytes).toBe(body.length);
    expect(got.metadata).toMatchObject({ sha256: sha256Hex(body), 'capture-id': 'c1' });
    expect(got.lock.mode).toBe('COMPLIANCE');
    expect(got.lock.legalHold).toBe(true);
    expect(got.contentType).toBe('application/json');
    const headed = await api.headObject(key);
    expect(headed?.versionId).toBe(receipt.versionId);
    expect(headed?.bytes).toBe(body.length);
  });

  it('refuses to delete a locked version: kind locked, and the version stays', async () => {
    const api = client();
    const key = 'locked/one.txt';
    const body = new TextEncoder().encode('keep me');
    const receipt = await api.putObject(key, body, { ...putOptions(body), lock: { mode: 'COMPLIANCE', retainUntil: inOneDay() } });
    const error = await caught(api.deleteObjectVersion(key, receipt.versionId ?? ''));
    expect(error.kind).toBe('locked');
    expect(error.status).toBe(403);
    expect(error.code).toBe('AccessDenied');
    expect(error.message).toContain(key);
    expect(error.message).toContain('forbidden by object lock');
    expect((await gateway.admin.headObject(BUCKET, key, receipt.versionId)).status).toBe(200);

    const shorter = new Date(Date.now() + 3_600_000).toISOString();
    const shorten = await caught(api.putObjectRetention(key, receipt.versionId, { mode: 'COMPLIANCE', retainUntil: shorter }));
    expect(shorten.kind).toBe('locked');
    expect(shorten.message).toContain('shortens an existing retention period');
  });

  it('a wrong Content-MD5 is refused as a checksum failure and nothing is stored', async () => {
    const api = client();
    const key = 'bad/digest.json';
    const body = new TextEncoder().encode('the real bytes');
    const wrong = md5Base64(new TextEncoder().encode('other bytes'));
    const error = await caught(api.putObject(key, body, { ...putOptions(body), md5Base64: wrong }));
    expect(error.kind).toBe('checksum');
    expect(error.code).toBe('BadDigest');
    expect(error.message).toBe(
      'The locker refused to write bad/digest.json: BadDigest (the Content-MD5 sent did not match the bytes received).',
    );
    expect((await gateway.admin.headObject(BUCKET, key)).status).toBe(404);
  });

  it('a SHA-256 that does not match the bytes is refused as a checksum failure', async () => {
    const body = new TextEncoder().encode('the real bytes');
    const error = await caught(
      client().putObject('bad/sha.json', body, { ...putOptions(body), sha256Hex: sha256Hex(new TextEncoder().encode('x')) }),
    );
    // Ceph checks the signed payload hash (x-amz-content-sha256), though it ignores x-amz-checksum-sha256.
    expect(error.kind).toBe('checksum');
    expect(error.code).toBe('XAmzContentSHA256Mismatch');
    expect((await gateway.admin.headObject(BUCKET, 'bad/sha.json')).status).toBe(404);
  });

  it('uploads in parts, lists them, completes, then locks the completed version', async () => {
    const api = client();
    const key = 'big/video part.mp4';
    const sizes = [5 * 1024 * 1024, 5 * 1024 * 1024 + 7, 1024];
    const chunks = sizes.map((size, i) => new Uint8Array(size).fill(i + 1));
    const whole = Buffer.concat(chunks);
    const uploadId = await api.createMultipartUpload(key, { sha256Hex: sha256Hex(whole), contentType: 'video/mp4' });
    expect(uploadId).toBeTruthy();
    const parts = [];
    for (const [i, chunk] of chunks.entries()) parts.push(await api.uploadPart(key, uploadId, i + 1, chunk, md5Base64(chunk)));
    const listed = await api.listParts(key, uploadId);
    expect(listed?.map((p) => [p.partNumber, p.bytes, p.etag])).toEqual(parts.map((p) => [p.partNumber, p.bytes, p.etag]));
    expect(listed?.map((p) => p.bytes)).toEqual(sizes);

    const receipt = await api.completeMultipartUpload(key, uploadId, parts);
    expect(receipt.versionId).toBeTruthy();
    expect(receipt.etag).toMatch(/-3$/);
    expect(await api.listParts(key, uploadId)).toBeNull();

    const retainUntil = inOneDay();
    await api.putObjectRetention(key, receipt.versionId, { mode: 'GOVERNANCE', retainUntil });
    await api.putObjectLegalHold(key, receipt.versionId, true);
    const head = await gateway.admin.headObject(BUCKET, key, receipt.versionId);
    expect(head.headers['x-amz-object-lock-mode']).toBe('GOVERNANCE');
    expect(Date.parse(head.headers['x-amz-object-lock-retain-until-date'] ?? '')).toBe(Date.parse(retainUntil));
    expect(head.headers['x-amz-object-lock-legal-hold']).toBe('ON');
    expect(head.headers['x-amz-meta-sha256']).toBe(sha256Hex(whole));
    expect(head.headers['content-type']).toBe('video/mp4');
    const fetched = await gateway.admin.getObject(BUCKET, key, receipt.versionId);
    expect(sha256Hex(fetched.body)).toBe(sha256Hex(whole));
    expect((await gateway.admin.deleteVersion(BUCKET, key, receipt.versionId ?? '')).status).toBe(403);
  }, 120_000);

  it('a wrong part MD5 is a checksum failure; an abandoned upload is gone', async () => {
    const api = client();
    const key = 'big/abandoned.bin';
    const uploadId = await api.createMultipartUpload(key, { sha256Hex: '0'.repeat(64), contentType: 'application/octet-stream' });
    const chunk = new Uint8Array(1000).fill(9);
    const error = await caught(api.uploadPart(key, uploadId, 1, chunk, md5Base64(new Uint8Array(1))));
    expect(error.kind).toBe('checksum');
    expect(error.message).toContain('part 1 of big/abandoned.bin');
    await api.abortMultipartUpload(key, uploadId);
    expect(await api.listParts(key, uploadId)).toBeNull();
  });

  it('lists every key and every version across pages', async () => {
    const api = client({ pageSize: 2 });
    const keys = ['list/0001', 'list/1e5', 'list/true', 'list/z z', 'list/ق'];
    for (const key of keys) {
      const body = new TextEncoder().encode(key);
      await api.putObject(key, body, putOptions(body));
    }
    const second = new TextEncoder().encode('second');
    await api.putObject('list/0001', second, putOptions(second));
    // A plain DELETE (no version) only lays a delete marker over the key.
    expect((await gateway.admin.request('DELETE', '/client-locked/list/true')).status).toBe(204);

    const objects = await api.listObjects('list/');
    expect(objects.map((o) => o.key)).toEqual(keys.filter((k) => k !== 'list/true'));
    expect(objects[0]?.bytes).toBe(second.length);
    expect((await api.listObjects('list/', 3)).length).toBe(3);
    expect(await api.listObjects('nothing-here/')).toEqual([]);

    const versions = await api.listVersions('list/');
    expect(versions).toHaveLength(7);
    expect(versions.filter((v) => v.key === 'list/0001').map((v) => [v.isLatest, v.bytes])).toEqual([
      [true, second.length],
      [false, 'list/0001'.length],
    ]);
    const marker = versions.find((v) => v.key === 'list/true' && v.deleteMarker);
    expect(marker?.isLatest).toBe(true);
    const admin = await gateway.admin.listVersions(BUCKET, 'list/');
    expect(new Set(versions.map((v) => v.versionId))).toEqual(new Set(admin.map((v) => v.versionId)));
  });

  it('reads the bucket settings', async () => {
    expect(await client().bucketVersioning()).toBe('Enabled');
    expect(await client().objectLockConfiguration()).toEqual({ enabled: true });
    await gateway.createLockedBucket('client-default', { defaultRetention: { mode: 'GOVERNANCE', days: 3 } });
    expect(await client({ bucket: 'client-default' }).objectLockConfiguration()).toEqual({
      enabled: true,
      defaultMode: 'GOVERNANCE',
      defaultDays: 3,
    });
    expect((await gateway.admin.createBucket('client-plain')).status).toBe(200);
    expect(await client({ bucket: 'client-plain' }).bucketVersioning()).toBe('Off');
    expect(await client({ bucket: 'client-plain' }).objectLockConfiguration()).toEqual({ enabled: false });
  });

  it('tells a missing key, a missing bucket and refused keys apart', async () => {
    expect(await client().headObject('no/such/key')).toBeNull();
    const missing = await caught(client().getObject('no/such/key'));
    expect(missing.kind).toBe('not-found');
    expect(missing.code).toBe('NoSuchKey');
    const noBucket = await caught(client({ bucket: 'no-such-bucket' }).listObjects(''));
    expect(noBucket.kind).toBe('not-found');
    expect(noBucket.code).toBe('NoSuchBucket');

    const badSecret = await caught(client({ secretAccessKey: 'wrong' }).listObjects(''));
    expect(badSecret.kind).toBe('auth');
    expect(badSecret.code).toBe('SignatureDoesNotMatch');
    expect(badSecret.message).toContain('SignatureDoesNotMatch');
    const badKey = await caught(client({ accessKeyId: 'NOSUCHKEY' }).listObjects(''));
    expect(badKey.kind).toBe('auth');
    expect(badKey.code).toBe('InvalidAccessKeyId');
    // A HEAD has no error body: a bare 403, still an auth failure.
    const badHead = await caught(client({ accessKeyId: 'NOSUCHKEY' }).headObject('x'));
    expect(badHead.kind).toBe('auth');
    expect(badHead.status).toBe(403);
  });

  it('a stopped gateway is a network failure; started again, the objects are still there', async () => {
    const api = client();
    const body = new TextEncoder().encode('survives');
    const receipt = await api.putObject('restart/kept.txt', body, putOptions(body));
    await gateway.stopGateway();
    try {
      const error = await caught(api.getObject('restart/kept.txt'));
      expect(error.kind).toBe('network');
      expect(error.retryable).toBe(true);
      expect(error.message).toContain(gateway.endpoint);
      expect(error.message).toContain('restart/kept.txt');
    } finally {
      await gateway.startGateway();
    }
    const got = await api.getObject('restart/kept.txt');
    expect(got.versionId).toBe(receipt.versionId);
    expect(new TextDecoder().decode(got.body)).toBe('survives');
  }, 60_000);

  it('a gateway that does not answer in time is a network failure', async () => {
    const silent = s3Client(
      { endpoint: gateway.endpoint, region: gateway.region, bucket: BUCKET, accessKeyId: 'a', secretAccessKey: 'b' },
      { timeoutMs: 50, fetch: (_input, init) => new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))) },
    );
    const error = await caught(silent.headObject('x'));
    expect(error.kind).toBe('network');
    expect(error.message).toContain('no answer within');
  });
});

describe('encodeKey', () => {
  it('percent-encodes every byte but unreserved ones, keeping the slashes between segments', () => {
    expect(encodeKey("a b/ق+~%!'()*/x.json")).toBe("a%20b/%D9%82%2B~%25%21%27%28%29%2A/x.json");
    expect(encodeKey('0001')).toBe('0001');
  });
});
