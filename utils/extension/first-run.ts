// The first run (entrypoints/onboarding/): opened in a tab when the extension is installed (not on an update), and
// again from the options page and the popup's checklist. What the checklist counts as still missing is read from the
// real state each time: the screenshot permission, the trusted-time setting, the collector's name.
import type { Settings } from '../model';
import { chosenAuthorities } from '../provenance/tsa-presets';

/** storage.local key: set once the user pressed "Done" on the first-run page. */
export const FIRST_RUN_DONE_KEY = 'firstRunDone';
/** The first-run page, relative to the extension's root. */
export const ONBOARDING_PATH = '/onboarding.html';
/** The case every practice capture joins, and its tag: never mistaken for evidence. */
export const PRACTICE_CASE_NAME = 'Practice';
export const PRACTICE_TAG = 'practice';

export type SetupGap = 'screenshots' | 'trusted-time' | 'collector';

/** What is still missing for evidence-grade captures, in the order the first-run page asks for it. */
export function setupGaps(state: { screenshotsAllowed: boolean; settings: Settings }): SetupGap[] {
  const gaps: SetupGap[] = [];
  if (!state.screenshotsAllowed) gaps.push('screenshots');
  if (chosenAuthorities(state.settings).length === 0) gaps.push('trusted-time');
  if (!state.settings.collector?.name?.trim()) gaps.push('collector');
  return gaps;
}

/** runtime.onInstalled: the first-run page opens on a new install only, never on an update or a browser update. */
export function openFirstRunOnInstall(details: { reason: string }, open: (path: string) => Promise<unknown>): Promise<unknown> | undefined {
  return details.reason === 'install' ? open(ONBOARDING_PATH) : undefined;
}
