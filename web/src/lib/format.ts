import type { EstimateFlag } from "../../../src/model/observation.ts";

const nf = (digits: number) => new Intl.NumberFormat("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const formats = new Map<number, Intl.NumberFormat>();

/** A number with fixed decimals and thousands separators; absent figures print as an en dash. */
export function fmt(v: number | null | undefined, decimals = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  let f = formats.get(decimals);
  if (!f) {
    f = nf(decimals);
    formats.set(decimals, f);
  }
  return f.format(v);
}

export const pct = (v: number | null | undefined, decimals = 2) => (v === null || v === undefined ? "–" : `${fmt(v, decimals)}%`);

/** NATO marks estimates with an "e"; SIPRI's uncertain figures get a question mark. */
export function flagMark(e: EstimateFlag | null | undefined): string {
  return e === "estimate" ? "e" : e === "uncertain" ? "?" : "";
}

export function flagText(e: EstimateFlag | null | undefined): string {
  return e === "estimate" ? "estimate" : e === "uncertain" ? "uncertain" : e === "not_flagged" ? "not flagged" : "reported";
}

/** Millions of US dollars in words people read: $1.47 trn, $967.7 bn, $812 m. */
export function usdM(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  if (Math.abs(v) >= 1e6) return `$${fmt(v / 1e6, 2)} trn`;
  if (Math.abs(v) >= 1e3) return `$${fmt(v / 1e3, 1)} bn`;
  return `$${fmt(v, 0)} m`;
}

/** yes / no / unknown (null), as the plan assessment shows its flags. */
export const yesNo = (v: boolean | null): string => (v === null ? "unknown" : v ? "yes" : "no");
