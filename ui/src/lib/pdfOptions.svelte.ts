// The PDF choices ("PDF/A för arkivering", "Öppna filen när den sparats"), remembered
// for the session: every PDF button shares them, and nothing is stored on disk.

export interface PdfOptions {
  archival: boolean;
  open: boolean;
}

const DEFAULTS: PdfOptions = { archival: false, open: true };

export const pdfOptions = $state<PdfOptions>({ ...DEFAULTS });

/** Back to the defaults (for tests; the app keeps the choices until it closes). */
export function resetPdfOptions(): void {
  Object.assign(pdfOptions, DEFAULTS);
}
