// A timestamp authority's failure, by kind: what the queue, the verifier, the UI and the tests tell apart.

export type TimestampErrorCode =
  | 'TSA_UNREACHABLE'
  | 'TSA_TIMEOUT'
  | 'TSA_HTTP_ERROR'
  | 'TSA_MALFORMED'
  | 'TSA_REJECTED'
  | 'TSA_WRONG_IMPRINT'
  | 'TSA_WRONG_NONCE'
  | 'TSA_BAD_SIGNATURE'
  | 'TSA_NOT_TIMESTAMPING_CERT'
  | 'TSA_UNTRUSTED_CHAIN';

/** A timestamp that could not be obtained or does not check out; `code` lets the queue, UI and tests tell cases apart. */
export class TimestampError extends Error {
  constructor(
    readonly code: TimestampErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TimestampError';
  }
}
