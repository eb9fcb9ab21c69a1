// The dashboard's "Import bundles" control: evidence bundles back into this browser (backup and restore).
import { useState } from 'preact/hooks';
import { t, tCount } from '../utils/i18n/i18n';
import type { PostProofDb } from '../utils/store/db';

interface Props {
  db?: PostProofDb;
  /** Called after an import, so the list shows what came back. */
  onImported: () => void;
}

type Outcome = Awaited<ReturnType<typeof import('../utils/restore/import-bundles').importBundles>>;

function summary(outcomes: Outcome): string {
  return outcomes
    .map(({ name, result, error }) => {
      if (error) return t('import_result_error', [name, error]);
      const line = t('import_result', [name, result!.imported.length, result!.alreadyPresent.length]);
      return result!.otherKeys.length ? `${line} ${t('import_other_key', result!.otherKeys.join(', '))}` : line;
    })
    .join('\n');
}

export function ImportBundles({ db, onImported }: Props) {
  const [state, setState] = useState<{ busy: boolean; text: string; failed: boolean }>({ busy: false, text: '', failed: false });
  const onChange = async (input: HTMLInputElement) => {
    if (!db || !input.files?.length) return;
    const chosen = [...input.files];
    setState({ busy: true, text: tCount('import_running', chosen.length), failed: false });
    // The verifier loads only when bundles are imported: the dashboard's first render stays light.
    const { importBundles } = await import('../utils/restore/import-bundles');
    const { blobSource } = await import('../utils/zip/source');
    const outcomes = await importBundles(db, chosen.map((file) => ({ name: file.name, source: blobSource(file) })));
    input.value = '';
    setState({ busy: false, text: summary(outcomes), failed: outcomes.some((outcome) => outcome.error) });
    onImported();
  };
  return (
    <section class="import-bundles">
      <label>
        {t('import_label')}{' '}
        <input type="file" accept=".zip,application/zip" multiple data-testid="import-bundles" disabled={!db || state.busy} onChange={(event) => void onChange(event.currentTarget)} />
      </label>
      <p class="hint">{t('import_hint')}</p>
      {/* The live region stays in the page; only its words change, so screen readers announce them. */}
      <div role="status">
        {state.text ? (
          <p data-testid="import-result" data-state={state.busy ? 'running' : state.failed ? 'error' : 'done'} style={{ whiteSpace: 'pre-line' }}>
            {state.text}
          </p>
        ) : null}
      </div>
    </section>
  );
}
