// The lists and their items in PostProof's store (stores `lists` and `listItems`, utils/store/schema.ts): written by
// the background's queue, read by the dashboard. Each item's outcome is written with its list's `updatedAt` in one
// transaction, so a reader that sees a list change finds the item that changed it.
import type { PostProofDb } from '../store/db';
import type { StoredList, StoredListItem } from '../store/rows';

export interface ListStore {
  allLists(): Promise<StoredList[]>;
  getList(id: string): Promise<StoredList | undefined>;
  putList(list: StoredList): Promise<void>;
  /** The list's items in order. */
  items(listId: string): Promise<StoredListItem[]>;
  /** A new list and all its items, in one transaction: a list exists whole or not at all. */
  create(list: StoredList, items: readonly StoredListItem[]): Promise<void>;
  /** Items written, and the list's updatedAt moved, in one transaction. */
  record(listId: string, items: readonly StoredListItem[], at: string): Promise<void>;
}

export function listRange(listId: string): IDBKeyRange {
  return IDBKeyRange.bound([listId, 0], [listId, Number.MAX_SAFE_INTEGER]);
}

export function dbListStore(db: () => Promise<PostProofDb>): ListStore {
  return {
    allLists: async () => (await db()).getAll('lists'),
    getList: async (id) => (await db()).get('lists', id),
    putList: async (list) => void (await (await db()).put('lists', list)),
    items: async (listId) => (await db()).getAll('listItems', listRange(listId)),
    async create(list, items) {
      const tx = (await db()).transaction(['lists', 'listItems'], 'readwrite');
      void tx.objectStore('lists').put(list);
      const store = tx.objectStore('listItems');
      for (const item of items) void store.put(item);
      await tx.done;
    },
    async record(listId, items, at) {
      const tx = (await db()).transaction(['lists', 'listItems'], 'readwrite');
      const lists = tx.objectStore('lists');
      const list = await lists.get(listId);
      if (list) void lists.put({ ...list, updatedAt: at });
      const store = tx.objectStore('listItems');
      for (const item of items) void store.put(item);
      await tx.done;
    },
  };
}
