// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExportedBundle, ExportProgress } from '../utils/export/types';
import { ExportControl, type RunExport } from './export-control';
import { clampPercent } from './progress-bar';

let host: HTMLElement;

function mount(props: Parameters<typeof ExportControl>[0]) {
  host = document.createElement('div');
  document.body.append(host);
  act(() => render(<ExportControl {...props} />, host));
}

const button = () => host.querySelector<HTMLButtonElement>('[data-testid="export-selected"]')!;
const bar = () => host.querySelector<HTMLElement>('[data-testid="export-progress"]')!;

afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

describe('ExportControl', () => {
  it('is disabled with a hint while nothing is selected', () => {
    mount({ selectedIds: [], runExport: vi.fn() });
    expect(button().disabled).toBe(true);
    expect(host.textContent).toContain('Tick the captures to export.');
  });

  it('reports progress through aria-valuenow and saves the bundle at the end', async () => {
    let report: (progress: ExportProgress) => void = () => undefined;
    let finish: (bundle: ExportedBundle) => void = () => undefined;
    const runExport: RunExport = vi.fn((_ids, onProgress) => {
      report = onProgress;
      return new Promise<ExportedBundle>((resolve) => (finish = resolve));
    });
    const save = vi.fn();
    mount({ selectedIds: ['a', 'b'], runExport, save });
    expect(button().textContent).toBe('Export 2 captures');

    await act(async () => button().click());
    expect(runExport).toHaveBeenCalledWith(['a', 'b'], expect.any(Function), expect.any(AbortSignal));
    expect(bar().getAttribute('role')).toBe('progressbar');
    expect(bar().hidden).toBe(false);
    expect(bar().getAttribute('aria-valuenow')).toBe('0');
    expect(button().disabled).toBe(true);

    act(() => report({ percent: 42.4, status: 'Checked and added capture 1 of 2.' }));
    expect(bar().getAttribute('aria-valuenow')).toBe('42');
    expect(host.querySelector('[data-testid="export-status"]')!.textContent).toBe('Checked and added capture 1 of 2.');

    const bundle = { fileName: 'postproof-bundle-20240101-000000-2captures.zip', bytes: new Uint8Array(10) };
    await act(async () => finish(bundle));
    expect(save).toHaveBeenCalledWith(bundle);
    expect(bar().getAttribute('aria-valuenow')).toBe('100');
    expect(host.querySelector('[role="status"]')!.textContent).toContain(bundle.fileName);
  });

  it('shows a clear error and downloads nothing when the export fails', async () => {
    const save = vi.fn();
    mount({ selectedIds: ['a'], runExport: () => Promise.reject(new Error('The stored file post.html of capture a is damaged.')), save });
    await act(async () => button().click());
    const error = host.querySelector('[data-testid="export-error"]')!;
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toBe('The export failed and nothing was downloaded. The stored file post.html of capture a is damaged.');
    expect(save).not.toHaveBeenCalled();
    expect(button().disabled).toBe(false);
  });

  it('explains why it cannot export while the store is not open', () => {
    mount({ selectedIds: ['a'], unavailable: 'Storage is not available.' });
    expect(button().disabled).toBe(true);
    expect(host.textContent).toContain('Storage is not available.');
  });
});

describe('clampPercent', () => {
  it('keeps aria-valuenow a whole number from 0 to 100', () => {
    expect([clampPercent(-3), clampPercent(12.6), clampPercent(140), clampPercent(Number.NaN)]).toEqual([0, 13, 100, 0]);
  });
});
