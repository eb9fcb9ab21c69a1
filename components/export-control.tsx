// The export button with its progress bar and status line: runs an export of the chosen captures and downloads it.
import { useState } from 'preact/hooks';
import type { ExportedBundle, ExportProgress } from '../utils/export';
import { downloadBytes } from './download';
import { countLabel } from './format';
import { ProgressBar } from './progress-bar';

export type RunExport = (ids: string[], onProgress: (progress: ExportProgress) => void) => Promise<ExportedBundle>;

export interface ExportControlProps {
  selectedIds: readonly string[];
  /** Absent while the page cannot export yet (store still opening, or failed to open). */
  runExport?: RunExport;
  /** Why there is no `runExport`, shown beside the disabled button. */
  unavailable?: string;
  /** Replaces the default download (tests). */
  save?: (bundle: ExportedBundle) => void;
}

type ExportState =
  | { phase: 'idle' }
  | { phase: 'running'; percent: number; status: string }
  | { phase: 'done'; status: string }
  | { phase: 'error'; message: string };

function sizeLabel(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function errorMessage(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return `The export failed and nothing was downloaded. ${detail}`;
}

export function ExportControl({ selectedIds, runExport, unavailable, save }: ExportControlProps) {
  const [state, setState] = useState<ExportState>({ phase: 'idle' });
  const running = state.phase === 'running';
  const count = selectedIds.length;

  async function start() {
    if (!runExport) return;
    const ids = [...selectedIds];
    setState({ phase: 'running', percent: 0, status: `Exporting ${countLabel(ids.length, 'capture', 'captures')}…` });
    try {
      const bundle = await runExport(ids, (progress) => setState({ phase: 'running', ...progress }));
      (save ?? ((b: ExportedBundle) => downloadBytes(b.bytes, b.fileName)))(bundle);
      setState({
        phase: 'done',
        status: `Saved ${bundle.fileName} (${countLabel(ids.length, 'capture', 'captures')}, ${sizeLabel(bundle.bytes.length)}). Check your downloads.`,
      });
    } catch (error) {
      setState({ phase: 'error', message: errorMessage(error) });
    }
  }

  const percent = state.phase === 'running' ? state.percent : state.phase === 'done' ? 100 : 0;
  const status = state.phase === 'running' || state.phase === 'done' ? state.status : '';
  const hint = !runExport ? (unavailable ?? 'Opening storage…') : count === 0 ? 'Tick the captures to export.' : '';
  return (
    <div class="export">
      <button
        type="button"
        class="primary"
        data-testid="export-selected"
        disabled={running || count === 0 || !runExport}
        aria-describedby="export-hint"
        onClick={() => void start()}
      >
        {count > 0 ? `Export ${countLabel(count, 'capture', 'captures')}` : 'Export selected'}
      </button>
      <span id="export-hint" class="hint">{hint}</span>
      <ProgressBar testId="export-progress" label="Export progress" percent={percent} hidden={state.phase === 'idle' || state.phase === 'error'} />
      <p class="status" role="status" aria-live="polite" data-testid="export-status">{status}</p>
      {state.phase === 'error' ? (
        <p class="error" role="alert" data-testid="export-error">{state.message}</p>
      ) : null}
    </div>
  );
}
