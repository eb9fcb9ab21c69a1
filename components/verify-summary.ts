// The verdict in one plain sentence, for people who are not experts: intact or not, how many captures, which key
// signed them and whether it is pinned (this browser's own key is named as such, never as a warning), and where the
// trusted time comes from; when not intact, which files changed. Also the signer-pin checks in the page's language
// (the verifier writes its checks in English for the CLI).
import type { SignerVerdict, VerifyCheck, VerifyReport } from '../utils/evidence/verify-types';
import { t, tCount } from '../utils/i18n/i18n';
import { unanchoredStamps } from './verify-stamps';

/** Checks whose failure on a file means the file is not as it was signed. */
const CHANGED_CHECKS = new Set(['file-hash', 'checksums', 'artifact', 'capture-signature', 'capture-record', 'derived-file', 'datapackage-digest', 'warc-record']);
/** Checks whose failure on a file means the file was added without being signed. */
const ADDED_CHECKS = new Set(['unexpected-file', 'unlisted-file']);
/** How many file names a sentence lists before "and N more". */
const LISTED = 3;

export type SignerStanding = 'pinned' | 'expected' | 'own' | 'unpinned';

/**
 * A fingerprint or a path inside a sentence: in a right-to-left page it is isolated left to right (U+2066 … U+2069),
 * so "3e61ab90…" keeps its ellipsis at its end and a path keeps its slashes in order.
 */
function ltr(text: string): string {
  const rtl = typeof document !== 'undefined' && document.documentElement.dir === 'rtl';
  return rtl ? `\u2066${text}\u2069` : text;
}

/** "3e61ab90…": enough of a fingerprint to recognise it; the full one is shown below the sentence. */
export function shortKey(keyId: string): string {
  return ltr(`${keyId.slice(0, 8)}…`);
}

export function signerStanding(signer: Pick<SignerVerdict, 'pinned' | 'label' | 'keyId'>, installKeyId: string | undefined): SignerStanding {
  if (signer.keyId === installKeyId) return 'own';
  if (signer.pinned) return signer.label ? 'pinned' : 'expected';
  return 'unpinned';
}

/** "signed by key 3e61…, pinned as “Newsroom laptop”" and the like. */
export function signerPhrase(signer: Pick<SignerVerdict, 'pinned' | 'label' | 'keyId'>, installKeyId: string | undefined): string {
  const key = shortKey(signer.keyId);
  switch (signerStanding(signer, installKeyId)) {
    case 'own':
      return t('verify_people_signed_own', key);
    case 'pinned':
      return t('verify_people_signed_pinned', [key, signer.label ?? '']);
    case 'expected':
      return t('verify_people_signed_expected', key);
    default:
      return t('verify_people_signed_unpinned', key);
  }
}

/** "A, B and C" in the page's language. */
function listOf(items: readonly string[]): string {
  const lang = (typeof document !== 'undefined' && document.documentElement.lang) || 'en';
  return new Intl.ListFormat(lang, { type: 'conjunction' }).format(items);
}

function filesList(files: readonly string[]): string {
  const paths = files.map(ltr);
  if (paths.length <= LISTED) return listOf(paths);
  return listOf([...paths.slice(0, LISTED), tCount('verify_people_more_files', paths.length - LISTED)]);
}

/** The authorities whose time is anchored (the pinned root's name, or the token's signer for a root the person chose). */
export function timeAuthorities(report: Pick<VerifyReport, 'captures'>): string[] {
  const names = new Set<string>();
  for (const capture of report.captures) for (const stamp of capture.timestamps ?? []) names.add(stamp.anchor.kind === 'pinned' ? stamp.anchor.label : stamp.tsa);
  return [...names];
}

/** "trusted time from DigiCert", "time not anchored …", or "no trusted timestamp". */
export function timePhrase(report: Pick<VerifyReport, 'captures' | 'unanchored'>): { text: string; trusted: boolean } {
  const unanchored = unanchoredStamps(report).length;
  if (unanchored > 0) return { text: tCount('verify_people_time_unanchored', unanchored), trusted: false };
  const authorities = timeAuthorities(report);
  if (authorities.length === 0) return { text: t('verify_people_time_none'), trusted: false };
  const stamped = report.captures.filter((capture) => (capture.timestamps ?? []).length > 0).length;
  if (stamped < report.captures.length) return { text: t('verify_people_time_some', [listOf(authorities), stamped, report.captures.length]), trusted: true };
  return { text: t('verify_people_time_from', listOf(authorities)), trusted: true };
}

export interface FailedFiles {
  changed: string[];
  added: string[];
  /** Failed checks that name no changed or added file. */
  other: number;
}

export function failedFiles(checks: readonly VerifyCheck[]): FailedFiles {
  const changed = new Set<string>();
  const added = new Set<string>();
  let other = 0;
  for (const check of checks) {
    if (check.ok) continue;
    if (check.file && ADDED_CHECKS.has(check.check)) added.add(check.file);
    else if (check.file && CHANGED_CHECKS.has(check.check)) changed.add(check.file);
    else other += 1;
  }
  // A file added is not also "changed".
  for (const file of added) changed.delete(file);
  return { changed: [...changed], added: [...added], other };
}

export interface VerdictSummary {
  verdict: 'valid' | 'invalid';
  /** The whole sentence, e.g. "Intact: 12 captures, signed by key 3e61…, pinned as “Newsroom laptop”; trusted time from DigiCert." */
  sentence: string;
  /** Whether the time is anchored in a root known outside the file. */
  timeTrusted: boolean;
}

/** The verdict in one sentence; `installKeyId` is this browser's own key. */
export function verdictSummary(report: VerifyReport, installKeyId?: string): VerdictSummary {
  const time = timePhrase(report);
  if (report.verdict === 'valid') {
    const signers = report.signers ?? [];
    const exporter = signers.find((signer) => signer.role === 'exporter') ?? signers[0];
    const main = exporter ?? (report.keyId ? { keyId: report.keyId, pinned: false } : undefined);
    const parts = [tCount('count_captures', report.captures.length)];
    if (main) parts.push(signerPhrase(main, installKeyId));
    const others = signers.filter((signer) => signer !== exporter);
    if (exporter && others.length > 0) parts.push(tCount('verify_people_other_signers', others.length));
    return { verdict: 'valid', sentence: t('verify_people_intact', [parts.join(t('verify_people_comma')), time.text]), timeTrusted: time.trusted };
  }
  const failed = failedFiles(report.checks);
  const parts: string[] = [];
  if (failed.changed.length > 0) parts.push(tCount('verify_people_changed', failed.changed.length, [filesList(failed.changed)]));
  if (failed.added.length > 0) parts.push(tCount('verify_people_added', failed.added.length, [filesList(failed.added)]));
  if (failed.other > 0) parts.push(tCount(parts.length > 0 ? 'verify_people_other_failed' : 'verify_people_failed', failed.other));
  return { verdict: 'invalid', sentence: t('verify_people_not_intact', parts.join(t('verify_people_semicolon'))), timeTrusted: time.trusted };
}

/**
 * A signer-pin check in the page's language. The verifier adds one such check per signer, in the order of
 * `report.signers`, and names the key's fingerprint in it; other checks keep the verifier's words.
 */
export function checkMessage(check: VerifyCheck, report: Pick<VerifyReport, 'checks' | 'signers'>, installKeyId?: string): string {
  if (check.check !== 'signer-pin') return check.message;
  const signers = report.signers ?? [];
  const named = check.message.match(/\b[0-9a-f]{64}\b/)?.[0];
  const index = report.checks.filter((c) => c.check === 'signer-pin').indexOf(check);
  const signer = signers.find((s) => s.keyId === named) ?? (named === undefined ? signers[index] : undefined);
  if (!signer) return check.message;
  const what = signer.role === 'exporter' ? t('verify_people_pin_file', signer.keyId) : tCount('verify_people_pin_captures', signer.captures.length, [signer.keyId]);
  if (!check.ok) {
    // verify.html gives no expected key, so a failed pin is a key not on the trusted list (the CLI's other cases keep their words).
    return /not among the keys you trust/.test(check.message) ? t('verify_people_pin_untrusted', what) : check.message;
  }
  switch (signerStanding(signer, installKeyId)) {
    case 'own':
      return t('verify_people_pin_own', what);
    case 'pinned':
      return t('verify_people_pin_pinned', [what, signer.label ?? '']);
    case 'expected':
      return t('verify_people_pin_expected', what);
    default:
      return t('verify_people_pin_unpinned', what);
  }
}
