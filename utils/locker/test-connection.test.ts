// "Test connection" against a real gateway (single-node Ceph): what each kind of bucket and key gets told.
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Gateway, type S3Gateway } from '../../test/support/s3-gateway';
import type { LockerConfig } from './s3-api';
import { s3Client } from './s3-client';
import { lockerKey, testLockerConnection } from './test-connection';

let gateway: S3Gateway;

/** A port nothing listens on: one the kernel just gave out and took back. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function config(overrides: Partial<LockerConfig> = {}): LockerConfig {
  return {
    endpoint: gateway.endpoint,
    region: gateway.region,
    bucket: 'conn-locked',
    prefix: 'team/evidence',
    accessKeyId: gateway.accessKeyId,
    secretAccessKey: gateway.secretAccessKey,
    retentionDays: 30,
    mode: 'COMPLIANCE',
    legalHold: false,
    autoPush: false,
    ...overrides,
  };
}

async function run(overrides: Partial<LockerConfig> = {}) {
  const c = config(overrides);
  return testLockerConnection(s3Client(c, { timeoutMs: 30_000 }), c, new Date());
}

beforeAll(async () => {
  gateway = await startS3Gateway();
  await gateway.createLockedBucket('conn-locked');
  expect((await gateway.admin.createBucket('conn-plain')).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await gateway?.stop();
}, 120_000);

describe('testLockerConnection', () => {
  it('passes every check on a bucket with Object Lock, leaving one locked test object under the prefix', async () => {
    const report = await run();
    expect(report.checks.map((c) => [c.check, c.ok])).toEqual([
      ['reach', true],
      ['bucket', true],
      ['versioning', true],
      ['object-lock', true],
      ['write', true],
      ['read-back', true],
      ['locked-delete', true],
    ]);
    expect(report.ok).toBe(true);
    expect(report.checks[4]?.message).toContain('1 day');
    const keys = await gateway.admin.listObjects('conn-locked', '');
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^team\/evidence\/\.postproof-test\/\d{8}T\d{6}Z-[A-Za-z0-9]{8}\.txt$/);
    const head = await gateway.admin.headObject('conn-locked', keys[0] ?? '');
    expect(head.headers['x-amz-object-lock-mode']).toBe('COMPLIANCE');
    const until = Date.parse(head.headers['x-amz-object-lock-retain-until-date'] ?? '');
    expect(Math.abs(until - (Date.now() + 86_400_000))).toBeLessThan(60_000);
  });

  it('writes at the bucket root when the prefix is empty, in GOVERNANCE when so configured', async () => {
    const report = await run({ prefix: '', mode: 'GOVERNANCE' });
    expect(report.ok).toBe(true);
    const keys = await gateway.admin.listObjects('conn-locked', '.postproof-test/');
    expect(keys).toHaveLength(1);
    expect((await gateway.admin.headObject('conn-locked', keys[0] ?? '')).headers['x-amz-object-lock-mode']).toBe('GOVERNANCE');
  });

  it('stops at versioning on a bucket without Object Lock', async () => {
    const report = await run({ bucket: 'conn-plain' });
    expect(report.ok).toBe(false);
    expect(report.checks.map((c) => c.check)).toEqual(['reach', 'bucket', 'versioning']);
    expect(report.checks[2]?.message).toBe(
      'Versioning is off on bucket conn-plain: Object Lock needs it; create the bucket with Object Lock enabled.',
    );
    expect(await gateway.admin.listObjects('conn-plain', '')).toEqual([]);
  });

  it('stops at Object Lock on a versioned bucket without it', async () => {
    expect((await gateway.admin.createBucket('conn-versioned')).status).toBe(200);
    const body = Buffer.from('<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>');
    expect((await gateway.admin.request('PUT', '/conn-versioned?versioning=', { body })).status).toBe(200);
    const report = await run({ bucket: 'conn-versioned' });
    expect(report.checks.map((c) => [c.check, c.ok])).toEqual([
      ['reach', true],
      ['bucket', true],
      ['versioning', true],
      ['object-lock', false],
    ]);
    expect(report.checks[3]?.message).toContain('Object Lock is not enabled on bucket conn-versioned');
  });

  it('says which bucket is missing', async () => {
    const report = await run({ bucket: 'conn-missing' });
    expect(report.checks.map((c) => [c.check, c.ok])).toEqual([
      ['reach', true],
      ['bucket', false],
    ]);
    expect(report.checks[1]?.message).toContain('There is no bucket named conn-missing');
  });

  it('stops at the first check when the keys are wrong', async () => {
    const wrongKey = await run({ accessKeyId: 'NOSUCHKEY' });
    expect(wrongKey.ok).toBe(false);
    expect(wrongKey.checks).toEqual([
      { check: 'reach', ok: false, message: 'The access key was refused (InvalidAccessKeyId): check the key and secret.' },
    ]);
    const wrongSecret = await run({ secretAccessKey: 'wrong' });
    expect(wrongSecret.checks).toHaveLength(1);
    expect(wrongSecret.checks[0]?.message).toContain('SignatureDoesNotMatch');
  });

  it('fails the last check when a locked version can be deleted after all', async () => {
    // The real gateway, but its delete answer replaced: what a server that ignores Object Lock would do.
    const c = config();
    const real = s3Client(c, { timeoutMs: 30_000 });
    let deleted = '';
    const careless = { ...real, deleteObjectVersion: async (key: string) => void (deleted = key) };
    const report = await testLockerConnection(careless, c);
    expect(deleted).toContain('.postproof-test/');
    expect(report.ok).toBe(false);
    expect(report.checks.at(-1)).toEqual({
      check: 'locked-delete',
      ok: false,
      message: 'Deleting the locked test object succeeded: Object Lock is not protecting the objects in bucket conn-locked. Do not use it as an evidence locker.',
    });
  });

  it('says when nothing answers at the address', async () => {
    const port = await closedPort();
    const report = await run({ endpoint: `http://127.0.0.1:${port}` });
    expect(report.checks).toHaveLength(1);
    expect(report.checks[0]?.ok).toBe(false);
    expect(report.checks[0]?.message).toContain('ECONNREFUSED');
    expect(report.checks[0]?.message).toContain(`Check the address (http://127.0.0.1:${port})`);
  });
});

describe('lockerKey', () => {
  it('never makes a leading or double slash', () => {
    expect(lockerKey('', '.postproof-test', 'a.txt')).toBe('.postproof-test/a.txt');
    expect(lockerKey('team', 'a')).toBe('team/a');
    expect(lockerKey('/team//x/', 'a')).toBe('team/x/a');
  });
});
