// PLACEHOLDER — to be replaced by the browser implementations of the locker's actions (storage.local for the config,
// the endpoint's host permission, the worker's push message, the queue's states, the team reader). Only here so the
// pages type-check: every method throws until the file is written.
import type { LockerSettingsActions } from './locker-settings';
import type { LockerActions } from './locker-push';
import type { TeamActions } from './team-captures';

const notWired = (): never => {
  throw new Error('not wired yet');
};

export const extensionLockerSettings: LockerSettingsActions = {
  load: async () => notWired(),
  save: async () => notWired(),
  test: async () => notWired(),
};

export const extensionLocker: LockerActions = {
  push: async () => notWired(),
  summaries: async () => notWired(),
  configured: async () => notWired(),
};

export const extensionTeam: TeamActions = {
  list: async () => notWired(),
  open: async () => notWired(),
  importCapture: async () => notWired(),
};
