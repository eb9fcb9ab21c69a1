// The package writer gives the same bytes for the same files whatever their order or the clock, writes no folder
// entries, extra fields or dates other than 1980-01-01, and refuses names that would unpack elsewhere.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deterministicZip, entryNameProblem, readZip, sha256Hex } from './deterministic-zip.mjs';

const files = [
  { name: 'manifest.json', bytes: Buffer.from('{"version":"0.1.0"}') },
  { name: 'chunks/b.js', bytes: Buffer.from('export const b = 2;\n'.repeat(50)) },
  { name: 'chunks/a.js', bytes: Buffer.from('export const a = 1;\n') },
  { name: 'scripts/setup.sh', bytes: Buffer.from('#!/bin/sh\n'), executable: true },
];

/** The fields of each central directory record: name, method, DOS time and date, extra length, external attributes. */
function centralRecords(zip: Buffer) {
  const records = [];
  let offset = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  while (offset >= 0 && zip.readUInt32LE(offset) === 0x02014b50) {
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    records.push({
      name: zip.subarray(offset + 46, offset + 46 + nameLength).toString(),
      method: zip.readUInt16LE(offset + 10),
      time: zip.readUInt16LE(offset + 12),
      date: zip.readUInt16LE(offset + 14),
      extraLength,
      mode: zip.readUInt32LE(offset + 38) >>> 16,
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return records;
}

describe('deterministicZip', () => {
  it('gives the same bytes for the same files in any order, at any time', async () => {
    const first = await deterministicZip(files);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await deterministicZip([...files].reverse());
    expect(sha256Hex(second)).toBe(sha256Hex(first));
  });

  it('sorts entries, writes one 1980 date, fixed modes, no extra fields and no folders', async () => {
    const records = centralRecords(await deterministicZip(files));
    expect(records.map((record) => record.name)).toEqual(['chunks/a.js', 'chunks/b.js', 'manifest.json', 'scripts/setup.sh']);
    for (const record of records) {
      expect(record.time).toBe(0);
      expect(record.date).toBe((0 << 9) | (1 << 5) | 1); // 1980-01-01
      expect(record.extraLength).toBe(0);
      expect(record.method).toBe(8);
    }
    expect(records.map((record) => record.mode & 0o777)).toEqual([0o644, 0o644, 0o644, 0o755]);
  });

  it('round-trips through readZip and unzip', async () => {
    const zip = await deterministicZip(files);
    const entries = await readZip(zip);
    expect(entries.map((entry) => [entry.name, entry.dir, entry.bytes.toString()])).toEqual(
      [...files].sort((a, b) => (a.name < b.name ? -1 : 1)).map((entry) => [entry.name, false, entry.bytes.toString()]),
    );
    const folder = mkdtempSync(join(tmpdir(), 'det-zip-'));
    try {
      writeFileSync(join(folder, 'p.zip'), zip);
      expect(execFileSync('unzip', ['-tq', join(folder, 'p.zip')]).toString()).toMatch(/No errors detected/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses names that would unpack elsewhere or need an extra field, and a name given twice', async () => {
    for (const name of ['../x.js', '/etc/passwd', 'a/./b.js', 'a//b.js', 'C:/x.js', 'a\\b.js', 'folder/', 'café.js']) {
      expect(entryNameProblem(name), name).toBeDefined();
      await expect(deterministicZip([{ name, bytes: Buffer.from('x') }])).rejects.toThrow(/cannot zip/);
    }
    await expect(deterministicZip([files[0]!, files[0]!])).rejects.toThrow(/listed twice/);
    expect(entryNameProblem('_locales/en/messages.json')).toBeUndefined();
  });
});
