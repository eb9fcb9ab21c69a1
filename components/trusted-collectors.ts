// The trusted collectors of verify.html: keys the person trusts, by fingerprint and a name, kept in storage.local
// (`trustedCollectors`). Pure list work and the rule for what a verification is given; the panel is
// trusted-collectors-panel.tsx. This browser's own key is never stored: it joins the list when the list is used.
import { CONTROL_OR_DIRECTION } from '../utils/evidence/plain-text';
import { normalizeFingerprint } from '../utils/evidence/signer-pins';
import { parseTrustedKeys } from '../utils/evidence/trusted-keys';
import type { TrustedKey } from '../utils/evidence/verify-types';

export const TRUSTED_COLLECTORS_KEY = 'trustedCollectors';

/** Longest name kept for a collector; a name is shown beside its fingerprint, not read as a document. */
export const MAX_LABEL_CHARS = 120;

export interface TrustedCollector {
  keyId: string;
  label: string;
}

export interface CollectorStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** One line, no control or bidi-override characters (a name must not reorder the fingerprint beside it), trimmed. */
export function cleanLabel(text: string): string {
  return text.replace(CONTROL_OR_DIRECTION, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_LABEL_CHARS);
}

/** The stored list, with anything that is not a {keyId, label} of a valid fingerprint left out. */
export async function readTrustedCollectors(storage: CollectorStorage): Promise<TrustedCollector[]> {
  const value = (await storage.get(TRUSTED_COLLECTORS_KEY))[TRUSTED_COLLECTORS_KEY];
  if (!Array.isArray(value)) return [];
  const list: TrustedCollector[] = [];
  for (const item of value as unknown[]) {
    if (!item || typeof item !== 'object') continue;
    const { keyId, label } = item as Record<string, unknown>;
    const id = typeof keyId === 'string' ? normalizeFingerprint(keyId) : null;
    if (id && !list.some((known) => known.keyId === id)) list.push({ keyId: id, label: typeof label === 'string' ? cleanLabel(label) : '' });
  }
  return list;
}

export async function writeTrustedCollectors(storage: CollectorStorage, list: readonly TrustedCollector[]): Promise<void> {
  await storage.set({ [TRUSTED_COLLECTORS_KEY]: list.map(({ keyId, label }) => ({ keyId, label })) });
}

/** Why a key was not added; the panel words it. */
export type AddRefusal = 'not-fingerprint' | 'no-label' | 'already-listed' | 'own-key';

export type AddOutcome = { list: TrustedCollector[]; added: TrustedCollector } | { refused: AddRefusal };

/** Adds one key by fingerprint (pasted as people paste it) and a name; refuses a duplicate or this browser's key. */
export function addCollector(list: readonly TrustedCollector[], fingerprint: string, label: string, ownKeyId?: string): AddOutcome {
  const keyId = normalizeFingerprint(fingerprint);
  if (!keyId) return { refused: 'not-fingerprint' };
  const name = cleanLabel(label);
  if (!name) return { refused: 'no-label' };
  if (keyId === ownKeyId) return { refused: 'own-key' };
  if (list.some((known) => known.keyId === keyId)) return { refused: 'already-listed' };
  const added = { keyId, label: name };
  return { list: [...list, added], added };
}

export function removeCollector(list: readonly TrustedCollector[], keyId: string): TrustedCollector[] {
  return list.filter((known) => known.keyId !== keyId);
}

/**
 * The keys of a key card (or of any text parseTrustedKeys reads), each named by `label` when given, else by the name
 * the card carries, else by `fallback` (the file's name). A card whose fingerprint and key disagree is a problem.
 */
export async function keysFromCard(text: string, label: string, fallback: string): Promise<{ keys: TrustedCollector[]; problems: string[] }> {
  const read = await parseTrustedKeys(text);
  const chosen = cleanLabel(label);
  const keys = read.keys.map((key) => ({ keyId: key.keyId, label: chosen || cleanLabel(key.label ?? '') || cleanLabel(fallback) }));
  return { keys, problems: read.problems };
}

/**
 * What a verification on verify.html is given as `trustedKeys`. An empty list pins nothing (undefined: each signer is
 * named and reported as not pinned, and a bundle from anyone verifies). Once the person lists a collector, the list
 * is enforced (a signing key not on it fails the verification), and this browser's own key is on it, labelled.
 */
export function verificationKeys(list: readonly TrustedCollector[], ownKeyId: string | undefined, ownLabel: string): TrustedKey[] | undefined {
  if (list.length === 0) return undefined;
  const own = ownKeyId && !list.some((known) => known.keyId === ownKeyId) ? [{ keyId: ownKeyId, label: ownLabel }] : [];
  return [...own, ...list.map(({ keyId, label }) => ({ keyId, ...(label ? { label } : {}) }))];
}
