// Which URL each capture artifact is archived under: the rule the writer follows and the verifier re-applies to the
// signed capture.json, so a record moved to another URL (replaying under a false address) is caught.

import type { ArtifactEntry } from '../../model';
import { artifactUrn } from './layout';

export interface CaptureTargetsInput {
  id: string;
  /** The post's permalink from the signed record (post.url), if the adapter found one. */
  permalink?: string;
  /** The tab's URL from the signed record (page.url). */
  pageUrl: string;
  artifacts: readonly Pick<ArtifactEntry, 'path' | 'role' | 'sourceUrl'>[];
}

const isWebUrl = (url: unknown): url is string => typeof url === 'string' && /^https?:\/\//i.test(url);

/** The page a capture replays as: its permalink, else the page it was taken from. */
export function capturePageUrl(capture: Pick<CaptureTargetsInput, 'permalink' | 'pageUrl'>): string {
  return isWebUrl(capture.permalink) ? capture.permalink : capture.pageUrl;
}

/**
 * Target URI by artifact path: the snapshot at the page URL (what ReplayWeb.page opens), media at the URL they were
 * fetched from, anything else (the screenshot, a second file from one URL) under urn:postproof:<id>/<path>.
 * `taken` holds the URIs already used by records of the same WARC-Date (captures of the same post at the same
 * millisecond): one (URI, date) pair is never archived twice, as replay could not tell the two apart.
 */
export function artifactTargetUris(capture: CaptureTargetsInput, taken: Set<string> = new Set()): Map<string, string> {
  const targets = new Map<string, string>();
  const page = capturePageUrl(capture);
  for (const artifact of capture.artifacts) {
    const wanted = artifact.role === 'dom-snapshot' ? page : isWebUrl(artifact.sourceUrl) ? artifact.sourceUrl : undefined;
    const target = wanted && !taken.has(wanted) ? wanted : artifactUrn(capture.id, artifact.path);
    taken.add(target);
    targets.set(artifact.path, target);
  }
  return targets;
}

/** Target URIs for captures in WACZ order (sequence, then id), each date's URIs shared between its captures. */
export function targetsInOrder(captures: readonly (CaptureTargetsInput & { capturedAt: string })[]): Map<string, Map<string, string>> {
  const byDate = new Map<string, Set<string>>();
  const targets = new Map<string, Map<string, string>>();
  for (const capture of captures) {
    const taken = byDate.get(capture.capturedAt) ?? new Set<string>();
    byDate.set(capture.capturedAt, taken);
    targets.set(capture.id, artifactTargetUris(capture, taken));
  }
  return targets;
}
