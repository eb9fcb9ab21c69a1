// Byte counts in words: the page's progress text (page/progress.ts) and the worker's size limits (worker/video.ts,
// worker/media.ts) say megabytes the same way. A pure helper shared by both halves of capture.

export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes >= 1e7 ? 0 : 1)} MB`;
}
