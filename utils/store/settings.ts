// The user's settings (timestamp authorities, collector), kept in the extension's IndexedDB.
import type { Settings } from '../model';
import { DEFAULT_SETTINGS } from '../provenance/tsa-presets';
import { SETTINGS_KEY, type PostProofDb } from './schema';

export async function readSettings(db: PostProofDb): Promise<Settings> {
  return (await db.get('settings', SETTINGS_KEY)) ?? DEFAULT_SETTINGS;
}

export async function writeSettings(db: PostProofDb, settings: Settings): Promise<void> {
  await db.put('settings', settings, SETTINGS_KEY);
}
