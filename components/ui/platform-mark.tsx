// PlatformMark: a small neutral monogram badge for a capture's platform ("X", "Bs", "M"…), never a trademark logo.
// Usage: <PlatformMark platform={row.platform} />          → announced as the platform's name (role="img")
//        <PlatformMark platform="x" decorative />          → hidden from assistive technology (the name is said nearby)
//        <PlatformMark platform="x" size="lg" />           → the thumbnail-sized placeholder (56 px)
import type { PlatformName } from '../../utils/model';
import { t } from '../../utils/i18n/i18n';
import './ui.css';

/** Each platform's monogram: one or two letters, distinct across the platforms PostProof reads. */
export const PLATFORM_MONOGRAMS: Record<PlatformName, string> = {
  x: 'X',
  bluesky: 'Bs',
  mastodon: 'M',
  telegram: 'Tg',
  facebook: 'f',
  instagram: 'Ig',
  reddit: 'R',
  youtube: 'Yt',
  tiktok: 'Tt',
  generic: 'W',
};

/** The platform's own name (brand names are not translated); a generic web page in the interface language. */
export function platformName(platform: string): string {
  const names: Record<string, string> = {
    x: 'X',
    bluesky: 'Bluesky',
    mastodon: 'Mastodon',
    telegram: 'Telegram',
    facebook: 'Facebook',
    instagram: 'Instagram',
    reddit: 'Reddit',
    youtube: 'YouTube',
    tiktok: 'TikTok',
  };
  return names[platform] ?? (platform === 'generic' ? t('ui_platform_generic') : platform);
}

export interface PlatformMarkProps {
  platform: PlatformName | string;
  /** `sm` (default, inline with text) or `lg` (a 56 px square, the list's placeholder for a missing screenshot). */
  size?: 'sm' | 'lg';
  /** Hidden from screen readers when the platform's name is already said next to it. */
  decorative?: boolean;
}

export function PlatformMark({ platform, size = 'sm', decorative = false }: PlatformMarkProps) {
  const monogram = PLATFORM_MONOGRAMS[platform as PlatformName] ?? (platform.slice(0, 2) || '?');
  const name = platformName(platform);
  return (
    <span
      class={`pp-platform-mark pp-platform-mark-${size}`}
      data-platform={platform}
      dir="ltr"
      {...(decorative ? { 'aria-hidden': 'true' } : { role: 'img', 'aria-label': name, title: name })}
    >
      {monogram}
    </span>
  );
}
