// Fetches one media file as a stream, with a size cap and progress: videos can be hundreds of megabytes.
import { formatMegabytes } from '../megabytes';
import { errorMessage } from '../../error-message';

/** Default cap on the bytes one capture fetches for media (a setting: `maxMediaBytes`). */
export const DEFAULT_MAX_MEDIA_BYTES = 500 * 1024 * 1024;

export interface StreamedFetchOptions {
  /** Give up when the server sends nothing for this long (headers or body). */
  idleTimeoutMs: number;
  /** Bytes this file may still take; beyond it the download stops and the file is reported, not kept in part. */
  maxBytes: number;
  /** Called as bytes arrive, with the bytes of this file so far and its announced length when known. */
  onBytes?: (received: number, total?: number) => void;
}

/** Why a file was not kept, in words a journalist can act on; `code` is for tests and tools. */
export class MediaFetchError extends Error {
  constructor(readonly code: 'too-large' | 'idle-timeout' | 'http' | 'network', message: string, readonly status?: number) {
    super(message);
  }
}

export interface StreamedFile {
  data: Uint8Array;
  response: Response;
}

/**
 * GETs `url` and reads its body chunk by chunk. A Content-Length above the cap is refused before any byte is read;
 * a body that grows past it is cancelled. Bytes are kept exactly as received: nothing is decoded or re-encoded.
 */
export async function fetchStreamed(url: string, fetchFn: typeof fetch, options: StreamedFetchOptions): Promise<StreamedFile> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.idleTimeoutMs);
  };
  const idle = () => new MediaFetchError('idle-timeout', `no answer within ${options.idleTimeoutMs / 1000} s`);
  arm();
  try {
    let response: Response;
    try {
      response = await fetchFn(url, { credentials: 'omit', signal: controller.signal });
    } catch (error) {
      throw timedOut ? idle() : new MediaFetchError('network', errorMessage(error));
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new MediaFetchError('http', `HTTP ${response.status}`, response.status);
    }
    const announced = Number(response.headers.get('content-length') ?? NaN);
    const total = Number.isFinite(announced) ? announced : undefined;
    const tooLarge = () =>
      new MediaFetchError('too-large', `it is larger than the ${formatMegabytes(options.maxBytes)} left under the media size limit set in PostProof`);
    if (total !== undefined && total > options.maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw tooLarge();
    }
    const chunks: Uint8Array[] = [];
    let received = 0;
    const reader = response.body?.getReader();
    if (reader) {
      try {
        for (;;) {
          arm();
          const { done, value } = await reader.read();
          if (done) break;
          received += value.byteLength;
          if (received > options.maxBytes) {
            await reader.cancel().catch(() => undefined);
            throw tooLarge();
          }
          chunks.push(value);
          options.onBytes?.(received, total);
        }
      } catch (error) {
        if (error instanceof MediaFetchError) throw error;
        throw timedOut ? idle() : new MediaFetchError('network', errorMessage(error));
      }
    }
    const data = new Uint8Array(received);
    let offset = 0;
    for (const chunk of chunks) {
      data.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return { data, response };
  } finally {
    clearTimeout(timer);
  }
}
