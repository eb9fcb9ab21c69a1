// Which captures are ticked: a set of ids, pruned to the ids that still exist.
import { useCallback, useMemo, useState } from 'preact/hooks';

export interface Selection {
  selected: ReadonlySet<string>;
  /** Selected ids in the order of `ids`. */
  selectedIds: string[];
  toggle: (id: string, checked: boolean) => void;
  setMany: (ids: readonly string[], checked: boolean) => void;
}

export function useSelection(ids: readonly string[]): Selection {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback((id: string, checked: boolean) => {
    setChosen((previous) => {
      const next = new Set(previous);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);
  const setMany = useCallback((many: readonly string[], checked: boolean) => {
    setChosen((previous) => {
      const next = new Set(previous);
      for (const id of many) {
        if (checked) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);
  const selectedIds = useMemo(() => ids.filter((id) => chosen.has(id)), [ids, chosen]);
  const selected = useMemo(() => new Set(selectedIds), [selectedIds]);
  return { selected, selectedIds, toggle, setMany };
}
