// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { VerifyReport } from '../utils/formats/bundle';
import { VerifyFailure, VerifyResult } from './verify-result';

let host: HTMLElement;

function mount(node: preact.ComponentChild) {
  host = document.createElement('div');
  document.body.append(host);
  act(() => render(node, host));
}

afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

const keyId = 'ab'.repeat(32);

describe('VerifyResult', () => {
  it('lists failed checks first, each naming its file and check', () => {
    const report: VerifyReport = {
      verdict: 'invalid',
      keyId,
      captures: [{ id: 'c1', author: 'Reporter (@reporter)', capturedAt: '2024-05-01T10:00:00.000Z' }],
      checks: [
        { check: 'manifest-signature', file: 'manifest.json', ok: true, message: 'The manifest signature verifies.' },
        { check: 'file-hash', file: 'captures/c1/screenshot.png', ok: false, message: 'The file’s SHA-256 differs from the signed manifest.' },
        { check: 'checksums', file: 'SHA256SUMS', ok: false, message: 'screenshot.png does not match.' },
      ],
    };
    mount(<VerifyResult fileName="bundle.zip" report={report} />);
    const result = host.querySelector('[data-testid="verify-result"]')!;
    expect(result.getAttribute('data-verdict')).toBe('invalid');
    expect(result.textContent).toContain('2 checks failed');
    const items = [...result.querySelectorAll('[data-testid="verify-check"]')];
    expect(items.map((item) => [item.getAttribute('data-check'), item.getAttribute('data-ok')])).toEqual([
      ['file-hash', 'false'],
      ['checksums', 'false'],
      ['manifest-signature', 'true'],
    ]);
    expect(items[0]!.textContent).toContain('captures/c1/screenshot.png');
    expect(items[0]!.textContent).toContain('FAILED');
    expect(result.querySelector('[data-testid="key-fingerprint"]')!.getAttribute('data-key-id')).toBe(keyId);
  });

  it('says a valid bundle is intact and recognises this install’s key', () => {
    const report: VerifyReport = { verdict: 'valid', keyId, captures: [], checks: [{ check: 'checksums', ok: true, message: 'All files match.' }] };
    mount(<VerifyResult fileName="bundle.zip" report={report} installKeyId={keyId} />);
    const result = host.querySelector('[data-testid="verify-result"]')!;
    expect(result.getAttribute('data-verdict')).toBe('valid');
    expect(result.textContent).toContain('This bundle is intact');
    expect(result.textContent).toContain('exported from this browser');
  });

  it('shows a file that cannot be checked as invalid, with the reason', () => {
    mount(<VerifyFailure fileName="notes.txt" message="This file is not a ZIP archive." />);
    const result = host.querySelector('[data-testid="verify-result"]')!;
    expect(result.getAttribute('data-verdict')).toBe('invalid');
    expect(result.querySelector('[role="alert"]')!.textContent).toBe('This file is not a ZIP archive.');
  });

  it('names each signer with its fingerprint and role, pinned (trusted as its name) or not pinned, and this browser’s key', () => {
    const other = 'cd'.repeat(32);
    const report: VerifyReport = {
      verdict: 'valid',
      keyId,
      captures: [],
      signers: [
        { keyId, role: 'exporter', pinned: true, label: 'مكتب الأخبار', captures: ['c1'] },
        { keyId: other, role: 'capture', pinned: false, captures: ['c2', 'c3'] },
      ],
      checks: [{ check: 'signer-pin', ok: true, note: true, message: `Note: 2 imported capture record(s) were signed at capture by key ${other}, which is not pinned.` }],
    };
    mount(<VerifyResult fileName="bundle.zip" report={report} installKeyId={keyId} />);
    const signers = [...host.querySelectorAll('[data-testid="verify-signer"]')];
    expect(signers.map((s) => [s.getAttribute('data-key-id'), s.getAttribute('data-pinned'), s.getAttribute('data-role')])).toEqual([
      [keyId, 'true', 'exporter'],
      [other, 'false', 'capture'],
    ]);
    expect(signers[0]!.textContent).toContain('Pinned: trusted as “مكتب الأخبار”.');
    expect(signers[0]!.textContent).toContain("this browser's own key");
    // The name is isolated, so an Arabic name cannot reorder the sentence around it.
    expect(signers[0]!.querySelector('bdi')!.textContent).toBe('مكتب الأخبار');
    expect(signers[0]!.querySelector('[data-testid="key-fingerprint"] code')!.getAttribute('dir')).toBe('ltr');
    expect(signers[1]!.textContent).toContain('Not pinned');
    expect(signers[1]!.className).toContain('signer-unpinned');
    expect(signers[1]!.textContent).toContain('Signed 2 imported capture records');
    expect(signers[1]!.textContent).not.toContain("this browser's own key");
    expect(host.querySelector('[data-testid="verify-unpinned"]')!.textContent).toContain('One signing key is not pinned');
  });

  it('says in the headline that unanchored timestamps are not trusted, and shows anchored ones with their anchor', () => {
    const report: VerifyReport = {
      verdict: 'valid',
      keyId,
      signers: [{ keyId, role: 'exporter', pinned: false, captures: ['c1', 'c2'] }],
      captures: [
        {
          id: 'c1',
          capturedAt: '2026-01-02T03:04:00.000Z',
          timestamps: [
            { file: 'captures/c1/capture.json.tsr', tsa: 'CN=DigiCert Timestamp 2023', genTime: '2026-01-02T03:04:09Z', anchor: { kind: 'pinned', label: 'DigiCert', rootSha256: 'ee'.repeat(32) } },
            { file: 'captures/c1/capture.json.1-own.tsr', tsa: 'CN=Own TSA', genTime: '2026-01-02T03:04:10Z', anchor: { kind: 'user', label: 'the root you gave', rootSha256: 'ff'.repeat(32) } },
          ],
        },
        { id: 'c2', capturedAt: '2026-01-02T03:05:00.000Z', timestamps: [] },
      ],
      checks: [
        { check: 'timestamp', file: 'captures/c2/capture.json.tsr', ok: true, note: true, message: 'Note: time not anchored. The token by CN=Fake DigiCert (2026-01-02T03:05:01Z) chains to a root shipped in the file.' },
        { check: 'timestamp', file: 'captures/c1/capture.json.tsr', ok: true, message: 'Timestamped by CN=DigiCert Timestamp 2023 at 2026-01-02T03:04:09Z, anchored in DigiCert’s root, pinned in PostProof.' },
      ],
      unanchored: [{ file: 'captures/c2/capture.json.tsr', tsa: 'CN=Fake DigiCert', rootSubject: 'CN=DigiCert Trusted Root G4', captureId: 'c2' }],
    };
    mount(<VerifyResult fileName="bundle.zip" report={report} />);
    const result = host.querySelector('[data-testid="verify-result"]')!;
    const warning = result.querySelector('[data-testid="verify-time-unanchored"]')!;
    expect(warning.textContent).toContain('One timestamp in this file is not anchored: its time is not trusted.');
    // The warning sits in the headline area, before the signing keys and the captures.
    expect(warning.compareDocumentPosition(result.querySelector('[data-testid="verify-signer"]')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const stamps = [...result.querySelectorAll('[data-testid="verify-timestamp"]')];
    expect(stamps.map((s) => [s.getAttribute('data-anchor'), s.getAttribute('data-file')])).toEqual([
      ['pinned', 'captures/c1/capture.json.tsr'],
      ['user', 'captures/c1/capture.json.1-own.tsr'],
    ]);
    expect(stamps[0]!.textContent).toContain("anchored in DigiCert's root, pinned in PostProof");
    expect(stamps[0]!.textContent).toContain('ee'.repeat(32));
    expect(stamps[1]!.textContent).toContain('anchored in the root you chose');
    const unanchored = [...result.querySelectorAll('[data-testid="verify-timestamp-unanchored"]')];
    expect(unanchored.map((u) => u.getAttribute('data-file'))).toEqual(['captures/c2/capture.json.tsr']);
    expect(unanchored[0]!.textContent).toContain('time not anchored, so not trusted');
    // The unanchored token's time is shown nowhere as a time.
    expect(result.querySelectorAll('time[datetime="2026-01-02T03:05:01Z"]').length).toBe(0);
    const clocks = [...result.querySelectorAll('[data-testid="verify-clocks"]')];
    expect(clocks[1]!.textContent).toContain('No trusted timestamp');
  });

  it('says nothing of unanchored time or unpinned keys when every token is anchored and every key pinned', () => {
    const report: VerifyReport = {
      verdict: 'valid',
      keyId,
      signers: [{ keyId, role: 'exporter', pinned: true, label: 'Desk', captures: [] }],
      captures: [],
      checks: [{ check: 'signer-pin', ok: true, message: 'The file was signed by key … which you pinned.' }],
    };
    mount(<VerifyResult fileName="bundle.zip" report={report} />);
    expect(host.querySelector('[data-testid="verify-time-unanchored"]')).toBeNull();
    expect(host.querySelector('[data-testid="verify-unpinned"]')).toBeNull();
  });

  it('does not warn about this browser’s own key: its row names it as such, neither pinned nor "not pinned"', () => {
    const report: VerifyReport = { verdict: 'valid', keyId, signers: [{ keyId, role: 'exporter', pinned: false, captures: [] }], captures: [], checks: [] };
    mount(<VerifyResult fileName="bundle.zip" report={report} installKeyId={keyId} />);
    expect(host.querySelector('[data-testid="verify-unpinned"]')).toBeNull();
    const row = host.querySelector('[data-testid="verify-signer"]')!;
    expect(row.getAttribute('data-pinned')).toBe('false');
    expect(row.textContent).not.toContain('Not pinned');
    expect(row.className).toContain('signer-own');
    expect(row.textContent).toContain("this browser's own key");
    expect(host.querySelector('[data-testid="verify-headline"]')!.textContent).toContain("this browser's own key");
  });
});
