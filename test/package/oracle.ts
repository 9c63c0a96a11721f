/**
 * Expected figures for the package tests, recomputed from data/'s CSVs with arithmetic a reader can
 * check, and no import from src/: the allies at or above 2 % of GDP in a year (by NATO's published
 * two-decimal share, among the allies that were members with armed forces that year), and the
 * identities of a linear path (its first year is the base year's published share, its target year
 * the guideline's threshold).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";

const DATA = join(import.meta.dirname, "../../data");
type Row = Record<string, string>;
const csv = (file: string): Row[] => parse(readFileSync(join(DATA, file), "utf8"), { columns: true }) as Row[];

function vintageRows(vintageId: string): Row[] {
  const v = csv("vintages.csv").find((r) => r.id === vintageId);
  if (!v?.file) throw new Error(`data/vintages.csv has no vintage ${vintageId}`);
  return csv(v.file);
}

function guideline(id: string): Row {
  const g = csv("guidelines.csv").find((r) => r.id === id);
  if (!g) throw new Error(`data/guidelines.csv has no guideline ${id}`);
  return g;
}

/** NATO publishes shares to two decimals; 2.00 meets 2 %. */
const published = (value: string) => Number(Number(value).toFixed(2));

export function compliantAllies(year: number, vintageId: string): { met: string[]; judged: number } {
  const threshold = Number(guideline("gdp2").threshold);
  const members = new Set(
    csv("allies.csv")
      .filter((a) => Number(a.accession_year) <= year && a.has_armed_forces === "true")
      .map((a) => a.iso3),
  );
  const shares = vintageRows(vintageId).filter(
    (r) => r.indicator === "defexp_share_gdp_pct" && Number(r.year) === year && members.has(r.ally_iso3 as string) && r.value !== "",
  );
  return {
    met: shares
      .filter((r) => published(r.value as string) >= threshold)
      .map((r) => r.ally_iso3 as string)
      .sort(),
    judged: shares.length,
  };
}

export function linearPathIdentity(ally: string): { baseYear: number; baseSharePct: number; targetYear: number; targetSharePct: number } {
  const newest = csv("vintages.csv")
    .filter((v) => v.series === "nato" && v.status === "official")
    .sort((a, b) => (a.published as string).localeCompare(b.published as string))
    .at(-1);
  if (!newest) throw new Error("data/vintages.csv has no official NATO vintage");
  const shares = vintageRows(newest.id as string).filter(
    (r) => r.indicator === "defexp_share_gdp_pct" && r.ally_iso3 === ally && r.value !== "",
  );
  const base = shares.sort((a, b) => Number(a.year) - Number(b.year)).at(-1);
  if (!base) throw new Error(`no share of GDP for ${ally} in ${newest.id}`);
  const core = guideline("hague_core");
  return {
    baseYear: Number(base.year),
    baseSharePct: Number(base.value),
    targetYear: Number(core.target_year),
    targetSharePct: Number(core.threshold),
  };
}
