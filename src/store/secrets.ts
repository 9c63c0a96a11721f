import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** 32 random bytes, base64url (43 characters): API tokens, session ids, CSRF tokens. */
export function randomSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** Secrets are stored only as their sha256 (hex): a leaked table yields no usable token. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Compares a presented secret with a stored sha256 hex in constant time. */
export function secretMatches(presented: string, storedHashHex: string): boolean {
  const a = Buffer.from(sha256Hex(presented), "hex");
  const b = Buffer.from(storedHashHex, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
