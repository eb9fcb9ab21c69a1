// Checks manifest.json `derived[]`: files made at export from another file of the bundle (the annotated screenshot
// copies). Each must be a listed file of the bundle, and the file it names as its source must be one too, with the
// SHA-256 it states. A bundle without `derived` passes untouched; a damaged or hostile entry fails, naming the file.

import type { BundleManifest } from '../../model';
import type { EvidenceFiles } from '../../evidence/evidence-files';
import type { VerifyCheck } from '../../evidence/verify-types';
import { unsafeEntryNameReason } from '../../zip/entry-names';
import { FILES_OUTSIDE_MANIFEST, MANIFEST_FILE } from './layout';

const HEX64 = /^[0-9a-f]{64}$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A name the manifest may use for a file in the bundle, or why not. */
function nameProblem(name: string): string | null {
  const unsafe = unsafeEntryNameReason(name);
  if (unsafe) return `it points outside the bundle or is not a file name a bundle may hold (${unsafe})`;
  if (name.endsWith('/')) return 'it names a folder, not a file';
  if (FILES_OUTSIDE_MANIFEST.includes(name)) return `it names ${name}, which no file can be derived from or into`;
  return null;
}

export function checkDerivedFiles(files: EvidenceFiles, manifest: BundleManifest, checks: VerifyCheck[]): void {
  const derived: unknown = (manifest as { derived?: unknown }).derived;
  if (derived === undefined) return;
  if (!Array.isArray(derived)) {
    checks.push({ check: 'derived-file', file: MANIFEST_FILE, ok: false, message: 'The manifest’s list of derived files ("derived") is not a list; it is damaged.' });
    return;
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  const seen = new Set<string>();
  for (const [index, entry] of derived.entries()) {
    const shown = isObject(entry) && typeof entry.path === 'string' ? JSON.stringify(entry.path).slice(1, -1).slice(0, 200) : `entry ${index + 1}`;
    const file = isObject(entry) && typeof entry.path === 'string' && !unsafeEntryNameReason(entry.path) ? entry.path : MANIFEST_FILE;
    const fail = (message: string) => checks.push({ check: 'derived-file', file, ok: false, message });
    if (
      !isObject(entry) ||
      typeof entry.path !== 'string' ||
      typeof entry.derivedFrom !== 'string' ||
      typeof entry.derivedFromSha256 !== 'string' ||
      !HEX64.test(entry.derivedFromSha256) ||
      typeof entry.method !== 'string' ||
      entry.method.trim() === ''
    ) {
      fail(`Derived-file entry ${index + 1} of the manifest (${shown}) is damaged: it must give path, derivedFrom, derivedFromSha256 and method.`);
      continue;
    }
    const { path, derivedFrom, derivedFromSha256 } = entry;
    const pathProblem = nameProblem(path);
    if (pathProblem) {
      fail(`The manifest describes a derived file "${shown}" that cannot be checked: ${pathProblem}.`);
      continue;
    }
    if (seen.has(path)) {
      fail('The manifest describes this derived file twice.');
      continue;
    }
    seen.add(path);
    if (!listed.has(path) || !files.has(path)) {
      fail('The manifest describes this file as derived, but it is not a listed file of the bundle.');
      continue;
    }
    const sourceShown = JSON.stringify(derivedFrom).slice(1, -1).slice(0, 200);
    const sourceProblem = nameProblem(derivedFrom);
    if (sourceProblem) {
      fail(`This derived file names its source as "${sourceShown}": ${sourceProblem}.`);
      continue;
    }
    if (derivedFrom === path) {
      fail('This derived file names itself as its source.');
      continue;
    }
    if (!listed.has(derivedFrom) || !files.has(derivedFrom)) {
      fail(`This derived file was made from ${sourceShown}, which is not in the bundle: what it was derived from cannot be checked.`);
      continue;
    }
    if (files.sha256(derivedFrom) !== derivedFromSha256) {
      fail(`This derived file was made from a version of ${derivedFrom} with another SHA-256 than the one in the bundle.`);
      continue;
    }
    checks.push({
      check: 'derived-file',
      file: path,
      ok: true,
      message: `A copy made from ${derivedFrom} (its SHA-256 matches); it is derived, and ${derivedFrom} is the evidence.`,
    });
  }
}
