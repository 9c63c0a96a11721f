/**
 * Text both databases can store: PostgreSQL refuses NUL in text, and SQLite would write a lone UTF-16
 * surrogate as invalid UTF-8 (which then cannot be restored into PostgreSQL). Refusing both at the
 * edge keeps the two backends accepting exactly the same input.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this refuses
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const UNSTORABLE_MESSAGE = "must not contain NUL characters or unpaired UTF-16 surrogates";

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** The dotted path of the first string (or object key) in `value` that cannot be stored, or null. Depth-bounded. */
export function unstorableField(value: unknown, path = "", depth = 0): string | null {
  if (typeof value === "string") return isStorableText(value) ? null : path || "(root)";
  if (depth > 64 || value === null || typeof value !== "object") return null;
  for (const [key, inner] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (!isStorableText(key)) return at;
    const found = unstorableField(inner, at, depth + 1);
    if (found) return found;
  }
  return null;
}
