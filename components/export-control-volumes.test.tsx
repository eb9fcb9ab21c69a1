// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExportedVolumeSet } from '../utils/export/types';
import { ExportControl, type RunExport } from './export-control';

let host: HTMLElement;

async function mount(props: Parameters<typeof ExportControl>[0]) {
  host = document.createElement('div');
  document.body.append(host);
  await act(async () => render(<ExportControl {...props} />, host));
}

afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

const click = (id: string) => act(async () => host.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`)!.click());

describe('ExportControl with volumes', () => {
  it('hands every volume to the download and names them', async () => {
    const set: ExportedVolumeSet = {
      bytes: 3 * 1024 * 1024,
      volumes: [1, 2].map((n) => ({ fileName: `postproof-20261128-0153-vol${n}of2.zip`, file: new Blob(['x']), captures: 3, manifestSha256: 'a'.repeat(64) })),
    };
    const saveVolumes = vi.fn();
    await mount({ selectedIds: ['a', 'b'], runExport: async () => set, saveVolumes });
    await click('export-selected');
    expect(saveVolumes).toHaveBeenCalledWith(set);
    expect(host.querySelector('[data-testid="export-status"]')!.textContent).toMatch(/^Saved 2 volumes .*vol1of2\.zip, .*vol2of2\.zip/);
  });

  it('cancel stops the export: nothing is saved and the status says so', async () => {
    const save = vi.fn();
    const saveVolumes = vi.fn();
    const runExport: RunExport = (_ids, onProgress, signal) =>
      new Promise((_resolve, reject) => {
        onProgress({ percent: 10, status: 'Volume 1 of 3…', files: { done: 4, total: 40 }, bytes: { done: 1, total: 10 } });
        signal.addEventListener('abort', () => reject(signal.reason));
      });
    await mount({ selectedIds: ['a'], runExport, save, saveVolumes });
    await click('export-selected');
    expect(host.querySelector('[data-testid="export-progress"]')!.getAttribute('aria-valuenow')).toBe('10');
    await click('export-cancel');
    expect(save).not.toHaveBeenCalled();
    expect(saveVolumes).not.toHaveBeenCalled();
    expect(host.querySelector('[data-testid="export-status"]')!.textContent).toBe('Export cancelled; nothing was downloaded.');
    expect(host.querySelector('[data-testid="export-cancel"]')).toBeNull();
    expect(host.querySelector('[data-testid="export-error"]')).toBeNull();
  });
});
