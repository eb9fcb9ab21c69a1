import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openPostProofDb } from './db';
import { readArtifactFile, storedArtifact } from './captures';

describe('readArtifactFile', () => {
  it('gives a stored file as a Blob of the asked type, for Blob rows and for rows that hold bytes, and names a missing one', async () => {
    const db = await openPostProofDb(`captures-${crypto.randomUUID()}`);
    const bytes = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
    await db.put('artifacts', storedArtifact('c1', 'screenshot.png', bytes));
    await db.put('artifacts', { captureId: 'c0', path: 'screenshot.png', data: bytes });
    for (const id of ['c1', 'c0']) {
      const file = await readArtifactFile(db, id, 'screenshot.png', 'image/png');
      expect(file.type).toBe('image/png');
      expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
    }
    await expect(readArtifactFile(db, 'c2', 'screenshot.png', 'image/png')).rejects.toThrow('The file screenshot.png of capture c2 is not in the store.');
    db.close();
  });
});
