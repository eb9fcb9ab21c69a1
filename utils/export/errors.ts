// Why an export could not start or go on, in words the page shows as they are.

export class ExportError extends Error {
  constructor(
    readonly code: 'EXPORT_NOTHING_SELECTED' | 'EXPORT_CAPTURE_GONE',
    message: string,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

export const nothingSelected = () => new ExportError('EXPORT_NOTHING_SELECTED', 'Choose at least one capture to export.');

export const captureGone = (id: string) =>
  new ExportError('EXPORT_CAPTURE_GONE', `Capture ${id} is no longer in this browser's store, so it cannot be exported. Reload the list and choose again.`);
