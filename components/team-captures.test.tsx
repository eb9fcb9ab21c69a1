// @vitest-environment happy-dom
// "Team captures": the locker's folders listed; a folder that fails verification shows why (with any key written over
// after the push) and nothing of the post; a verified one names its signer and may be imported.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { TeamCapture, TeamOpenResult } from '../utils/locker/team-types';
import { TeamCaptures, type TeamActions } from './team-captures';

let host: HTMLElement;
afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

const keyId = '3e61a2b4' + 'cd'.repeat(28);
const folders: TeamCapture[] = [
  { folder: 'desk/Case A/cap-1/', caseName: 'Case A', captureId: 'cap-1', objects: 6, bytes: 2_400_000, lastModified: '2026-12-01T10:00:00.000Z', complete: true, local: true },
  { folder: 'desk/Case A/cap-2/', caseName: 'Case A', captureId: 'cap-2', objects: 3, bytes: 512, lastModified: '2026-12-02T10:00:00.000Z', complete: false, local: false },
];
const post = { id: 'cap-1', author: 'Secret Source (@source)', permalink: 'https://x.com/source/status/1', capturedAt: '2026-12-01T09:59:00.000Z', keyId };

const verified: TeamOpenResult = {
  folder: folders[0]!.folder,
  verified: true,
  overwritten: [],
  report: {
    verdict: 'valid',
    keyId,
    signers: [{ keyId, role: 'exporter', pinned: true, label: 'Newsroom laptop', captures: ['cap-1'] }],
    captures: [{ ...post, timestamps: [{ file: 'captures/cap-1/capture.json.tsr', tsa: 'CN=Example TSA', genTime: '2026-12-01T10:00:05Z', anchor: { kind: 'pinned', label: 'Example', rootSha256: 'ab' } }] }],
    checks: [
      { check: 'checksums', ok: true, message: 'All files match.' },
      { check: 'manifest-signature', ok: true, message: 'The signature verifies.' },
    ],
  },
};
const failed: TeamOpenResult = {
  folder: folders[1]!.folder,
  verified: false,
  overwritten: ['desk/Case A/cap-2/captures/cap-2/capture.json'],
  report: {
    verdict: 'invalid',
    keyId,
    captures: [{ ...post, id: 'cap-2' }],
    checks: [
      { check: 'file-hash', file: 'captures/cap-2/capture.json', ok: false, message: 'The file’s SHA-256 differs from the signed manifest.' },
      { check: 'checksums', ok: true, message: 'All other files match.' },
    ],
  },
};

function fakeTeam(list: () => Promise<TeamCapture[]> = async () => folders) {
  const imported: string[] = [];
  const actions: TeamActions = {
    list,
    open: async (folder) => (folder === verified.folder ? verified : failed),
    importCapture: async (folder) => (imported.push(folder), { ok: true, message: 'Imported 1 capture.' }),
  };
  return { actions, imported };
}

async function mount(actions: TeamActions) {
  host = document.createElement('div');
  document.body.append(host);
  await act(async () => render(<TeamCaptures actions={actions} initiallyOpen />, host));
  await act(async () => undefined);
}
const rows = () => [...host.querySelectorAll<HTMLElement>('[data-testid="team-row"]')];
async function clickIn(row: HTMLElement, id: string) {
  await act(async () => row.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`)!.click());
  await act(async () => undefined);
}

describe('TeamCaptures', () => {
  it('lists each folder with its case, id, objects, completeness and whether it is here, not yet verified', async () => {
    await mount(fakeTeam().actions);
    expect(host.querySelector('[data-testid="team-captures"]')).not.toBeNull();
    expect(rows().map((r) => [r.getAttribute('data-folder'), r.getAttribute('data-verified')])).toEqual([
      ['desk/Case A/cap-1/', 'unknown'],
      ['desk/Case A/cap-2/', 'unknown'],
    ]);
    expect(rows()[0]!.textContent).toContain('cap-1');
    expect(rows()[0]!.textContent).toContain('6 objects');
    expect(rows()[0]!.querySelector('[data-testid="team-complete"]')!.textContent).toBe('complete');
    expect(rows()[1]!.querySelector('[data-testid="team-complete"]')!.textContent).toBe('incomplete push');
    expect(rows()[0]!.querySelector('[data-testid="team-local"]')!.textContent).toBe('in this install');
    expect(rows()[1]!.querySelector('[data-testid="team-local"]')).toBeNull();
    for (const row of rows()) expect(row.querySelector<HTMLButtonElement>('[data-testid="team-import"]')!.disabled).toBe(true);
  });

  it('shows a failed folder as not evidence, with the key written over, and nothing of the post', async () => {
    await mount(fakeTeam().actions);
    await clickIn(rows()[1]!, 'team-open');
    const result = host.querySelector('[data-testid="team-result"]')!;
    expect(result.getAttribute('data-verified')).toBe('false');
    expect(result.querySelector('[data-testid="team-verdict"]')!.textContent).toBe('Not evidence: this capture failed verification.');
    expect(result.textContent).toContain('Written over after the push: desk/Case A/cap-2/captures/cap-2/capture.json');
    // The verifier's own words (which may quote the failed files) only on request.
    expect(result.textContent).toContain('file-hash: in captures/cap-2/capture.json');
    expect(result.textContent).not.toContain('differs from the signed manifest');
    await act(async () => result.querySelector<HTMLButtonElement>('[data-testid="team-show-messages"]')!.click());
    expect(result.textContent).toContain('differs from the signed manifest');
    expect(host.textContent).not.toContain('Secret Source');
    expect(host.textContent).not.toContain('x.com/source');
    expect(host.querySelector('a[href]')).toBeNull();
    expect(rows()[1]!.getAttribute('data-verified')).toBe('false');
    expect(rows()[1]!.querySelector<HTMLButtonElement>('[data-testid="team-import"]')!.disabled).toBe(true);
  });

  it('shows a verified folder\'s signer first, then the post as text, and enables its import', async () => {
    const { actions, imported } = fakeTeam();
    await mount(actions);
    await clickIn(rows()[0]!, 'team-open');
    const result = host.querySelector('[data-testid="team-result"]')!;
    expect(result.getAttribute('data-verified')).toBe('true');
    expect(result.firstElementChild!.textContent).toBe('Intact: signed by key 3e61 a2b4… (Newsroom laptop), 2 checks passed.');
    expect(host.querySelector('[data-testid="team-permalink"]')!.textContent).toBe('https://x.com/source/status/1');
    expect(host.querySelector('[data-testid="team-capture-summary"] a')).toBeNull();
    expect(rows()[0]!.getAttribute('data-verified')).toBe('true');
    const importButton = rows()[0]!.querySelector<HTMLButtonElement>('[data-testid="team-import"]')!;
    expect(importButton.disabled).toBe(false);
    expect(rows()[1]!.querySelector<HTMLButtonElement>('[data-testid="team-import"]')!.disabled).toBe(true);
    await clickIn(rows()[0]!, 'team-import');
    expect(imported).toEqual(['desk/Case A/cap-1/']);
    expect(host.querySelector('[data-testid="team-import-status"]')!.textContent).toBe('Imported 1 capture.');
  });

  it('says what to do when the locker is empty, and why when it cannot be read', async () => {
    await mount(fakeTeam(async () => []).actions);
    expect(host.querySelector('[data-testid="team-empty"]')!.textContent).toContain('Push some from the list');
    act(() => render(null, host));
    host.remove();
    await mount(fakeTeam(async () => Promise.reject(new Error('AccessDenied'))).actions);
    expect(host.querySelector('[data-testid="team-error"]')!.textContent).toBe('The locker could not be read: AccessDenied');
  });

  it('reads the locker only once opened', async () => {
    let reads = 0;
    host = document.createElement('div');
    document.body.append(host);
    await act(async () => render(<TeamCaptures actions={fakeTeam(async () => (reads++, folders)).actions} />, host));
    expect(reads).toBe(0);
    const toggle = host.querySelector<HTMLButtonElement>('[data-testid="team-toggle"]')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await act(async () => toggle.click());
    await act(async () => undefined);
    expect(reads).toBe(1);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    await act(async () => host.querySelector<HTMLButtonElement>('[data-testid="team-refresh"]')!.click());
    await act(async () => undefined);
    expect(reads).toBe(2);
  });
});
