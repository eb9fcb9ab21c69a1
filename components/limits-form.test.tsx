// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { LimitsForm, storageFromValues, valuesFromStorage, type LimitsStorage } from './limits-form';

let host: HTMLElement | undefined;

function memoryStorage(initial: Record<string, unknown> = {}): LimitsStorage & { items: Record<string, unknown> } {
  const items = { ...initial };
  return {
    items,
    get: async (keys) => Object.fromEntries(keys.filter((k) => k in items).map((k) => [k, items[k]])),
    set: async (values) => void Object.assign(items, values),
    remove: async (keys) => keys.forEach((k) => delete items[k]),
  };
}

async function mount(storage: LimitsStorage) {
  const element = document.createElement('div');
  host = element;
  document.body.append(element);
  await act(async () => render(<LimitsForm storage={storage} />, element));
  await act(async () => undefined);
}

const input = (key: string) => host!.querySelector<HTMLInputElement>(`[data-testid="limit-${key}"]`)!;
async function type(key: string, value: string) {
  await act(async () => {
    input(key).value = value;
    input(key).dispatchEvent(new Event('input', { bubbles: true }));
  });
}
async function save() {
  await act(async () => host!.querySelector<HTMLButtonElement>('[data-testid="limits-save"]')!.click());
  await act(async () => undefined);
}
const status = () => host!.querySelector<HTMLElement>('[data-testid="limits-status"]')!;

afterEach(() => {
  const element = host;
  host = undefined;
  if (!element) return;
  act(() => render(null, element));
  element.remove();
});

describe('limits: media size, batch size and pace, export volume size', () => {
  it('shows the stored values in megabytes and seconds, blank where the default applies', () => {
    expect(valuesFromStorage({ maxMediaBytes: 50 * 1024 * 1024, batchPaceMs: [500, 1200], exportVolumeBytes: 'junk' })).toEqual({
      maxMediaMb: '50',
      batchLimit: '',
      paceMinS: '0.5',
      paceMaxS: '1.2',
      threadReplyLimit: '',
      volumeMb: '',
    });
  });

  it('turns the fields into the settings the background reads, and clears blank ones', () => {
    expect(storageFromValues({ maxMediaMb: '1', batchLimit: '25', paceMinS: '2', paceMaxS: '4.5', threadReplyLimit: '', volumeMb: '' })).toEqual({
      set: { maxMediaBytes: 1024 * 1024, batchLimit: 25, batchPaceMs: [2000, 4500] },
      remove: ['threadReplyLimit', 'exportVolumeBytes'],
    });
  });

  it('keeps the thread reply limit, 0 included (the author\'s own posts only), and refuses a negative or a fraction-free overflow', () => {
    const blank = { maxMediaMb: '', batchLimit: '', paceMinS: '', paceMaxS: '', volumeMb: '' };
    expect(storageFromValues({ ...blank, threadReplyLimit: '0' })).toEqual({ set: { threadReplyLimit: 0 }, remove: ['maxMediaBytes', 'batchLimit', 'exportVolumeBytes', 'batchPaceMs'] });
    expect(storageFromValues({ ...blank, threadReplyLimit: '250' })).toMatchObject({ set: { threadReplyLimit: 250 } });
    expect(storageFromValues({ ...blank, threadReplyLimit: '-1' })).toHaveProperty('problem');
    expect(storageFromValues({ ...blank, threadReplyLimit: '10001' })).toHaveProperty('problem');
    expect(valuesFromStorage({ threadReplyLimit: 0 }).threadReplyLimit).toBe('0');
    expect(valuesFromStorage({ threadReplyLimit: 'lots' }).threadReplyLimit).toBe('');
  });

  it('refuses values out of range, a pause given alone or in the wrong order, saying so and saving nothing', () => {
    expect(storageFromValues({ maxMediaMb: '0', batchLimit: '', paceMinS: '', paceMaxS: '', threadReplyLimit: '', volumeMb: '' })).toEqual({
      problem: '“Largest media download per capture (MB)” must be a number from 1 to 4096. Nothing was saved.',
    });
    // A volume must stay under the 4 GiB a ZIP without ZIP64 holds.
    expect(storageFromValues({ maxMediaMb: '', batchLimit: '', paceMinS: '', paceMaxS: '', threadReplyLimit: '', volumeMb: '4096' })).toHaveProperty('problem');
    expect(storageFromValues({ maxMediaMb: '', batchLimit: 'many', paceMinS: '', paceMaxS: '', threadReplyLimit: '', volumeMb: '' })).toHaveProperty('problem');
    expect(storageFromValues({ maxMediaMb: '', batchLimit: '', paceMinS: '2', paceMaxS: '', threadReplyLimit: '', volumeMb: '' })).toEqual({
      problem: 'Give both the shortest and the longest pause, or leave both empty. Nothing was saved.',
    });
    expect(storageFromValues({ maxMediaMb: '', batchLimit: '', paceMinS: '5', paceMaxS: '2', threadReplyLimit: '', volumeMb: '' })).toEqual({
      problem: 'The shortest pause must not be longer than the longest. Nothing was saved.',
    });
  });

  it('saves through the form, with the defaults as placeholders and labelled fields', async () => {
    const storage = memoryStorage({ exportVolumeBytes: 100 * 1024 * 1024 });
    await mount(storage);
    expect(input('volumeMb').value).toBe('100');
    expect(input('maxMediaMb').placeholder).toBe('500');
    expect(input('batchLimit').closest('label')!.textContent).toMatch(/Most posts per batch/);
    await type('maxMediaMb', '2');
    await type('volumeMb', '');
    await save();
    expect(status().textContent).toMatch(/^Saved\./);
    expect(storage.items).toEqual({ maxMediaBytes: 2 * 1024 * 1024 });

    await type('paceMinS', '9');
    await type('paceMaxS', '3');
    await save();
    expect(status().textContent).toBe('The shortest pause must not be longer than the longest. Nothing was saved.');
    expect(status().className).toBe('error');
    expect(storage.items).toEqual({ maxMediaBytes: 2 * 1024 * 1024 });
  });
});

describe('LimitsForm accessibility', () => {
  it('names each field by its label alone and describes it by its hint', async () => {
    await mount(memoryStorage());
    for (const key of ['maxMediaMb', 'batchLimit', 'paceMinS', 'paceMaxS', 'threadReplyLimit', 'volumeMb']) {
      const field = input(key);
      const name = document.getElementById(field.getAttribute('aria-labelledby') ?? '')!;
      const description = document.getElementById(field.getAttribute('aria-describedby') ?? '')!;
      expect(name.textContent!.length).toBeGreaterThan(0);
      expect(description.classList.contains('hint')).toBe(true);
      // The hint is not part of the name a screen reader reads for the field.
      expect(name.contains(description)).toBe(false);
      expect(name.textContent).not.toContain(description.textContent!.trim());
    }
  });
});
