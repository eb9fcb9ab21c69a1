// "Download key card" in the popup and on the options page: the install key's fingerprint and public key as the text
// file a collector publishes (utils/provenance/key-card.ts), named by the collector's name from the settings when set.
// Saved through an <a download> of a Blob URL (download.ts): no downloads permission.
import { useState } from 'preact/hooks';
import { t } from '../utils/i18n/i18n';
import { keyCardFileName, keyCardText, type KeyCardInput } from '../utils/provenance/key-card';
import { utf8 } from '../utils/provenance/hash';
import { getOrCreateInstallKey } from '../utils/store/install-key';
import type { PostProofDb } from '../utils/store/db';
import { readSettings } from '../utils/store/settings';
import { downloadBytes } from './download';
import { errorMessage } from '../utils/error-message';

/** The card of this install's key, as of now (the name is read at the click, so a name saved a moment ago is on it). */
export async function installKeyCard(db: PostProofDb, now: Date = new Date()): Promise<KeyCardInput> {
  const [key, settings] = await Promise.all([getOrCreateInstallKey(db), readSettings(db)]);
  const name = settings.collector?.name?.trim();
  return { keyId: key.keyId, spki: new Uint8Array(key.spki), ...(name ? { name } : {}), createdAt: now.toISOString() };
}

export function KeyCardDownload({ db }: { db: PostProofDb | undefined }) {
  const [error, setError] = useState<string>();

  async function download() {
    if (!db) return;
    try {
      const card = await installKeyCard(db);
      downloadBytes(utf8(keyCardText(card)), keyCardFileName(card.keyId), 'text/plain;charset=utf-8');
      setError(undefined);
    } catch (failure) {
      setError(t('key_card_failed', errorMessage(failure)));
    }
  }

  return (
    <div class="key-card">
      <button type="button" data-testid="key-card-download" disabled={!db} aria-describedby="key-card-why" onClick={() => void download()}>
        {t('key_card_download')}
      </button>{' '}
      <span class="hint" id="key-card-why">
        {t('key_card_hint')}
      </span>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
