// The popup's choice of the active case: new captures join it, and the toolbar badge counts today's captures in it.
import { useEffect, useState } from 'preact/hooks';
import type { CaseRecord } from '../utils/store/rows';
import { readActiveCaseId, writeActiveCaseId, type KeyValueStorage } from '../utils/extension/active-case';
import { createCase, listCases } from '../utils/store/annotations';
import type { PostProofDb } from '../utils/store/db';
import { t } from '../utils/i18n/i18n';

const NEW_CASE = '__new__';

export function ActiveCasePicker({ db, storage }: { db?: PostProofDb; storage: KeyValueStorage }) {
  const [cases, setCases] = useState<CaseRecord[]>([]);
  const [active, setActive] = useState('');
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');

  useEffect(() => {
    if (!db) return;
    void Promise.all([listCases(db), readActiveCaseId(storage)]).then(([list, id]) => {
      setCases(list);
      setActive(id && list.some((c) => c.id === id) ? id : '');
    });
  }, [db]);

  async function choose(id: string) {
    setActive(id);
    await writeActiveCaseId(storage, id || undefined);
  }

  async function create(event: Event) {
    event.preventDefault();
    if (!db || !name.trim()) return;
    const created = await createCase(db, name);
    setCases(await listCases(db));
    setNaming(false);
    setName('');
    await choose(created.id);
  }

  return (
    <div class="active-case">
      <label>
        {t('active_case_label')}{' '}
        <select
          data-testid="active-case"
          value={naming ? NEW_CASE : active}
          disabled={!db}
          onChange={(e) => {
            const value = e.currentTarget.value;
            if (value === NEW_CASE) setNaming(true);
            else {
              setNaming(false);
              void choose(value);
            }
          }}
        >
          <option value="">{t('active_case_none')}</option>
          {cases.map((c) => (
            <option key={c.id} value={c.id}>{c.name}</option>
          ))}
          <option value={NEW_CASE}>{t('active_case_new')}</option>
        </select>
      </label>
      {naming ? (
        <form onSubmit={create}>
          <input type="text" data-testid="active-case-name" dir="auto" value={name} placeholder={t('new_case_label')} aria-label={t('new_case_label')} onInput={(e) => setName(e.currentTarget.value)} />{' '}
          <button type="submit" data-testid="active-case-create">{t('active_case_create')}</button>
        </form>
      ) : null}
    </div>
  );
}
