import { describe, expect, it } from 'vitest';
import { exportProgress, streamProgress } from './progress';
import type { ExportProgress } from './types';

describe('exportProgress', () => {
  it('maps the writer phases onto one rising scale that stops short of 100', () => {
    const steps = [
      exportProgress({ phase: 'captures', done: 1, total: 0 }, 2),
      exportProgress({ phase: 'captures', done: 2, total: 0 }, 2),
      exportProgress({ phase: 'summaries', done: 0, total: 1 }, 2),
      exportProgress({ phase: 'summaries', done: 1, total: 1 }, 2),
      exportProgress({ phase: 'zip', done: 100, total: 100 }, 2),
    ].map((p) => p.percent);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(Math.max(...steps)).toBe(99);
  });
});

describe('streamProgress', () => {
  it('counts files and bytes against the totals and ends at 100', () => {
    const seen: ExportProgress[] = [];
    const progress = streamProgress({ files: 2, bytes: 200, volumes: 1 }, (p) => seen.push(p));
    progress.added(1, 100);
    progress.added(1, 100);
    progress.done('Bundle ready');
    expect(seen[0]).toMatchObject({ percent: 50, files: { done: 1, total: 2 } });
    expect(seen.at(-1)).toMatchObject({ percent: 100, status: 'Bundle ready', bytes: { done: 200, total: 200 } });
  });
});
