/**
 * Mon espace santé shows PDF, JPEG and PNG files inside the conversation; any other format
 * must be downloaded by the patient, who may not be able to open it.
 */

const PREFERRED_TYPES: ReadonlySet<string> = new Set([
  "application/pdf",
  "application/x-pdf",
  "image/jpeg",
  "image/pjpeg",
  "image/jpg", // not registered, but some programs write it
  "image/png",
  "image/x-png",
]);

/** Types that say nothing about the content: the file name decides then. */
const GENERIC_TYPES: ReadonlySet<string> = new Set([
  "",
  "application/octet-stream",
  "binary/octet-stream",
  "application/unknown",
  "application/x-unknown",
]);

const PREFERRED_EXTENSION = /\.(?:pdf|jpe?g|png)$/i;

/**
 * True for PDF, JPEG and PNG. The MIME type decides when it is known (parameters and
 * case ignored); otherwise the extension (`.pdf`, `.jpg`, `.jpeg`, `.png`, any case).
 */
export function isPreferredPatientFormat(name: string, mimeType?: string): boolean {
  const type = (mimeType ?? "").split(";", 1)[0]?.trim().toLowerCase() ?? "";
  if (!GENERIC_TYPES.has(type)) return PREFERRED_TYPES.has(type);
  return PREFERRED_EXTENSION.test(name.trim());
}
