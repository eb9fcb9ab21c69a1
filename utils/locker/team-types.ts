// What the dashboard's "Team captures" shows: the locker's capture folders (from every member's install) and, once
// one is opened, its full verification. Nothing of a capture is shown as evidence before it verified.
import type { VerifyReport } from '../evidence/verify-types';

/** One capture folder in the locker: `<prefix>/<case>/<capture id>/`. */
export interface TeamCapture {
  folder: string;
  caseName: string;
  captureId: string;
  objects: number;
  bytes: number;
  /** The newest object's LastModified. */
  lastModified: string;
  /** The folder's closing file (SHA256SUMS.sig, written last) is there: the push finished. */
  complete: boolean;
  /** Already in this install's store. */
  local: boolean;
}

export interface TeamOpenResult {
  folder: string;
  /** The bundle verifier's report on exactly the bytes read from the locker. */
  report: VerifyReport;
  /** Keys in the locker whose object has more than one version, or a delete marker: written over after the push. */
  overwritten: string[];
  /** True only if the report is ok and nothing was written over. */
  verified: boolean;
}

export interface TeamImportResult {
  ok: boolean;
  message: string;
}
