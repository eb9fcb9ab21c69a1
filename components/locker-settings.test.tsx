// @vitest-environment happy-dom
// The options page's evidence locker: a saved config fills the form, problems are shown beside their fields and
// nothing is saved, a good form is saved through the actions, and the connection test lists each check.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { LockerConfig } from '../utils/locker/s3-api';
import { LockerSettings, type LockerSettingsActions } from './locker-settings';

let host: HTMLElement;
afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

const saved: LockerConfig = {
  endpoint: 'https://s3.example.org',
  region: 'eu-west-1',
  bucket: 'newsroom-evidence',
  prefix: 'desk',
  accessKeyId: 'AKIAEXAMPLE',
  secretAccessKey: 'secret',
  retentionDays: 30,
  mode: 'COMPLIANCE',
  legalHold: false,
  autoPush: true,
};

function fakeActions(initial?: LockerConfig, testAnswer?: Awaited<ReturnType<LockerSettingsActions['test']>>) {
  const calls = { saved: [] as LockerConfig[], tested: [] as LockerConfig[] };
  const actions: LockerSettingsActions = {
    load: async () => initial,
    save: async (config) => (calls.saved.push(config), { ok: true }),
    test: async (config) => (calls.tested.push(config), testAnswer ?? { ok: true, checks: [] }),
  };
  return { actions, calls };
}

async function mount(actions: LockerSettingsActions) {
  host = document.createElement('div');
  document.body.append(host);
  await act(async () => render(<LockerSettings actions={actions} />, host));
  await act(async () => undefined);
}
const field = (id: string) => host.querySelector<HTMLInputElement>(`[data-testid="${id}"]`)!;
async function type(id: string, value: string) {
  await act(async () => {
    field(id).value = value;
    field(id).dispatchEvent(new Event('input', { bubbles: true }));
  });
}
async function click(id: string) {
  await act(async () => host.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`)!.click());
  await act(async () => undefined);
}

describe('LockerSettings', () => {
  it('has every field of DESIGN §6, the secret as a password, and says where the key is kept', async () => {
    await mount(fakeActions(saved).actions);
    for (const id of ['locker-endpoint', 'locker-region', 'locker-bucket', 'locker-prefix', 'locker-access-key', 'locker-secret', 'locker-retention-days', 'locker-mode', 'locker-legal-hold', 'locker-auto-push', 'locker-save', 'locker-test'])
      expect(field(id), id).not.toBeNull();
    expect(field('locker-secret').type).toBe('password');
    expect(field('locker-retention-days').type).toBe('number');
    expect(field('locker-endpoint').value).toBe('https://s3.example.org');
    expect(field('locker-auto-push').checked).toBe(true);
    expect(host.textContent).toContain('never exported, never in a bundle');
    expect(host.querySelector('[data-testid="locker-leak-note"]')!.textContent).toContain('cannot change or delete a locked version');
  });

  it('shows each problem next to its field and saves nothing', async () => {
    const { actions, calls } = fakeActions(saved);
    await mount(actions);
    await type('locker-endpoint', 'https://s3.example.org/path');
    await type('locker-bucket', 'Bad_Bucket');
    await type('locker-retention-days', '40000');
    await click('locker-save');
    expect(calls.saved).toEqual([]);
    expect(host.querySelector('[data-testid="locker-error-endpoint"]')!.textContent).toBe('Scheme, host and port only: no path, no ? query.');
    expect(host.querySelector('[data-testid="locker-error-bucket"]')!.textContent).toContain('3 to 63 lowercase letters');
    expect(host.querySelector('[data-testid="locker-error-retentionDays"]')).not.toBeNull();
    expect(field('locker-bucket').getAttribute('aria-invalid')).toBe('true');
    expect(host.querySelector('[data-testid="locker-error-prefix"]')).toBeNull();
  });

  it('saves the checked config through the actions', async () => {
    const { actions, calls } = fakeActions(undefined);
    await mount(actions);
    await type('locker-endpoint', 'http://127.0.0.1:7480');
    expect(host.querySelector('[data-testid="locker-http-note"]')).not.toBeNull();
    await type('locker-bucket', 'evidence');
    await type('locker-prefix', 'team/');
    await type('locker-access-key', 'key');
    await type('locker-secret', 'shh');
    await type('locker-retention-days', '7');
    await act(async () => {
      field('locker-mode').value = 'GOVERNANCE';
      field('locker-mode').dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(host.querySelector('[data-testid="locker-mode-hint"]')!.textContent).toContain('bypass permission');
    await click('locker-save');
    expect(calls.saved).toEqual([
      { endpoint: 'http://127.0.0.1:7480', region: 'us-east-1', bucket: 'evidence', prefix: 'team', accessKeyId: 'key', secretAccessKey: 'shh', retentionDays: 7, mode: 'GOVERNANCE', legalHold: false, autoPush: false },
    ]);
    expect(host.querySelector('[data-testid="locker-status"]')!.textContent).toBe('Locker settings saved.');
  });

  it('lists each check of the connection test with data-ok', async () => {
    const { actions, calls } = fakeActions(saved, {
      ok: false,
      checks: [
        { check: 'versioning', ok: true, message: 'Versioning is enabled.' },
        { check: 'object-lock', ok: false, message: 'Object Lock is not enabled on this bucket.' },
      ],
    });
    await mount(actions);
    await click('locker-test');
    expect(calls.tested).toEqual([saved]);
    const result = host.querySelector('[data-testid="locker-test-result"]')!;
    expect(result.getAttribute('data-ok')).toBe('false');
    const items = [...result.querySelectorAll('li')];
    expect(items.map((li) => [li.getAttribute('data-check'), li.getAttribute('data-ok')])).toEqual([['versioning', 'true'], ['object-lock', 'false']]);
    expect(items[1]!.textContent).toContain('FAILED');
    expect(items[1]!.textContent).toContain('Object Lock is not enabled');
  });
});
