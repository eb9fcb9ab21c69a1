// The message of anything caught, for reporting it in a check, a status line or another error. The one helper every
// layer shares beside model.ts, so the pure parts may import it too.
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
