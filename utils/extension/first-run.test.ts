import { describe, expect, it } from 'vitest';
import { openFirstRunOnInstall, setupGaps, ONBOARDING_PATH } from './first-run';

describe('setupGaps', () => {
  it('names every gap of a fresh install', () => {
    expect(setupGaps({ screenshotsAllowed: false, settings: { timestamping: { enabled: false, presets: [] } } })).toEqual(['screenshots', 'trusted-time', 'collector']);
  });
  it('counts trusted time only when on with an authority', () => {
    const on = { enabled: true, presets: [] as string[] };
    expect(setupGaps({ screenshotsAllowed: true, settings: { timestamping: on, collector: { name: 'A' } } })).toEqual(['trusted-time']);
    expect(setupGaps({ screenshotsAllowed: true, settings: { timestamping: { ...on, customUrl: 'http://127.0.0.1:9/tsr' }, collector: { name: 'A' } } })).toEqual([]);
    expect(setupGaps({ screenshotsAllowed: true, settings: { timestamping: { enabled: false, presets: ['freetsa'] }, collector: { name: 'A' } } })).toEqual(['trusted-time']);
  });
  it('wants a name, not only an organisation', () => {
    expect(setupGaps({ screenshotsAllowed: true, settings: { timestamping: { enabled: true, presets: ['digicert'] }, collector: { organization: 'Desk', name: ' ' } } })).toEqual(['collector']);
  });
});

describe('openFirstRunOnInstall', () => {
  it('opens the page on install only', async () => {
    const opened: string[] = [];
    const open = async (path: string) => void opened.push(path);
    await openFirstRunOnInstall({ reason: 'update' }, open);
    await openFirstRunOnInstall({ reason: 'chrome_update' }, open);
    await openFirstRunOnInstall({ reason: 'install' }, open);
    expect(opened).toEqual([ONBOARDING_PATH]);
  });
});
