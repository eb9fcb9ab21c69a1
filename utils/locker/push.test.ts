import { describe, expect, it } from 'vitest';
import { md5Base64, sha256Hex } from './digests';
import { MemoryS3 } from './memory-s3.fixtures';
import { MIN_PART_BYTES, pushFiles, type PushOptions, type PushTarget } from './push';
import type { LockerFile } from './queue-types';
import { S3Error } from './s3-api';

const MIB = 1024 * 1024;
const FOLDER = 'locker/case-1/cap-1/';
const target: PushTarget = { mode: 'COMPLIANCE', retainUntil: '2030-01-01T00:00:00.000Z', legalHold: false };

function bytesOf(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let x = seed * 2654435761;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

async function folder(contents: Record<string, Uint8Array>): Promise<{ files: LockerFile[]; read: (name: string, start: number, end: number) => Promise<Uint8Array> }> {
  const files: LockerFile[] = [];
  for (const [name, body] of Object.entries(contents)) {
    files.push({ name, key: FOLDER + name, bytes: body.byteLength, sha256: await sha256Hex(body), md5Base64: md5Base64(body), contentType: 'application/octet-stream' });
  }
  return { files, read: async (name, start, end) => contents[name]!.slice(start, end) };
}

function saver() {
  const saved: LockerFile[][] = [];
  const options: PushOptions = { partBytes: MIN_PART_BYTES, multipartThreshold: 6 * MIB, now: () => new Date('2026-12-06T12:00:00Z'), save: async (files) => void saved.push(files) };
  return { saved, options, last: () => saved[saved.length - 1]! };
}

describe('pushFiles', () => {
  it('pushes small and large files, locks each, reads each back, and fills done', async () => {
    const s3 = new MemoryS3();
    const big = bytesOf(16 * MIB + 123, 1); // 4 parts of 5 MiB, the last short
    const { files, read } = await folder({ 'capture.json': bytesOf(1000, 2), 'media/video.mp4': big, SHA256SUMS: bytesOf(200, 3) });
    const { options, saved } = saver();
    const progress: number[] = [];
    const done = await pushFiles(s3, files, read, { ...target, legalHold: true }, { ...options, onProgress: (d) => progress.push(d) });

    expect(done.every((file) => file.done)).toBe(true);
    expect(files.every((file) => !file.done)).toBe(true); // the input is not mutated
    expect(s3.count('putObject')).toBe(2);
    expect(s3.count('uploadPart')).toBe(4);
    expect(s3.count('completeMultipartUpload')).toBe(1);
    for (const file of done) {
      const versions = s3.versionsOf(file.key);
      expect(versions).toHaveLength(1);
      expect(versions[0]!.lock).toEqual({ mode: 'COMPLIANCE', retainUntil: target.retainUntil, legalHold: true });
      expect(await sha256Hex(versions[0]!.body)).toBe(file.sha256);
      expect(file.done).toMatchObject({ lockedUntil: target.retainUntil, mode: 'COMPLIANCE', legalHold: true, at: '2026-12-06T12:00:00.000Z' });
      expect(file.done!.receipt.versionId).toBe(versions[0]!.versionId);
      expect(file.multipart).toBeUndefined();
    }
    // Saved after the upload began, each of the 4 parts and each of the 3 files.
    expect(saved.length).toBe(1 + 4 + 3);
    expect(progress[progress.length - 1]).toBe(done.reduce((sum, file) => sum + file.bytes, 0));
    // The large file is not locked by the upload's headers (the fake ignores them, like Ceph): retention was set after.
    expect(s3.count('putObjectRetention')).toBe(1);
  });

  it('after a crash mid-multipart, goes on with the saved upload: held parts are not sent again, one version', async () => {
    const s3 = new MemoryS3();
    const big = bytesOf(21 * MIB, 4); // 5 parts
    const { files, read } = await folder({ 'big.bin': big, 'SHA256SUMS': bytesOf(64, 5) });
    const { options, last } = saver();
    s3.failNth('uploadPart', 3);
    const error = await pushFiles(s3, files, read, target, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3Error);
    expect((error as S3Error).retryable).toBe(true);
    const state = last();
    expect(state[0]!.multipart?.parts.map((part) => part.partNumber)).toEqual([1, 2]);
    expect(s3.count('uploadPart')).toBe(3);

    const done = await pushFiles(s3, state, read, target, options);
    expect(done.every((file) => file.done)).toBe(true);
    expect(s3.count('createMultipartUpload')).toBe(1);
    expect(s3.count('uploadPart')).toBe(3 + 3); // parts 3, 4, 5 only
    expect(s3.versionsOf(FOLDER + 'big.bin')).toHaveLength(1);
    expect(s3.versionsOf(FOLDER + 'SHA256SUMS')).toHaveLength(1);
    expect(await sha256Hex(s3.versionsOf(FOLDER + 'big.bin')[0]!.body)).toBe(files[0]!.sha256);
  });

  it('uploads again a held part whose ETag is not the MD5 of its bytes', async () => {
    const s3 = new MemoryS3();
    const big = bytesOf(11 * MIB, 6); // 3 parts
    const { files, read } = await folder({ 'big.bin': big });
    const { options, last } = saver();
    s3.failNth('uploadPart', 3);
    await expect(pushFiles(s3, files, read, target, options)).rejects.toThrow(S3Error);
    const upload = [...s3.uploads.values()][0]!;
    upload.parts.get(2)!.etag = '"00000000000000000000000000000000"';
    const done = await pushFiles(s3, last(), read, target, options);
    expect(done[0]!.done).toBeDefined();
    expect(s3.count('uploadPart')).toBe(3 + 2); // part 2 again and part 3
  });

  it('starts a new upload when the saved one is gone', async () => {
    const s3 = new MemoryS3();
    const { files, read } = await folder({ 'big.bin': bytesOf(11 * MIB, 7) });
    const { options, last } = saver();
    s3.failNth('uploadPart', 2);
    await expect(pushFiles(s3, files, read, target, options)).rejects.toThrow(S3Error);
    s3.uploads.clear();
    const done = await pushFiles(s3, last(), read, target, options);
    expect(done[0]!.done).toBeDefined();
    expect(s3.count('createMultipartUpload')).toBe(2);
    expect(s3.versionsOf(FOLDER + 'big.bin')).toHaveLength(1);
  });

  it('adopts an object an earlier attempt wrote but did not save, and locks it, without a second version', async () => {
    const s3 = new MemoryS3();
    const body = bytesOf(500, 8);
    const { files, read } = await folder({ 'capture.json': body });
    s3.plant(FOLDER + 'capture.json', body, { sha256: files[0]!.sha256 }); // no lock: the put's lock was lost
    const { options } = saver();
    const done = await pushFiles(s3, files, read, { ...target, legalHold: true }, options);
    expect(s3.count('putObject')).toBe(0);
    expect(s3.versionsOf(FOLDER + 'capture.json')).toHaveLength(1);
    expect(s3.versionsOf(FOLDER + 'capture.json')[0]!.lock).toEqual({ mode: 'COMPLIANCE', retainUntil: target.retainUntil, legalHold: true });
    expect(done[0]!.done?.receipt.versionId).toBe('v1');
  });

  it('after a crash between a put and its save, adopts the object on the next attempt instead of writing it again', async () => {
    const s3 = new MemoryS3();
    const { files, read } = await folder({ 'capture.json': bytesOf(700, 16), SHA256SUMS: bytesOf(90, 17) });
    const { options, saved } = saver();
    s3.failNth('getObject', 1); // the put went through; the worker died before the file was saved done
    await expect(pushFiles(s3, files, read, target, options)).rejects.toThrow(S3Error);
    expect(saved).toHaveLength(0);
    const done = await pushFiles(s3, files, read, target, options);
    expect(done.every((file) => file.done)).toBe(true);
    expect(s3.count('putObject')).toBe(2); // capture.json once, SHA256SUMS once
    expect(s3.versionsOf(FOLDER + 'capture.json')).toHaveLength(1);
    expect(done[0]!.done?.receipt.versionId).toBe(s3.versionsOf(FOLDER + 'capture.json')[0]!.versionId);
    expect(s3.count('putObjectRetention')).toBe(0); // its lock was already there
  });

  it('adopts a completed multipart whose completion was never saved', async () => {
    const s3 = new MemoryS3();
    const { files, read } = await folder({ 'big.bin': bytesOf(11 * MIB, 9) });
    const { options, last } = saver();
    s3.failNth('putObjectRetention', 1);
    await expect(pushFiles(s3, files, read, target, options)).rejects.toThrow(S3Error);
    expect(last()[0]!.multipart).toBeDefined();
    const done = await pushFiles(s3, last(), read, target, options);
    expect(done[0]!.done?.lockedUntil).toBe(target.retainUntil);
    expect(s3.count('completeMultipartUpload')).toBe(1);
    expect(s3.count('uploadPart')).toBe(3);
    expect(s3.versionsOf(FOLDER + 'big.bin')).toHaveLength(1);
  });

  it('refuses to write where a different object sits, and writes nothing', async () => {
    const s3 = new MemoryS3();
    const { files, read } = await folder({ 'capture.json': bytesOf(300, 10) });
    s3.plant(FOLDER + 'capture.json', bytesOf(300, 11), { sha256: 'ab'.repeat(32) });
    const { options, saved } = saver();
    const error = (await pushFiles(s3, files, read, target, options).catch((e: unknown) => e)) as S3Error;
    expect(error).toBeInstanceOf(S3Error);
    expect(error.kind).toBe('client');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(`A different object already sits at ${FOLDER}capture.json in the locker; PostProof will not write over locked evidence.`);
    expect(s3.count('putObject') + s3.count('putObjectRetention') + s3.count('createMultipartUpload')).toBe(0);
    expect(s3.versionsOf(FOLDER + 'capture.json')).toHaveLength(1);
    expect(saved).toHaveLength(0);
  });

  it('fails with a checksum error when the object reads back with other bytes', async () => {
    const s3 = new MemoryS3();
    const { files, read } = await folder({ 'capture.json': bytesOf(300, 12) });
    s3.corrupt(FOLDER + 'capture.json');
    const { options, saved } = saver();
    const error = (await pushFiles(s3, files, read, target, options).catch((e: unknown) => e)) as S3Error;
    expect(error).toBeInstanceOf(S3Error);
    expect(error.kind).toBe('checksum');
    expect(error.message).toMatch(/read back .* different bytes/);
    expect(saved.every((state) => !state[0]!.done)).toBe(true);
  });

  it('fails with a checksum error when the object reads back without the lock', async () => {
    const s3 = new MemoryS3();
    const { files, read } = await folder({ 'capture.json': bytesOf(300, 13) });
    const put = s3.putObject.bind(s3);
    s3.putObject = (key, body, options) => put(key, body, { ...options, lock: undefined }); // a server that drops the headers
    const { options } = saver();
    const error = (await pushFiles(s3, files, read, target, options).catch((e: unknown) => e)) as S3Error;
    expect(error.kind).toBe('checksum');
    expect(error.message).toMatch(/does not carry the lock/);
  });

  it('skips files already done and never cuts parts below 5 MiB', async () => {
    const s3 = new MemoryS3();
    const { files, read } = await folder({ 'a.json': bytesOf(10, 14), 'big.bin': bytesOf(11 * MIB, 15) });
    const { options } = saver();
    const first = await pushFiles(s3, files.slice(0, 1), read, target, options);
    const done = await pushFiles(s3, [first[0]!, files[1]!], read, target, { ...options, partBytes: 1024 });
    expect(s3.count('putObject')).toBe(1);
    expect(s3.count('uploadPart')).toBe(3); // 5 + 5 + 1 MiB, not 11 × 1 KiB
    expect(done.map((file) => !!file.done)).toEqual([true, true]);
  });

  it('pushes several files at once but the closing file alone, last; after a failure, never the closing file', async () => {
    const s3 = new MemoryS3();
    const contents: Record<string, Uint8Array> = {};
    for (let n = 0; n < 8; n++) contents[`f${n}.bin`] = bytesOf(500 + n, 10 + n);
    contents['SHA256SUMS.sig'] = bytesOf(96, 99);
    const { files, read } = await folder(contents);
    const order: string[] = [];
    let inFlight = 0;
    let most = 0;
    const watched = new Proxy(s3, {
      get: (api, name) =>
        name === 'putObject'
          ? async (key: string, ...rest: unknown[]) => {
              inFlight++;
              most = Math.max(most, inFlight);
              await new Promise((resolve) => setTimeout(resolve, 5));
              try {
                return await (api.putObject as (...args: unknown[]) => Promise<unknown>)(key, ...rest);
              } finally {
                inFlight--;
                order.push(key);
              }
            }
          : (api as unknown as Record<string | symbol, unknown>)[name as string],
    });
    const { options } = saver();
    await pushFiles(watched, files, read, target, { ...options, concurrency: 3 });
    expect(most).toBe(3);
    expect(order.at(-1)).toBe(`${FOLDER}SHA256SUMS.sig`);
    expect(order).toHaveLength(9);

    const again = new MemoryS3();
    again.failNth('putObject', 4);
    await expect(pushFiles(again, files, read, target, { ...options, concurrency: 3 })).rejects.toBeInstanceOf(S3Error);
    expect(again.versionsOf(`${FOLDER}SHA256SUMS.sig`)).toHaveLength(0);
  });
});
