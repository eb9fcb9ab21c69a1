// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { sampleCaptureRequest, sampleScreenshot } from '../test/support/capture-request';
import { preservePost } from '../utils/capture/worker/pipeline';
import { getOrCreateInstallKey } from '../utils/store/install-key';
import { openPostProofDb } from '../utils/store/db';
import { readFirstRows, useDashboardData, type DashboardData } from './use-dashboard-data';

describe('useDashboardData', () => {
  it('shows the first rows read before the first render, then every row', async () => {
    const name = `dashboard-data-${crypto.randomUUID()}`;
    const db = await openPostProofDb(name);
    const key = await getOrCreateInstallKey(db);
    for (let i = 0; i < 5; i++) {
      const made = await preservePost(sampleCaptureRequest(`post ${i}`), sampleScreenshot, { db, key, software: 'PostProof 0.0.0-test', fetch });
      if (!made.ok) throw new Error(made.message);
    }
    db.close();

    const seen: { loading: boolean; complete: boolean; total: number; rows: number }[] = [];
    let latest: DashboardData | undefined;
    const firstRead = readFirstRows(2, () => openPostProofDb(name));
    function Probe() {
      latest = useDashboardData(firstRead);
      seen.push({ loading: latest.loading, complete: latest.complete, total: latest.total, rows: latest.listings.length });
      return null;
    }
    const host = document.createElement('div');
    act(() => render(<Probe />, host));
    await vi.waitFor(() => expect(latest?.complete).toBe(true), { timeout: 5_000 });

    expect(seen[0]).toMatchObject({ loading: true, rows: 0 });
    // The newest two first, with the count of all five; then all five.
    expect(seen).toContainEqual({ loading: false, complete: false, total: 5, rows: 2 });
    expect(latest!.listings).toHaveLength(5);
    expect(latest!.keyId).toBe(key.keyId);
    act(() => render(null, host));
    latest!.db?.close();
  });
});
