// Which URL each capture artifact is archived under: the rule the writer follows and the verifier re-applies to the
// signed capture.json, so a record moved to another URL (replaying under a false address) is caught.

import type { ArtifactEntry } from '../model';
import { artifactUrn } from './layout';

export interface CaptureTargetsInput {
  id: string;
  /** The post's permalink from the signed record (post.url), if the adapter found one. */
  permalink?: string;
  /** The tab's URL from the signed record (page.url). */
  pageUrl: string;
  artifacts: readonly Pick<ArtifactEntry, 'path' | 'role' | 'sourceUrl'>[];
}

const isWebUrl = (url: string | undefined): url is string => !!url && /^https?:\/\//i.test(url);

/** The page a capture replays as: its permalink, else the page it was taken from. */
export function capturePageUrl(capture: Pick<CaptureTargetsInput, 'permalink' | 'pageUrl'>): string {
  return isWebUrl(capture.permalink) ? capture.permalink : capture.pageUrl;
}

/**
 * Target URI by artifact path: the snapshot at the page URL (what ReplayWeb.page opens), media at the URL they were
 * fetched from, anything else (the screenshot, a second file from one URL) under urn:postproof:<id>/<path>.
 */
export function artifactTargetUris(capture: CaptureTargetsInput): Map<string, string> {
  const targets = new Map<string, string>();
  const used = new Set<string>();
  const page = capturePageUrl(capture);
  for (const artifact of capture.artifacts) {
    const wanted = artifact.role === 'dom-snapshot' ? page : isWebUrl(artifact.sourceUrl) ? artifact.sourceUrl : undefined;
    const target = wanted && !used.has(wanted) ? wanted : artifactUrn(capture.id, artifact.path);
    used.add(target);
    targets.set(artifact.path, target);
  }
  return targets;
}
