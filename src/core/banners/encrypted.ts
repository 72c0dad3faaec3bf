/**
 * Whether a message is encrypted as a whole, from its top-level `Content-Type`: S/MIME
 * (`application/pkcs7-mime`, also the old `x-` form) or OpenPGP/MIME (`multipart/encrypted`).
 * The banners stay silent on such a message: what it says cannot be read by the add-on.
 */
import type { HeaderField } from "../notices/index.js";

const ENCRYPTED_TYPES = ["multipart/encrypted", "application/pkcs7-mime", "application/x-pkcs7-mime"];

export function isEncryptedMessage(fields: readonly HeaderField[]): boolean {
  const types = fields.filter((f) => f.name.toLowerCase() === "content-type");
  return types.some((f) => {
    const type = (f.value.split(";")[0] ?? "").trim().toLowerCase();
    return ENCRYPTED_TYPES.includes(type);
  });
}
