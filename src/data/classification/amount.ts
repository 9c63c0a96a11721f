/**
 * Amounts as budgets print them, in any of the usual locales: "1.234,5", "1 234,5 €", "1,234.5",
 * "(1,234)" and "1.234-" for negatives, "CAD 12", "−5". The decimal separator of a column is decided
 * from its unambiguous cells; a lone separator before exactly three digits ("1,234") is read as a
 * thousands separator only when no cell of the column says otherwise.
 */
export type Separator = "." | ",";

export type AmountText =
  | { ok: true; digits: string; negative: boolean; currency: string | null /** separators seen, in order */; separators: string }
  | { ok: false; reason: string };

const SYMBOLS: Record<string, string> = { "€": "EUR", "£": "GBP", $: "$", zł: "PLN", kč: "CZK", kr: "kr", lei: "RON", ft: "HUF" };
const GROUPING = /[\s\u00a0\u202f'’]/g;

/** Splits an amount's text into sign, currency and the digits with their separators. */
export function scanAmount(raw: string): AmountText {
  let s = raw.trim().replace(/\u2212/g, "-");
  if (!s) return { ok: false, reason: "the amount is empty" };
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  let currency: string | null = null;
  const code = /^([A-Z]{3})\s*|\s*([A-Z]{3})$/.exec(s);
  if (code) {
    currency = (code[1] ?? code[2]) as string;
    s = s.replace(code[0], "");
  }
  for (const [symbol, cur] of Object.entries(SYMBOLS)) {
    const lower = s.toLowerCase();
    const at = lower.startsWith(symbol) ? 0 : lower.endsWith(symbol) ? lower.length - symbol.length : -1;
    if (at < 0) continue;
    if (currency && currency !== cur && !(cur === "$" && currency.endsWith("D")))
      return { ok: false, reason: `the amount names two currencies (${currency} and ${symbol})` };
    currency ??= cur;
    s = (s.slice(0, at) + s.slice(at + symbol.length)).trim();
    break;
  }
  s = s.trim();
  if (s.startsWith("-")) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.endsWith("-")) {
    negative = !negative;
    s = s.slice(0, -1);
  } else if (s.startsWith("+")) s = s.slice(1);
  s = s.replace(GROUPING, "");
  if (!/^\d[\d.,]*$/.test(s) || /[.,]$/.test(s)) return { ok: false, reason: `"${raw.trim()}" is not an amount` };
  return { ok: true, digits: s, negative, currency, separators: s.replace(/\d/g, "") };
}

/** The decimal separator this one cell proves, or null when it is ambiguous ("1,234") or has none. */
export function provenDecimal(a: { digits: string; separators: string }): Separator | null | "invalid" {
  const seps = a.separators;
  if (!seps) return null;
  const kinds = new Set(seps);
  if (kinds.size === 2) {
    const last = seps.at(-1) as Separator;
    if (seps.indexOf(last) !== seps.length - 1) return "invalid";
    return last;
  }
  const sep = seps[0] as Separator;
  if (seps.length > 1) return sep === "." ? "," : "."; // repeated: grouping, so the other one is the decimal mark
  const after = a.digits.length - a.digits.indexOf(sep) - 1;
  if (after !== 3) return sep;
  return null;
}

/** The value of a scanned amount given the column's decimal separator; null when its grouping is malformed. */
export function amountValue(a: { digits: string; negative: boolean }, decimal: Separator): number | null {
  const grouping = decimal === "." ? "," : ".";
  const [whole, fraction, extra] = a.digits.split(decimal);
  if (extra !== undefined || whole === undefined) return null;
  const groups = whole.split(grouping);
  if (groups.length > 1 && (!/^\d{1,3}$/.test(groups[0] as string) || groups.slice(1).some((g) => !/^\d{3}$/.test(g)))) return null;
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return null;
  const value = Number(`${groups.join("")}${fraction !== undefined ? `.${fraction}` : ""}`);
  if (!Number.isFinite(value)) return null;
  return a.negative ? -value : value;
}
