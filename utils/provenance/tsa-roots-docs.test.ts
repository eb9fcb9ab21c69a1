// docs/verify-by-hand.md lists the pinned roots for people who verify by hand: it must list exactly the roots the
// verifier pins, with the same fingerprints and addresses.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PINNED_TSA_ROOTS } from './tsa-roots';

const doc = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'verify-by-hand.md'), 'utf8');

describe('docs/verify-by-hand.md', () => {
  it('lists every pinned root with its fingerprint and where to get it, and no other fingerprint', () => {
    const rows = doc.split('\n').filter((line) => /^\| .*`[0-9a-f]{64}`/.test(line));
    expect(rows).toHaveLength(PINNED_TSA_ROOTS.length);
    for (const root of PINNED_TSA_ROOTS) {
      const row = rows.find((line) => line.includes(root.sha256));
      expect(row, root.subject).toBeDefined();
      expect(row).toContain(root.authority);
      expect(row!.includes(root.obtainFrom) || row!.includes('| same |'), root.obtainFrom).toBe(true);
    }
  });
});
