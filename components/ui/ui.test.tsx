// @vitest-environment happy-dom
// The shared components: what each renders, what it says to assistive technology, and the states they show.
import { render, type ComponentChildren } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { t } from '../../utils/i18n/i18n';
import { Card } from './card';
import { EmptyState } from './empty-state';
import { PLATFORM_MONOGRAMS, PlatformMark, platformName } from './platform-mark';
import { BADGE_LABELS, StatusBadge, type BadgeState } from './status-badge';

let host: HTMLElement | undefined;
function mount(node: ComponentChildren): HTMLElement {
  host = document.createElement('div');
  document.body.append(host);
  act(() => render(node, host!));
  return host;
}

afterEach(() => {
  if (host) act(() => render(null, host!));
  host?.remove();
  host = undefined;
});

describe('PlatformMark', () => {
  it('shows a monogram and is named by the platform, as an image', () => {
    const mark = mount(<PlatformMark platform="bluesky" />).querySelector('.pp-platform-mark')!;
    expect(mark.textContent).toBe('Bs');
    expect(mark.getAttribute('role')).toBe('img');
    expect(mark.getAttribute('aria-label')).toBe('Bluesky');
    expect(mark.getAttribute('data-platform')).toBe('bluesky');
    expect(mark.classList.contains('pp-platform-mark-sm')).toBe(true);
  });

  it('is hidden from assistive technology when decorative, and large as a placeholder', () => {
    const mark = mount(<PlatformMark platform="x" size="lg" decorative />).querySelector('.pp-platform-mark')!;
    expect(mark.getAttribute('aria-hidden')).toBe('true');
    expect(mark.hasAttribute('role')).toBe(false);
    expect(mark.classList.contains('pp-platform-mark-lg')).toBe(true);
  });

  it('gives each platform its own monogram; a generic page and an unknown platform still get one', () => {
    const monograms = Object.values(PLATFORM_MONOGRAMS);
    expect(new Set(monograms).size).toBe(monograms.length);
    expect(platformName('generic')).toBe(t('ui_platform_generic'));
    const unknown = mount(<PlatformMark platform="lemmy" />).querySelector('.pp-platform-mark')!;
    expect(unknown.textContent).toBe('le');
    expect(unknown.getAttribute('aria-label')).toBe('lemmy');
  });
});

describe('StatusBadge', () => {
  const states: BadgeState[] = ['saved', 'waiting', 'differs', 'error', 'locked', 'neutral'];

  it('says each state in words (never by colour alone), with its own class', () => {
    for (const state of states) {
      const badge = mount(<StatusBadge state={state} />).querySelector('.pp-badge')!;
      expect(badge.classList.contains(`pp-badge-${state}`)).toBe(true);
      expect(badge.getAttribute('data-badge')).toBe(state);
      expect(badge.querySelector('.pp-badge-text')!.textContent).toBe(t(BADGE_LABELS[state]));
      expect(badge.querySelector('.pp-badge-symbol')!.getAttribute('aria-hidden')).toBe('true');
      act(() => render(null, host!));
      host!.remove();
    }
  });

  it('takes its own words, extra classes and attributes', () => {
    const badge = mount(
      <StatusBadge state="error" class="stamp-state" data-testid="stamp-state" data-state="failed" title="why">Timestamp failed</StatusBadge>,
    ).querySelector('.pp-badge')!;
    expect(badge.className).toBe('pp-badge pp-badge-error stamp-state');
    expect(badge.getAttribute('data-testid')).toBe('stamp-state');
    expect(badge.getAttribute('data-state')).toBe('failed');
    expect(badge.getAttribute('title')).toBe('why');
    expect(badge.querySelector('.pp-badge-text')!.textContent).toBe('Timestamp failed');
  });
});

describe('Card', () => {
  it('is a section labelled by its heading, at the level asked for, with a hint', () => {
    const section = mount(<Card title="Trusted time" level={3} hint="Only a hash leaves" testId="card"><p>body</p></Card>).querySelector('section')!;
    const heading = section.querySelector('h3')!;
    expect(heading.textContent).toBe('Trusted time');
    expect(section.getAttribute('aria-labelledby')).toBe(heading.id);
    expect(heading.id).not.toBe('');
    expect(section.querySelector('.pp-card-hint')!.textContent).toBe('Only a hash leaves');
    expect(section.getAttribute('data-testid')).toBe('card');
    expect(section.querySelector('p:last-child')!.textContent).toBe('body');
  });

  it('has an h2 by default and no label without a title', () => {
    expect(mount(<Card title="A">x</Card>).querySelector('section > h2')).not.toBeNull();
    act(() => render(null, host!));
    host!.remove();
    const bare = mount(<Card>x</Card>).querySelector('section')!;
    expect(bare.hasAttribute('aria-labelledby')).toBe(false);
    expect(bare.querySelector('h2')).toBeNull();
  });
});

describe('EmptyState', () => {
  it('says the state, what to do, and offers the next step', () => {
    const empty = mount(
      <EmptyState title="No captures yet" testId="empty-state" action={<button type="button">Open</button>}>
        <p>Click a post's Preserve button.</p>
      </EmptyState>,
    ).querySelector('[data-testid="empty-state"]')!;
    expect(empty.querySelector('.pp-empty-title')!.textContent).toBe('No captures yet');
    expect(empty.querySelector('.pp-empty-body')!.textContent).toBe("Click a post's Preserve button.");
    expect(empty.querySelector('.pp-empty-action button')).not.toBeNull();
    expect(empty.getAttribute('role')).toBe('status');
  });

  it('leaves out the parts it is not given', () => {
    const empty = mount(<EmptyState title="Nothing" />).querySelector('.pp-empty')!;
    expect(empty.querySelector('.pp-empty-body')).toBeNull();
    expect(empty.querySelector('.pp-empty-action')).toBeNull();
  });
});
