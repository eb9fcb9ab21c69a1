// @vitest-environment happy-dom
// The trusted-collectors panel: this browser's key listed (not removable), a pasted fingerprint added by submitting
// the form (Enter), refusals said in an alert with the field marked invalid, removal by a named button.
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TrustedCollectorsPanel } from './trusted-collectors-panel';
import type { TrustedCollector } from './trusted-collectors';

let host: HTMLElement;
const OWN = 'c3'.repeat(32);
const A = 'a1'.repeat(32);

function Harness({ initial, save }: { initial: TrustedCollector[]; save: (list: TrustedCollector[]) => Promise<void> }) {
  // The page keeps the list; the harness does what it does: store, then show.
  const [list, setList] = useState(initial);
  return (
    <TrustedCollectorsPanel
      list={list}
      ownKeyId={OWN}
      save={async (next) => {
        await save(next);
        setList(next);
      }}
    />
  );
}

async function mount(initial: TrustedCollector[], save = vi.fn(async (_list: TrustedCollector[]) => undefined)) {
  host = document.createElement('div');
  document.body.append(host);
  await act(async () => render(<Harness initial={initial} save={save} />, host));
  return save;
}

const q = <T extends Element = HTMLElement>(testId: string) => host.querySelector<T & Element>(`[data-testid="${testId}"]`)!;
async function type(testId: string, value: string) {
  await act(async () => {
    const input = q<HTMLInputElement>(testId);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
async function submit() {
  await act(async () => {
    q<HTMLInputElement>('trusted-collector-label').form!.requestSubmit();
    // The handler stores, then clears the fields: let its promises settle.
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

describe('TrustedCollectorsPanel', () => {
  it('lists this browser’s key without a remove button, adds a pasted fingerprint on submit, and removes it again', async () => {
    const save = await mount([]);
    const rows = () => [...host.querySelectorAll('[data-testid="trusted-collector"]')];
    expect(rows().map((row) => [row.getAttribute('data-key-id'), row.getAttribute('data-own')])).toEqual([[OWN, 'true']]);
    expect(rows()[0]!.querySelector('button')).toBeNull();
    await type('trusted-collector-fingerprint', A.toUpperCase().match(/.{4}/g)!.join(' '));
    await type('trusted-collector-label', 'Field desk');
    await submit();
    expect(save).toHaveBeenLastCalledWith([{ keyId: A, label: 'Field desk' }]);
    expect(rows().map((row) => row.getAttribute('data-key-id'))).toEqual([OWN, A]);
    expect(q('trusted-collector-status').textContent).toBe('Added to your trusted collectors: Field desk.');
    expect(q<HTMLInputElement>('trusted-collector-fingerprint').value).toBe('');
    const remove = rows()[1]!.querySelector('button')!;
    expect(remove.getAttribute('aria-label')).toBe('Remove Field desk from your trusted collectors');
    await act(async () => {
      remove.click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(save).toHaveBeenLastCalledWith([]);
    expect(rows()).toHaveLength(1);
    expect(document.activeElement?.id).toBe('collectors-heading');
  });

  it('refuses a wrong fingerprint, a missing name and this browser’s own key in an alert, saving nothing', async () => {
    const save = await mount([]);
    await type('trusted-collector-fingerprint', 'not a key');
    await type('trusted-collector-label', 'X');
    await submit();
    expect(q('trusted-collector-error').getAttribute('role')).toBe('alert');
    expect(q('trusted-collector-error').textContent).toContain('That is not a fingerprint');
    expect(q('trusted-collector-fingerprint').getAttribute('aria-invalid')).toBe('true');
    await type('trusted-collector-fingerprint', A);
    await type('trusted-collector-label', '  ');
    await submit();
    expect(q('trusted-collector-error').textContent).toContain('Give a name');
    expect(q('trusted-collector-label').getAttribute('aria-invalid')).toBe('true');
    await type('trusted-collector-fingerprint', OWN);
    await type('trusted-collector-label', 'Me');
    await submit();
    expect(q('trusted-collector-error').textContent).toContain('this browser');
    expect(save).not.toHaveBeenCalled();
  });

  it('says so when the list cannot be stored, and keeps what was typed', async () => {
    await mount([], vi.fn(async () => {
      throw new Error('QUOTA_BYTES quota exceeded');
    }));
    await type('trusted-collector-fingerprint', A);
    await type('trusted-collector-label', 'Desk');
    await submit();
    expect(q('trusted-collector-error').textContent).toBe('The list could not be saved: QUOTA_BYTES quota exceeded');
    expect(q<HTMLInputElement>('trusted-collector-fingerprint').value).toBe(A);
    expect(host.querySelectorAll('[data-testid="trusted-collector"]')).toHaveLength(1);
  });
});
