// Helpers every witness source shares: the kept responses by name, their bodies as text or JSON, the request sequence
// of a source whose requests are all known from the post, and the small normalisations the fields need.
import type { WitnessFields, WitnessReading, WitnessRequest, WitnessResponse, WitnessStep } from '../source';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function responseNamed(responses: readonly WitnessResponse[], name: string): WitnessResponse | undefined {
  return responses.find((response) => response.name === name);
}

/** The body as UTF-8 text (a malformed sequence reads as U+FFFD, never a throw). */
export function bodyText(response: WitnessResponse): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(response.body);
}

/** The body as JSON, or why it is not. */
export function bodyJson(response: WitnessResponse): { json: Json } | { error: string } {
  const text = bodyText(response).replace(/^\uFEFF/, '');
  if (!text.trim()) return { error: `${response.name}: empty body (HTTP ${response.status})` };
  try {
    return { json: JSON.parse(text) as Json };
  } catch {
    return { error: `${response.name}: the body is not JSON (HTTP ${response.status}, ${text.length} characters)` };
  }
}

/** A JSON object (not an array, not null): for parsed bodies and for values read out of them. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(value: Json | undefined, key: string): JsonObject | undefined {
  const inner = isObject(value) ? value[key] : undefined;
  return isObject(inner) ? inner : undefined;
}

export function arrayAt(value: Json | undefined, key: string): Json[] | undefined {
  const inner = isObject(value) ? value[key] : undefined;
  return Array.isArray(inner) ? inner : undefined;
}

/** A string field (a number is written in decimal); absent, empty or another type reads as undefined. */
export function stringAt(value: Json | undefined, key: string): string | undefined {
  const inner = isObject(value) ? value[key] : undefined;
  if (typeof inner === 'string') return inner === '' ? undefined : inner;
  if (typeof inner === 'number' && Number.isFinite(inner)) return String(inner);
  return undefined;
}

/**
 * The next step of a source whose requests are all known from the post: the first one not yet made, else done. A
 * string instead of requests says why no request can be made for this post.
 */
export function nextInSequence(requests: WitnessRequest[] | string, done: readonly WitnessResponse[]): WitnessStep {
  if (typeof requests === 'string') return { unavailable: requests };
  const request = requests.find((candidate) => !done.some((response) => response.name === candidate.name));
  return request ? { request } : { done: true };
}

/** A time (ISO 8601 with any offset, or epoch seconds) as ISO 8601 UTC; a date alone stays a date. */
export function isoTime(value: string | number | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The last path segment of a URL without its extension: `…/original/a1b2c3.jpg` → `a1b2c3`. */
export function fileStem(url: URL): string | undefined {
  const last = url.pathname.split('/').filter(Boolean).pop();
  if (!last) return undefined;
  const stem = decodeURIComponent(last).replace(/\.[A-Za-z0-9]{1,5}$/, '');
  return stem || undefined;
}

export function parseUrl(value: string | undefined): URL | undefined {
  if (!value) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** A reading made safely: whatever a malformed body does inside `read`, the answer is `unavailable`, never a throw. */
export async function safely(source: string, read: () => WitnessReading): Promise<WitnessReading> {
  try {
    return read();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'unavailable', reason: `${source}: the witness could not be read (${message})` };
  }
}

/** Code points, not UTF-16 units: X's display_text_range counts that way. */
export function codePointSlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

/** Fields with the absent ones left out, so a reading lists only what the witness holds. */
export function withoutUndefined(fields: WitnessFields): WitnessFields {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as WitnessFields;
}
