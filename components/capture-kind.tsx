// The label of a capture that is not a post, beside its author wherever captures are listed: a grid tile kept as shown
// (thumbnail and link) is said to be a tile, so it is never taken for the post it links to.
import { t } from '../utils/i18n/i18n';

export function CaptureKindChip({ kind }: { kind?: string }) {
  if (kind !== 'tile') return null;
  return (
    <span class="chip capture-kind" data-testid="capture-kind" data-kind="tile" title={t('grid_tile_chip_title')}>
      {t('grid_tile_chip')}
    </span>
  );
}

/** The kind a stored capture's signed record names (`post.kind`), read from its bytes; undefined for a post. */
export function kindOfRecord(recordBytes: Uint8Array | undefined): string | undefined {
  if (!recordBytes) return undefined;
  try {
    const kind = (JSON.parse(new TextDecoder().decode(recordBytes)) as { post?: { kind?: unknown } }).post?.kind;
    return typeof kind === 'string' ? kind : undefined;
  } catch {
    return undefined;
  }
}
