// Test-only helpers for the witness sources' tests: a kept response from a body, and the whole step loop.
import type { PostRecord } from '../../model';
import type { WitnessRequest, WitnessResponse, WitnessSource } from '../source';

export function kept(name: string, url: string, status: number, body: string | object, headers: Record<string, string> = {}): WitnessResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { name, url, status, headers, body: new TextEncoder().encode(text) };
}

/** Runs `next` to the end, answering each request with `answer`; returns the requests and the kept responses. */
export function runSteps(
  source: WitnessSource,
  post: PostRecord,
  answer: (request: WitnessRequest) => { status: number; body: string | object },
): { requests: WitnessRequest[]; responses: WitnessResponse[]; end: ReturnType<WitnessSource['next']> } {
  const requests: WitnessRequest[] = [];
  const responses: WitnessResponse[] = [];
  for (let i = 0; i < 10; i++) {
    const step = source.next(post, responses);
    if (!('request' in step)) return { requests, responses, end: step };
    requests.push(step.request);
    const { status, body } = answer(step.request);
    responses.push(kept(step.request.name, step.request.url, status, body));
  }
  throw new Error('next() never ended');
}

/** The expected record of a fixture (the test fails at once if the fixture list changed under it). */
export function expectedOf(fixtures: readonly { expected?: PostRecord }[], index: number): PostRecord {
  const expected = fixtures[index]?.expected;
  if (!expected) throw new Error(`fixture ${index} has no expected record`);
  return expected;
}
