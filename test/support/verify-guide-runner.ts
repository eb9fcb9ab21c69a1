// Runs the stock-tool recipe of a bundle's VERIFY.txt exactly as written: every "$ " command line in order, in bash,
// each required to succeed and, where a "prints:" line follows, to print that ("…" standing for any text). Only the
// timestamp roots are supplied from outside, as a person would: <tsaId>-root.pem beside the bundle.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface GuideStep {
  command: string;
  prints?: string;
}

export interface GuideRun {
  /** Whether every command succeeded and printed what it must. */
  ok: boolean;
  /** The first command that did not, with its output. */
  failed?: { command: string; output: string; why: string };
  steps: number;
  /** The folder the bundle was unpacked in (the folder the guide's unzip step enters), for further checks. */
  folder: string;
}

export function guideSteps(guide: string): GuideStep[] {
  const lines = guide.split('\n');
  const steps: GuideStep[] = [];
  for (const [index, line] of lines.entries()) {
    const command = /^\s*\$ (.+)$/.exec(line)?.[1];
    if (!command) continue;
    const prints = /^\s*prints: (.*)$/.exec(lines[index + 1] ?? '')?.[1];
    steps.push({ command, ...(prints !== undefined ? { prints } : {}) });
  }
  return steps;
}

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

function matches(output: string, expected: string): boolean {
  const pattern = expected.split('…').map((part) => normalize(part).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${pattern}$`).test(normalize(output));
}

/**
 * Copies `zipFile` as `fileName` (BUNDLE.zip, or the name a WACZ's guide uses) into a new folder (with the given roots
 * beside it) and runs `guide`'s commands there. `guide` defaults to the bundle's own VERIFY.txt as a person would read
 * it; pass the genuine guide to run it on a tampered bundle (a forger can rewrite the copy inside).
 */
export function runVerifyGuide(zipFile: string, guide: string, roots: Record<string, string> = {}, fileName = 'BUNDLE.zip'): GuideRun {
  const base = mkdtempSync(join(tmpdir(), 'postproof-guide-'));
  copyFileSync(zipFile, join(base, fileName));
  for (const [name, pem] of Object.entries(roots)) writeFileSync(join(base, name), pem);
  let cwd = base;
  let folder = join(base, 'B');
  const steps = guideSteps(guide);
  for (const step of steps) {
    const [before, enter] = step.command.split(/ && cd (?=\S+$)/);
    const result = spawnSync('bash', ['-o', 'pipefail', '-c', before!], { cwd, encoding: 'utf8', timeout: 120_000 });
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
    const why = result.status !== 0 ? `exit status ${result.status}` : step.prints !== undefined && !matches(result.stdout ?? '', step.prints) ? `it did not print "${step.prints}"` : undefined;
    if (why) return { ok: false, failed: { command: step.command, output: output.slice(0, 2000), why }, steps: steps.length, folder };
    if (enter) folder = cwd = join(cwd, enter);
  }
  return { ok: true, steps: steps.length, folder };
}
