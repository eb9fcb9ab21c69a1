// Asks a witness source's requests in turn, as the public is served: no cookies, no credentials, no referrer, no
// cache. Every response is kept as it came, whatever its status; a request that fails ends the witness with why.
import type { PostRecord } from '../model';
import { errorMessage } from '../error-message';
import type { WitnessResponse, WitnessSource } from './source';

/** The headers kept beside each body: what dates it and names its version and type. */
export const KEPT_HEADERS = ['date', 'etag', 'last-modified', 'content-type'] as const;

export interface WitnessFetchOptions {
  fetch: typeof fetch;
  /** Per request; a platform that does not answer in time leaves the witness unavailable, never the capture waiting. */
  timeoutMs?: number;
  /** Per response body: larger answers are not kept (a watch page is about 1.5 MB). */
  maxBytes?: number;
}

export interface FetchedWitness {
  responses: WitnessResponse[];
  /** Why the witness stopped before its source was done: the network, a timeout, a body too large, too many steps. */
  failure?: string;
}

const MAX_STEPS = 6;

async function fetchOne(url: string, accept: string | undefined, options: WitnessFetchOptions): Promise<Omit<WitnessResponse, 'name'>> {
  const maxBytes = options.maxBytes ?? 8 * 1024 * 1024;
  const response = await options.fetch(url, {
    credentials: 'omit',
    cache: 'no-store',
    redirect: 'follow',
    referrerPolicy: 'no-referrer',
    ...(accept ? { headers: { Accept: accept } } : {}),
    signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
  });
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new Error(`its answer is ${declared} bytes, more than the ${maxBytes} a witness keeps`);
  const body = new Uint8Array(await response.arrayBuffer());
  if (body.byteLength > maxBytes) throw new Error(`its answer is ${body.byteLength} bytes, more than the ${maxBytes} a witness keeps`);
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  return { url: response.url || url, status: response.status, headers, body };
}

export async function fetchWitness(source: WitnessSource, post: PostRecord, options: WitnessFetchOptions): Promise<FetchedWitness> {
  const responses: WitnessResponse[] = [];
  for (let step = 0; step < MAX_STEPS; step++) {
    const next = source.next(post, responses);
    if ('done' in next) return { responses };
    if ('unavailable' in next) return { responses, failure: next.unavailable };
    const { request } = next;
    try {
      responses.push({ name: request.name, ext: request.ext, ...(await fetchOne(request.url, request.accept, options)) });
    } catch (error) {
      const why = (error as DOMException | null)?.name === 'TimeoutError' ? `no answer within ${(options.timeoutMs ?? 15_000) / 1000} s` : errorMessage(error);
      return { responses, failure: `${new URL(request.url).host} could not be asked for the post's record: ${why}.` };
    }
  }
  return { responses, failure: `The witness source asked for more than ${MAX_STEPS} requests; it was stopped.` };
}
