// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { VerifyReport } from '../utils/bundle';
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
});
