// The verdict sentence a non-expert reads first, and the signer-pin checks in the page's language.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { VerifyCheck, VerifyReport, VerifiedCaptureSummary } from '../utils/evidence/verify-types';
import { formatMessage } from '../utils/i18n/i18n';
import { checkMessage, failedFiles, verdictSummary } from './verify-summary';
import { recheckCommands, shellWord } from './verify-commands';

const mine = '3e61'.repeat(16);
const theirs = 'ab'.repeat(32);
const ok: VerifyCheck = { check: 'checksums', ok: true, message: 'All files match.' };

function captures(count: number, stamped = false): VerifiedCaptureSummary[] {
  return Array.from({ length: count }, (_unused, index) => ({
    id: `c${index + 1}`,
    permalink: `https://x.com/a/status/${index + 1}`,
    ...(stamped ? { timestamps: [{ file: `captures/c${index + 1}/capture.json.tsr`, tsa: 'CN=DigiCert SHA256 RSA4096 Timestamp Responder 2025 1', genTime: '2026-01-02T03:04:05Z', anchor: { kind: 'pinned' as const, label: 'DigiCert', rootSha256: 'ee'.repeat(32) } }] } : {}),
  }));
}

function valid(extra: Partial<VerifyReport>): VerifyReport {
  return { verdict: 'valid', keyId: theirs, checks: [ok], captures: captures(12, true), ...extra };
}

describe('verdictSummary', () => {
  it('intact and pinned: the capture count, the key and its name, and the authority of the time', () => {
    const report = valid({ signers: [{ keyId: mine, role: 'exporter', pinned: true, label: 'Newsroom laptop', captures: [] }] });
    expect(verdictSummary(report).sentence).toBe('Intact: 12 captures, signed by key 3e613e61…, pinned as “Newsroom laptop”; trusted time from DigiCert.');
  });

  it('intact and not pinned: says so neutrally, with what to compare', () => {
    const report = valid({ signers: [{ keyId: theirs, role: 'exporter', pinned: false, captures: [] }], captures: captures(1, true) });
    expect(verdictSummary(report, mine).sentence).toBe(
      'Intact: 1 capture, signed by key abababab…, not pinned: compare the fingerprint with the one the collector published; trusted time from DigiCert.',
    );
  });

  it("this browser's own key is named as such, not as unpinned", () => {
    const report = valid({ signers: [{ keyId: mine, role: 'exporter', pinned: false, captures: [] }], captures: captures(2) });
    const { sentence } = verdictSummary(report, mine);
    expect(sentence).toBe("Intact: 2 captures, signed by key 3e613e61…, this browser's own key; no trusted timestamp.");
    expect(sentence).not.toContain('not pinned');
  });

  it('names the other keys of imported captures', () => {
    const report = valid({
      signers: [
        { keyId: mine, role: 'exporter', pinned: false, captures: ['c1'] },
        { keyId: theirs, role: 'capture', pinned: false, captures: ['c2'] },
      ],
      captures: captures(2, true),
    });
    expect(verdictSummary(report, mine).sentence).toContain("this browser's own key, and one other key for imported captures;");
  });

  it('not intact: the files that changed, by path', () => {
    const report: VerifyReport = {
      verdict: 'invalid',
      keyId: mine,
      captures: captures(2),
      checks: [
        ok,
        { check: 'file-hash', file: 'captures/c1/capture.json', ok: false, message: 'differs' },
        { check: 'checksums', file: 'captures/c1/capture.json', ok: false, message: 'differs' },
        { check: 'capture-signature', file: 'captures/c1/capture.json', ok: false, message: 'does not verify' },
      ],
    };
    expect(verdictSummary(report, mine)).toEqual({ verdict: 'invalid', sentence: 'Not intact: one file changed (captures/c1/capture.json).', timeTrusted: false });
  });

  it('not intact: added files, more files than it lists, and failures that name no file', () => {
    const changed = ['a', 'b', 'c', 'd', 'e'].map((name): VerifyCheck => ({ check: 'file-hash', file: `captures/c1/media/${name}.jpg`, ok: false, message: 'x' }));
    const report: VerifyReport = {
      verdict: 'invalid',
      captures: [],
      checks: [...changed, { check: 'unexpected-file', file: 'extra.exe', ok: false, message: 'x' }, { check: 'manifest-signature', ok: false, message: 'x' }],
    };
    expect(failedFiles(report.checks)).toEqual({ changed: changed.map((c) => c.file), added: ['extra.exe'], other: 1 });
    expect(verdictSummary(report).sentence).toBe(
      'Not intact: 5 files changed (captures/c1/media/a.jpg, captures/c1/media/b.jpg, captures/c1/media/c.jpg, and 2 more); one file added that was not signed (extra.exe); one other check failed.',
    );
  });

  it('time not anchored: says the time is not trusted, never names it', () => {
    const report = valid({
      signers: [{ keyId: mine, role: 'exporter', pinned: true, label: 'Desk', captures: [] }],
      captures: captures(3),
      unanchored: [
        { file: 'captures/c1/capture.json.tsr', tsa: 'CN=Home-made TSA', captureId: 'c1' },
        { file: 'captures/c2/capture.json.tsr', tsa: 'CN=Home-made TSA', captureId: 'c2' },
      ],
    });
    const summary = verdictSummary(report);
    expect(summary.sentence).toBe('Intact: 3 captures, signed by key 3e613e61…, pinned as “Desk”; time not anchored: 2 timestamps reach no trusted root.');
    expect(summary.timeTrusted).toBe(false);
  });

  it('some captures stamped: says for how many', () => {
    const report = valid({ captures: [...captures(1, true), { id: 'c9' }] });
    expect(verdictSummary(report).sentence).toContain('trusted time from DigiCert for 1 of 2 captures.');
  });
});

describe('checkMessage: the signer-pin check in the page language', () => {
  const g = globalThis as { chrome?: unknown };
  afterEach(() => {
    delete g.chrome;
  });

  const note: VerifyCheck = {
    check: 'signer-pin',
    ok: true,
    note: true,
    message: `Note: the file was signed by key ${theirs}, which is not pinned: compare it with the fingerprint its collector published, or give it with --expect-key.`,
  };
  const report = { checks: [note], signers: [{ keyId: theirs, role: 'exporter' as const, pinned: false, captures: [] }] };

  it('in English, without the CLI option the page has no use for', () => {
    expect(checkMessage(note, report)).toBe(`The file was signed by key ${theirs}, which is not pinned: compare it with the fingerprint its collector published.`);
    expect(checkMessage(note, report, theirs)).toBe(`The file was signed by key ${theirs}: this browser's own key.`);
    const untrusted = { ...note, ok: false, note: false, message: `The file was signed by key ${theirs}, which is not among the keys you trust.` };
    expect(checkMessage(untrusted, { ...report, checks: [untrusted] })).toBe(`The file was signed by key ${theirs}, which is not among the keys you trust.`);
  });

  it('in Arabic, from the Arabic messages', () => {
    const arabic = JSON.parse(readFileSync(join(__dirname, '..', 'public', '_locales', 'ar', 'messages.json'), 'utf8')) as Record<string, { message: string }>;
    g.chrome = { i18n: { getUILanguage: () => 'ar', getMessage: (key: string, subs: string[] = []) => (arabic[key] ? formatMessage(arabic[key]!.message, subs) : '') } };
    const text = checkMessage(note, report);
    expect(text).toBe(`وُقّع الملف بالمفتاح ${theirs}، وهو غير مثبَّت: قارنه بالبصمة التي نشرها جامعه.`);
    expect(text.replace(theirs, '')).not.toMatch(/[A-Za-z]{2}/);
  });

  it('leaves the other checks in the verifier’s words', () => {
    expect(checkMessage(ok, report)).toBe('All files match.');
  });
});

describe('recheckCommands', () => {
  it('fills in the file name, quoted for the shell, and each capture', () => {
    expect(shellWord("it's here.zip")).toBe(`'it'\\''s here.zip'`);
    const lines = recheckCommands('my bundle.zip', { keyId: mine, captures: [{ id: 'c1', keyId: mine, timestamps: captures(1, true)[0]!.timestamps! }, { id: 'c2', keyId: theirs }] }, false);
    expect(lines[0]).toBe(`head -c 4 'my bundle.zip' | od -An -tx1        # 50 4b 03 04`);
    expect(lines).toContain('sha256sum --strict -c SHA256SUMS');
    expect(lines).toContain('openssl dgst -sha256 -verify signer.pem -signature captures/c1/capture.json.sig captures/c1/capture.json');
    expect(lines).toContain('openssl dgst -sha256 -verify captures/c2/signer.pem -signature captures/c2/capture.json.sig captures/c2/capture.json');
    expect(lines.filter((line) => line.startsWith('openssl ts -verify'))).toHaveLength(1);
    expect(recheckCommands('a.wacz', { captures: [] }, true).at(-1)).toBe('cat VERIFY.txt');
  });
});
