// The error the bundle writer throws: a message a journalist can act on, and a code tests and the UI can match.

export type BundleErrorCode =
  | 'BUNDLE_UNSAFE_PATH'
  | 'BUNDLE_DUPLICATE_CAPTURE'
  | 'BUNDLE_RECORD_DAMAGED'
  | 'BUNDLE_RECORD_OTHER_KEY'
  | 'BUNDLE_ARTIFACT_UNREADABLE'
  | 'BUNDLE_ARTIFACT_DAMAGED'
  | 'BUNDLE_TOO_LARGE'
  | 'BUNDLE_THREAD_DAMAGED';

export class BundleError extends Error {
  constructor(
    readonly code: BundleErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BundleError';
  }
}
