// The locker's actions for the extension's pages. The settings live in storage.local (never in IndexedDB, so never in
// an export); saving asks for the endpoint's host in the click. Pushes go to the worker, which owns the queue; the
// dashboard reads the queue's states itself. The connection test and the team view run in the page, which holds the
// same host permission: the team view verifies what it reads before it shows anything of it.
import browser, { type Permissions } from 'webextension-polyfill';
import type { LockerSettingsActions } from './locker-settings';
import type { LockerActions } from './locker-push';
import type { TeamActions } from './team-captures';
import { LOCKER_CONFIG_KEY, type LockerConfig } from '../utils/locker/s3-api';
import { LOCKER_PUSH_MESSAGE, type LockerPushAnswer } from '../utils/locker/locker-messages';
import { lockerSummaries, openLockerQueue } from '../utils/locker/queue';
import { lockerClient } from '../utils/locker/presign';
import { testLockerConnection } from '../utils/locker/test-connection';
import { listTeamCaptures, openTeamCapture } from '../utils/locker/team-read';
import { openPostProofDb } from '../utils/store/db';
import { importBundle } from '../utils/restore/import-bundles';
import { readTrustedCollectors, verificationKeys, type CollectorStorage } from './trusted-collectors';
import { t } from '../utils/i18n/i18n';
import { readTrustedTsaRoots, rootDers } from './tsa-roots';
import { errorMessage } from '../utils/error-message';
import type { VerifyOptions } from '../utils/evidence/verify-types';

const storage = browser.storage.local as unknown as CollectorStorage;

/** The endpoint's origin as a host permission pattern: `https://s3.example.org/*`. */
export function endpointPattern(endpoint: string): string {
  return `${new URL(endpoint).origin}/*`;
}

async function savedConfig(): Promise<LockerConfig | undefined> {
  return (await browser.storage.local.get(LOCKER_CONFIG_KEY))[LOCKER_CONFIG_KEY] as LockerConfig | undefined;
}

async function requireConfig(): Promise<LockerConfig> {
  const config = await savedConfig();
  if (!config) throw new Error('No locker is set up: connect one in the options (Evidence locker).');
  return config;
}

/**
 * What the team view checks with, as verify.html does: the timestamp roots trusted there (pinned roots are always
 * used) and, once the person lists trusted collectors, those keys and this browser's own: a capture signed by any
 * other key (a folder a stranger added to the locker) then fails. With no list, the key is shown for comparing.
 */
async function verifyOptions(): Promise<VerifyOptions> {
  const roots = await readTrustedTsaRoots(storage).catch(() => []);
  const collectors = await readTrustedCollectors(storage).catch(() => []);
  const db = await openPostProofDb();
  const own = await db.getAll('keys').finally(() => db.close());
  const trustedKeys = verificationKeys(collectors, own[0]?.keyId, t('collectors_own_label'));
  return { tsaRoots: rootDers(roots), ...(trustedKeys ? { trustedKeys } : {}) };
}

export const extensionLockerSettings: LockerSettingsActions = {
  load: savedConfig,
  async save(config) {
    // Asked first, inside the click's user activation.
    const origins = [endpointPattern(config.endpoint), ...(config.auth === 'presign' && config.presignUrl ? [endpointPattern(config.presignUrl)] : [])];
    const granted = await browser.permissions.request({ origins } as Permissions.Permissions).catch(() => false);
    if (!granted) return { ok: false, message: `The browser did not allow PostProof to reach ${origins.map((o) => new URL(o.slice(0, -2)).host).join(' and ')}; nothing was saved.` };
    await browser.storage.local.set({ [LOCKER_CONFIG_KEY]: config });
    // Captures queued while no locker was set up go now.
    await browser.runtime.sendMessage({ type: LOCKER_PUSH_MESSAGE, captureIds: [] }).catch(() => undefined);
    return { ok: true };
  },
  test: (config) => testLockerConnection(lockerClient(config), config),
};

export const extensionLocker: LockerActions = {
  push: (ids) => browser.runtime.sendMessage({ type: LOCKER_PUSH_MESSAGE, captureIds: ids }) as Promise<LockerPushAnswer>,
  async summaries() {
    const queue = await openLockerQueue();
    try {
      return await lockerSummaries(queue);
    } finally {
      queue.close();
    }
  },
  configured: async () => (await savedConfig()) !== undefined,
  // An empty push: starts the worker if it was stopped (its start takes up rows left half pushed) and runs what is due.
  wake: () => void browser.runtime.sendMessage({ type: LOCKER_PUSH_MESSAGE, captureIds: [] }).catch(() => undefined),
};

/** Folders opened in this page, kept for import: the bytes that were verified are the bytes imported. */
const opened = new Map<string, Uint8Array>();

export const extensionTeam: TeamActions = {
  async list() {
    const config = await requireConfig();
    const db = await openPostProofDb();
    try {
      const local = new Set(await db.getAllKeys('captures'));
      return await listTeamCaptures(lockerClient(config), config.prefix, local);
    } finally {
      db.close();
    }
  },
  async open(folder) {
    const config = await requireConfig();
    const { result, bundle } = await openTeamCapture(lockerClient(config), folder, await verifyOptions());
    if (result.verified && bundle) opened.set(folder, bundle);
    else opened.delete(folder);
    return result;
  },
  async importCapture(folder) {
    const bundle = opened.get(folder);
    if (!bundle) return { ok: false, message: 'Open this capture first: only a capture that verified is imported.' };
    const db = await openPostProofDb();
    try {
      const result = await importBundle(db, bundle, new Date(), await verifyOptions());
      return {
        ok: true,
        message: result.imported.length ? `Imported: capture ${result.imported.join(', ')} is now in this browser and exports like any capture.` : 'Already in this browser; nothing was added.',
      };
    } catch (error) {
      return { ok: false, message: errorMessage(error) };
    } finally {
      db.close();
    }
  },
};
