// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { useIndexSearch, type IndexSearchResult, type SearchFn } from './use-index-search';

/** A search whose answers the test releases one by one. */
function heldSearch() {
  const calls: { query: string; answer: (ids: number[] | Error) => void }[] = [];
  const search: SearchFn = (query) =>
    new Promise((resolve, reject) => {
      calls.push({ query, answer: (ids) => (ids instanceof Error ? reject(ids) : resolve(new Set(ids))) });
    });
  return { search, calls };
}

function mount(search: SearchFn) {
  const shown: IndexSearchResult[] = [];
  const host = document.createElement('div');
  const show = (query: string, generation = 0) =>
    act(() => {
      render(<Probe query={query} generation={generation} />, host);
    });
  function Probe({ query, generation }: { query: string; generation: number }) {
    const result = useIndexSearch(search, query, generation);
    if (shown.at(-1) !== result) shown.push(result);
    return null;
  }
  return { shown, show, latest: () => shown.at(-1)!, unmount: () => act(() => render(null, host)) };
}

const settle = () => act(async () => {
  await new Promise((resolve) => setTimeout(resolve, 0));
});

describe('useIndexSearch', () => {
  it('searches each query without a pause, one search at a time, and skips the queries typed meanwhile', async () => {
    const { search, calls } = heldSearch();
    const page = mount(search);
    page.show('f');
    expect(calls.map((c) => c.query)).toEqual(['f']);
    page.show('fl');
    page.show('flo');
    // Still one search: the newest query waits for it.
    expect(calls.map((c) => c.query)).toEqual(['f']);
    calls[0]!.answer([1, 2, 3]);
    await settle();
    // The answer for "f" is stale: it is not shown, and "flo" is searched next; "fl" never is.
    expect(calls.map((c) => c.query)).toEqual(['f', 'flo']);
    expect(page.latest()).toEqual({ query: '', hits: null });
    calls[1]!.answer([1]);
    await settle();
    expect(page.latest()).toEqual({ query: 'flo', hits: new Set([1]) });
    page.unmount();
  });

  it('says why when the index cannot be read, and searches again for new captures', async () => {
    const { search, calls } = heldSearch();
    const page = mount(search);
    page.show('flood');
    calls[0]!.answer(new Error('connection closed'));
    await settle();
    expect(page.latest()).toEqual({ query: 'flood', hits: null, error: 'connection closed' });

    page.show('flood', 1);
    expect(calls.map((c) => c.query)).toEqual(['flood', 'flood']);
    calls[1]!.answer([7]);
    await settle();
    expect(page.latest()).toEqual({ query: 'flood', hits: new Set([7]) });

    // New captures while a search runs: its answer is shown at once, then the search for the new captures.
    page.show('flood', 2);
    page.show('flood', 3);
    expect(calls.map((c) => c.query)).toEqual(['flood', 'flood', 'flood']);
    calls[2]!.answer([7, 9]);
    await settle();
    expect(page.latest()).toEqual({ query: 'flood', hits: new Set([7, 9]) });
    expect(calls.length).toBe(4);
    calls[3]!.answer([7, 8]);
    await settle();
    expect(page.latest()).toEqual({ query: 'flood', hits: new Set([7, 8]) });
    page.unmount();
  });

  it('waits for the store before the first search', async () => {
    const search = vi.fn<SearchFn>(async () => null);
    const host = document.createElement('div');
    let latest: IndexSearchResult | undefined;
    function Probe({ ready }: { ready: boolean }) {
      latest = useIndexSearch(ready ? search : undefined, 'hosp', 0);
      return null;
    }
    act(() => render(<Probe ready={false} />, host));
    expect(search).not.toHaveBeenCalled();
    act(() => render(<Probe ready />, host));
    await settle();
    expect(search).toHaveBeenCalledWith('hosp');
    expect(latest).toEqual({ query: 'hosp', hits: null });
    act(() => render(null, host));
  });
});
