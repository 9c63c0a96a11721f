/**
 * An independent recomputation of the figures the claim checker reports, straight from the CSVs in
 * data/ (no bundle, no core function): short and readable on purpose, so that a reviewer can check
 * it by eye. Membership rule: the allies that had joined by the year (allies.csv accession_year),
 * with armed forces; Iceland is not applicable. Shares are compared as NATO publishes them, rounded
 * half away from zero to two decimals.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";

const root = join(import.meta.dirname, "../..");
type Row = Record<string, string>;
const csv = (file: string): Row[] => parse(readFileSync(join(root, "data", file), "utf8"), { columns: true, skip_empty_lines: true });

const allies = csv("allies.csv");
const guidelines = csv("guidelines.csv");
const vintages = csv("vintages.csv");
const cells = new Map<string, number>();
for (const v of vintages)
  for (const r of csv(v.file as string)) cells.set(`${v.id}|${r.ally_iso3}|${r.indicator}|${r.year}`, Number(r.value));

export const value = (vintage: string, entity: string, indicator: string, year: number): number | null =>
  cells.get(`${vintage}|${entity}|${indicator}|${year}`) ?? null;

export const round2 = (x: number) => (Math.sign(x) * Math.round(Math.abs(x) * 100 + 1e-9)) / 100;
export const members = (year: number) => allies.filter((a) => Number(a.accession_year) <= year);
const armed = (year: number) => members(year).filter((a) => a.has_armed_forces === "true");

export function guidelineFromYear(threshold: number): number | null {
  const g = guidelines.find((x) => x.indicator === "defexp_share_gdp_pct" && Number(x.threshold) === threshold);
  return g ? Number(g.from_year) : null;
}

/** Allies of the year at or above (or below) a share of GDP; null when an ally lacks the figure. */
export function countAt(vintage: string, year: number, threshold: number, side: "at_or_above" | "below", sipri = false): number | null {
  const shares = armed(year).map((a) => value(vintage, a.iso3 as string, sipri ? "milex_share_gdp_pct" : "defexp_share_gdp_pct", year));
  if (shares.some((s) => s === null)) return null;
  const at = shares.filter((s) => round2(s as number) >= threshold).length;
  return side === "below" ? shares.length - at : at;
}

/** Position of an ally among the year's members (1 = highest, or lowest when fromBottom); null when any lacks the figure. */
export function rankOf(vintage: string, indicator: string, year: number, iso3: string, fromBottom: boolean): number | null {
  const rows = armed(year).map((a) => ({ iso3: a.iso3 as string, v: value(vintage, a.iso3 as string, indicator, year) }));
  if (rows.some((r) => r.v === null)) return null;
  const own = rows.find((r) => r.iso3 === iso3)?.v;
  if (own === undefined || own === null) return null;
  // Ties share a place: one more than the allies strictly ahead.
  return 1 + rows.filter((r) => (fromBottom ? (r.v as number) < own : (r.v as number) > own)).length;
}

export function spending(vintage: string, entity: string, year: number, sipri = false): number | null {
  if (!sipri) return value(vintage, entity, "defexp_usd_current", year);
  if (entity !== "NATO_TOTAL") return value(vintage, entity, "milex_usd_current", year);
  // SIPRI's NATO total: the sum over today's allies that have a figure (as SIPRI reports NATO).
  const vs = allies.map((a) => value(vintage, a.iso3 as string, "milex_usd_current", year)).filter((x) => x !== null);
  return vs.length ? (vs as number[]).reduce((t, x) => t + x, 0) : null;
}

export function realChange(vintage: string, entity: string, from: number, to: number): number | null {
  let f = 1;
  for (let y = from + 1; y <= to; y++) {
    const r = value(vintage, entity, "defexp_real_change_pct", y);
    if (r === null) return null;
    f *= 1 + r / 100;
  }
  return (f - 1) * 100;
}

export function nominalChange(vintage: string, entity: string, from: number, to: number): number | null {
  const a = spending(vintage, entity, from);
  const b = spending(vintage, entity, to);
  return a === null || b === null ? null : (b / a - 1) * 100;
}

export function shareOfAlliance(vintage: string, iso3: string, indicator: string, year: number): number | null {
  const part = value(vintage, iso3, indicator, year);
  const total = value(vintage, "NATO_TOTAL", indicator, year);
  return part === null || total === null ? null : (part / total) * 100;
}

/** Allies' IMF GDP (market exchange rates) over Russia's. */
export function gdpRatioToRussia(vintage: string, year: number): number | null {
  const rus = value(vintage, "RUS", "gdp_usd_current_bn", year);
  const vs = allies.map((a) => value(vintage, a.iso3 as string, "gdp_usd_current_bn", year)).filter((x) => x !== null) as number[];
  return rus && vs.length ? vs.reduce((t, x) => t + x, 0) / rus : null;
}
