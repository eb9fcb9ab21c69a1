// The RFC 3161 client: a TimeStampReq over SHA-256 of the exact capture.json bytes (random nonce, certReq true),
// POSTed as application/timestamp-query; the answer is kept only once its status, imprint, nonce and signature check.

import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { sha256Hex, toHex } from './hash';
import { checkTimestampResponse, SHA256_OID, TimestampError, type TimestampInfo } from './tsa-token';

/** Public TSAs answer in well under a second; past this the attempt is counted as failed and retried later. */
export const TSA_TIMEOUT_MS = 20_000;
/** A TimeStampResp is a few kilobytes; anything much larger is not one. */
const MAX_RESPONSE_BYTES = 256 * 1024;

export interface TimestampRequest {
  der: Uint8Array;
  nonceHex: string;
}

/** A positive 8-byte nonce whose first byte is 01..7f, so its DER INTEGER is exactly those 8 bytes. */
function randomNonce(): Uint8Array {
  const nonce = crypto.getRandomValues(new Uint8Array(8));
  nonce[0] = nonce[0]! & 0x7f || 1;
  return nonce;
}

export function buildTimestampRequest(sha256: string, nonce: Uint8Array = randomNonce()): TimestampRequest {
  const digest = new Uint8Array(sha256.match(/../g)!.map((byte) => Number.parseInt(byte, 16)));
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA256_OID, algorithmParams: new asn1js.Null() }),
      hashedMessage: new asn1js.OctetString({ valueHex: digest }),
    }),
    nonce: new asn1js.Integer({ valueHex: nonce }),
    certReq: true,
  });
  return { der: new Uint8Array(request.toSchema().toBER(false)), nonceHex: toHex(nonce) };
}

export interface StampResult {
  /** The full TimeStampResp as received: kept as capture.json.tsr. */
  tsr: Uint8Array;
  info: TimestampInfo;
}

export interface StampOptions {
  fetch: typeof fetch;
  timeoutMs?: number;
}

async function post(url: string, body: Uint8Array, options: StampOptions): Promise<Uint8Array> {
  const host = new URL(url).host;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? TSA_TIMEOUT_MS);
  try {
    const response = await options.fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/timestamp-query' },
      body: body as Uint8Array<ArrayBuffer>,
      signal: controller.signal,
      credentials: 'omit',
      cache: 'no-store',
    });
    if (!response.ok) {
      throw new TimestampError('TSA_HTTP_ERROR', `The timestamp authority ${host} answered HTTP ${response.status}; it will be asked again later.`);
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > MAX_RESPONSE_BYTES) {
      throw new TimestampError('TSA_MALFORMED', `The timestamp authority ${host} sent ${bytes.byteLength} bytes, far more than a timestamp; it was not kept.`);
    }
    return bytes;
  } catch (error) {
    if (error instanceof TimestampError) throw error;
    if (controller.signal.aborted) {
      throw new TimestampError('TSA_TIMEOUT', `The timestamp authority ${host} did not answer within ${Math.round((options.timeoutMs ?? TSA_TIMEOUT_MS) / 1000)} s; it will be asked again later.`);
    }
    throw new TimestampError('TSA_UNREACHABLE', `The timestamp authority ${host} could not be reached (offline, or the server is down); it will be asked again later.`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Asks the TSA at `url` for a token over SHA-256(`recordBytes`). Resolves only with a token whose status, imprint,
 * nonce and signature check; any other outcome throws a TimestampError, so a capture is never called timestamped
 * on the strength of an answer that does not prove it.
 */
export async function requestTimestamp(url: string, recordBytes: Uint8Array, options: StampOptions): Promise<StampResult> {
  const sha256 = await sha256Hex(recordBytes);
  const request = buildTimestampRequest(sha256);
  const tsr = await post(url, request.der, options);
  const info = await checkTimestampResponse(tsr, { sha256, data: recordBytes, nonceHex: request.nonceHex });
  return { tsr, info };
}
