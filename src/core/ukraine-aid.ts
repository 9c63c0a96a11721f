import type { Dataset } from "../model/dataset.ts";
import { resolveNatoVintageId, resolveSeriesVintage, resolveVintageYear } from "./dataset-query.ts";
import { ParameterError } from "./parameter-error.ts";

/**
 * Ukraine aid, counted or not. The Kiel Institute's Ukraine Support Tracker gives each donor's
 * cumulative aid over a span (Release 28: 24 January 2022 to 28 February 2026, € billion). Pledge
 * restates it as an average annual share of GDP over that span and shows NATO's share with and
 * without it. NATO's own figures already include the military aid allies report in their defence
 * returns, so adding Kiel's can double-count: the two figures are a range, not a verdict.
 */

export const AID_CATEGORIES = ["military", "financial", "humanitarian", "total"] as const;
export type AidCategory = (typeof AID_CATEGORIES)[number];
/** Kiel's two measures, never added together: aid allocated (delivered or earmarked) and aid committed (promised). */
export const AID_MEASURES = ["allocations", "commitments"] as const;
export type AidMeasure = (typeof AID_MEASURES)[number];
export type UkraineAidMode = "include" | "exclude";

/** One donor's cumulative totals from one Kiel release, € billion; null where Kiel gives no figure. */
export interface KielDonorTotals {
  ally: string;
  release: string;
  /** First and last day of the tracker's span, ISO dates. */
  span: { from: string; to: string };
  eurBn: Record<AidMeasure, Record<AidCategory, number | null>>;
  source: string;
}

/** Kiel's data-set page, for the sources list beside the figures (every row also carries its full source). */
export const KIEL_SOURCE = {
  id: "kiel-ust",
  title: "Kiel Institute for the World Economy, Ukraine Support Tracker (Trebesch et al.), Release 28; terms of reuse not confirmed",
  url: "https://www.ifw-kiel.de/de/publikationen/data-sets/daten-des-ukraine-support-trackers-17410/",
};

export const DOUBLE_COUNTING_CAVEAT =
  "NATO's definition of defence expenditure already includes military aid that allies report in their defence returns, so adding Kiel's figures can double-count: the share with aid is the top of a range, not a verdict.";

/** Days in a calendar year (Gregorian rule). */
const daysInYear = (y: number) => (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 366 : 365);
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Day of the year (1-based) of an ISO date `YYYY-MM-DD`; pure arithmetic, no clock. */
function dayOfYear(iso: string): { year: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new ParameterError("span", `"${iso}" is not an ISO date (YYYY-MM-DD)`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let d = day;
  for (let i = 0; i < month - 1; i++) d += (MONTH_DAYS[i] as number) + (i === 1 && daysInYear(year) === 366 ? 1 : 0);
  return { year, day: d };
}

/** The share of each calendar year that lies inside the span (first and last day included). */
export function windowYearFractions(span: { from: string; to: string }): { year: number; fraction: number }[] {
  const a = dayOfYear(span.from);
  const b = dayOfYear(span.to);
  if (b.year < a.year || (b.year === a.year && b.day < a.day)) throw new ParameterError("span", `${span.to} is before ${span.from}`);
  const out: { year: number; fraction: number }[] = [];
  for (let y = a.year; y <= b.year; y++) {
    const first = y === a.year ? a.day : 1;
    const last = y === b.year ? b.day : daysInYear(y);
    out.push({ year: y, fraction: (last - first + 1) / daysInYear(y) });
  }
  return out;
}

export function averagingNote(span: { from: string; to: string }): string {
  const years = windowYearFractions(span)
    .map((f) => `${f.year} × ${f.fraction === 1 ? "1" : f.fraction.toFixed(4)}`)
    .join(", ");
  return `Average annual share of GDP over Kiel's window ${span.from} to ${span.to}: cumulative aid ÷ the GDP of the window (each year's IMF nominal GDP in euros weighted by the part of the year inside the window: ${years}). It is the yearly share if the aid had been spread over the window in proportion to GDP.`;
}

/** One ally's nominal GDP in € billion for a year, or null; see `imfGdpEurBn` for the stated conversion. */
export type GdpEurBn = (ally: string, year: number) => number | null;

/**
 * IMF nominal GDP in € billion: euro users' national-currency GDP as it is; other allies' US-dollar GDP
 * at the IMF's implied euro rate of the year (Germany's NGDP ÷ NGDPD, the same for every euro user).
 */
export function imfGdpEurBn(ds: Dataset, imfVintageId: string): GdpEurBn {
  return (ally, year) => {
    const a = ds.ally(ally);
    if (!a) return null;
    if (a.currencyCode === "EUR") return ds.get(imfVintageId, ally, "gdp_nc_current_bn", year)?.value ?? null;
    const usd = ds.get(imfVintageId, ally, "gdp_usd_current_bn", year)?.value;
    const eurDe = ds.get(imfVintageId, "DEU", "gdp_nc_current_bn", year)?.value;
    const usdDe = ds.get(imfVintageId, "DEU", "gdp_usd_current_bn", year)?.value;
    if (usd === undefined || eurDe === undefined || !usdDe) return null;
    return (usd * eurDe) / usdDe;
  };
}

/** The GDP produced during the span, € billion (each year weighted by its part inside the span); null if a year is missing. */
export function windowGdpEurBn(ally: string, span: { from: string; to: string }, gdp: GdpEurBn): number | null {
  let sum = 0;
  for (const { year, fraction } of windowYearFractions(span)) {
    const g = gdp(ally, year);
    if (g === null || !(g > 0)) return null;
    sum += g * fraction;
  }
  return sum;
}

/** One donor's aid as average annual shares of GDP (percent), by measure and category; null where a figure is absent. */
export interface AllyUkraineAid {
  ally: string;
  release: string;
  span: { from: string; to: string };
  windowGdpEurBn: number | null;
  cumulativeEurBn: KielDonorTotals["eurBn"];
  averageSharePct: Record<AidMeasure, Record<AidCategory, number | null>>;
  source: string;
}

export function allyUkraineAid(totals: KielDonorTotals, gdp: GdpEurBn): AllyUkraineAid {
  const windowGdp = windowGdpEurBn(totals.ally, totals.span, gdp);
  const share = (v: number | null) => (v === null || windowGdp === null ? null : (v / windowGdp) * 100);
  const averageSharePct = {} as AllyUkraineAid["averageSharePct"];
  for (const m of AID_MEASURES) {
    averageSharePct[m] = {} as Record<AidCategory, number | null>;
    for (const c of AID_CATEGORIES) averageSharePct[m][c] = share(totals.eurBn[m][c]);
  }
  return {
    ally: totals.ally,
    release: totals.release,
    span: totals.span,
    windowGdpEurBn: windowGdp,
    cumulativeEurBn: totals.eurBn,
    averageSharePct,
    source: totals.source,
  };
}

/**
 * NATO's share of GDP with Ukraine military aid counted or not: the function `pledge status
 * --ukraine-aid` and the compliance route call. `exclude` returns the share unchanged; `include` adds
 * the ally's average annual Kiel military aid (allocations by default, or commitments) and never
 * lowers the share. An absent share or absent aid gives `null` added (the share is then unchanged
 * under `exclude` and null under `include`, never a guess).
 */
export function shareWithUkraineAid(
  sharePct: number | null,
  aid: AllyUkraineAid | undefined,
  mode: UkraineAidMode,
  measure: AidMeasure = "allocations",
): { sharePct: number | null; addedPp: number | null } {
  if (mode === "exclude") return { sharePct, addedPp: 0 };
  const added = aid?.averageSharePct[measure].military ?? null;
  if (sharePct === null || added === null) return { sharePct: null, addedPp: added };
  return { sharePct: sharePct + Math.max(0, added), addedPp: Math.max(0, added) };
}

/**
 * Every donor's aid as average annual shares, by ally: what `pledge status --ukraine-aid` and the
 * compliance route need beside `shareWithUkraineAid` (one lookup per ally row). IMF vintage: the newest by default.
 */
export function ukraineAidIndex(
  ds: Dataset,
  kiel: readonly KielDonorTotals[],
  imfVintageId: string = resolveSeriesVintage(ds, undefined, "imf").id,
): ReadonlyMap<string, AllyUkraineAid> {
  const gdp = imfGdpEurBn(ds, imfVintageId);
  return new Map(kiel.map((k) => [k.ally, allyUkraineAid(k, gdp)]));
}

/** One row of `pledge aid` and `GET /api/v1/ukraine-aid`. */
export interface UkraineAidRow {
  ally: string;
  name: string;
  year: number;
  vintage: string;
  /** NATO's published share of GDP for the year (core defence expenditure), percent. */
  natoSharePct: number | null;
  natoEstimate: boolean;
  militaryAllocationsEurBn: number | null;
  militaryCommitmentsEurBn: number | null;
  militaryAllocationsAvgSharePct: number | null;
  militaryCommitmentsAvgSharePct: number | null;
  totalAllocationsAvgSharePct: number | null;
  totalCommitmentsAvgSharePct: number | null;
  /** NATO's share plus military allocations; plus military commitments (two figures, never summed). */
  shareWithAllocationsPct: number | null;
  shareWithCommitmentsPct: number | null;
  /** Gap to 2 % of GDP without and with military allocations (negative = short). */
  gapTo2PctPp: number | null;
  gapTo2PctWithAllocationsPp: number | null;
}

/** 2.09 − 2 is 0.08999999999999986 in binary: ten decimals keep every real digit and drop the noise. */
const dropBinaryNoise = (v: number) => Number(v.toFixed(10));

/** The published columns of the aid table, declared once: the CLI, the API's CSV and the dashboard derive from it. */
export const UKRAINE_AID_COLUMNS: readonly {
  key: keyof UkraineAidRow;
  header: string;
  unit: "text" | "year" | "percent of GDP" | "percentage points of GDP" | "billion euros, cumulative" | "flag";
  decimals: number | null;
  description: string;
}[] = [
  { key: "ally", header: "ISO3", unit: "text", decimals: null, description: "ally, ISO 3166 alpha-3" },
  { key: "name", header: "Ally", unit: "text", decimals: null, description: "ally" },
  { key: "year", header: "Year", unit: "year", decimals: null, description: "year of NATO's share" },
  { key: "vintage", header: "Vintage", unit: "text", decimals: null, description: "NATO release" },
  {
    key: "natoSharePct",
    header: "NATO %",
    unit: "percent of GDP",
    decimals: 2,
    description: "NATO's published share of GDP, without Kiel's aid",
  },
  { key: "natoEstimate", header: "est.", unit: "flag", decimals: null, description: "NATO marks the year as an estimate" },
  {
    key: "militaryAllocationsEurBn",
    header: "Mil. alloc. €bn",
    unit: "billion euros, cumulative",
    decimals: 2,
    description: "Kiel: military aid allocated over the window",
  },
  {
    key: "militaryCommitmentsEurBn",
    header: "Mil. commit. €bn",
    unit: "billion euros, cumulative",
    decimals: 2,
    description: "Kiel: military aid committed over the window",
  },
  {
    key: "militaryAllocationsAvgSharePct",
    header: "Mil. alloc. %/yr",
    unit: "percent of GDP",
    decimals: 3,
    description: "military allocations, average annual share of GDP over the window",
  },
  {
    key: "militaryCommitmentsAvgSharePct",
    header: "Mil. commit. %/yr",
    unit: "percent of GDP",
    decimals: 3,
    description: "military commitments, average annual share of GDP over the window",
  },
  {
    key: "totalAllocationsAvgSharePct",
    header: "All alloc. %/yr",
    unit: "percent of GDP",
    decimals: 3,
    description: "all bilateral allocations (military, financial, humanitarian), average annual share; context only, never added",
  },
  {
    key: "totalCommitmentsAvgSharePct",
    header: "All commit. %/yr",
    unit: "percent of GDP",
    decimals: 3,
    description: "all bilateral commitments, average annual share; context only, never added",
  },
  {
    key: "shareWithAllocationsPct",
    header: "With alloc. %",
    unit: "percent of GDP",
    decimals: 2,
    description: "NATO's share plus military allocations (average annual share): the top of the range",
  },
  {
    key: "shareWithCommitmentsPct",
    header: "With commit. %",
    unit: "percent of GDP",
    decimals: 2,
    description: "NATO's share plus military commitments (average annual share)",
  },
  {
    key: "gapTo2PctPp",
    header: "Gap to 2 %",
    unit: "percentage points of GDP",
    decimals: 2,
    description: "NATO's share minus 2 % (negative = short)",
  },
  {
    key: "gapTo2PctWithAllocationsPp",
    header: "Gap with alloc.",
    unit: "percentage points of GDP",
    decimals: 2,
    description: "share with military allocations minus 2 %",
  },
];

export interface UkraineAidView {
  vintage: string;
  year: number;
  imfVintage: string;
  release: string;
  span: { from: string; to: string };
  averaging: string;
  caveat: string;
  rows: UkraineAidRow[];
  /** Allies in the NATO vintage for which Kiel gives no figure. */
  notInTracker: string[];
}

export interface UkraineAidViewOptions {
  vintage?: string | undefined;
  year?: string | number | undefined;
  allies?: readonly string[] | undefined;
  imfVintage?: string | undefined;
}

/** The table of `pledge aid`: NATO's share for a year beside the Kiel aid as average annual shares. */
export function ukraineAidView(ds: Dataset, kiel: readonly KielDonorTotals[], opts: UkraineAidViewOptions = {}): UkraineAidView {
  const vintage = resolveNatoVintageId(ds, opts.vintage);
  const year = resolveVintageYear(ds, vintage, opts.year);
  const imf = resolveSeriesVintage(ds, opts.imfVintage, "imf", "imfVintage");
  const first = kiel[0];
  if (!first) throw new ParameterError("kiel", "no Kiel Ukraine Support Tracker figures were given");
  const byAlly = ukraineAidIndex(ds, kiel, imf.id);
  const twoPct = ds.guidelines.find((g) => g.id === "gdp2")?.thresholdPct ?? null;
  const wanted = opts.allies ? new Set(opts.allies) : null;
  const rows: UkraineAidRow[] = [];
  const notInTracker: string[] = [];
  for (const a of ds.allies) {
    if (wanted && !wanted.has(a.iso3)) continue;
    if (a.accessionYear > year) continue;
    const aid = byAlly.get(a.iso3);
    const obs = ds.get(vintage.id, a.iso3, "defexp_share_gdp_pct", year);
    if (!aid) {
      notInTracker.push(a.iso3);
      if (!wanted) continue;
    }
    const natoSharePct = obs?.value ?? null;
    const withAlloc = shareWithUkraineAid(natoSharePct, aid, "include", "allocations").sharePct;
    rows.push({
      ally: a.iso3,
      name: a.name,
      year,
      vintage: vintage.id,
      natoSharePct,
      natoEstimate: obs?.estimate === "estimate",
      militaryAllocationsEurBn: aid?.cumulativeEurBn.allocations.military ?? null,
      militaryCommitmentsEurBn: aid?.cumulativeEurBn.commitments.military ?? null,
      militaryAllocationsAvgSharePct: aid?.averageSharePct.allocations.military ?? null,
      militaryCommitmentsAvgSharePct: aid?.averageSharePct.commitments.military ?? null,
      totalAllocationsAvgSharePct: aid?.averageSharePct.allocations.total ?? null,
      totalCommitmentsAvgSharePct: aid?.averageSharePct.commitments.total ?? null,
      shareWithAllocationsPct: withAlloc,
      shareWithCommitmentsPct: shareWithUkraineAid(natoSharePct, aid, "include", "commitments").sharePct,
      gapTo2PctPp: natoSharePct === null || twoPct === null ? null : dropBinaryNoise(natoSharePct - twoPct),
      gapTo2PctWithAllocationsPp: withAlloc === null || twoPct === null ? null : dropBinaryNoise(withAlloc - twoPct),
    });
  }
  return {
    vintage: vintage.id,
    year,
    imfVintage: imf.id,
    release: first.release,
    span: first.span,
    averaging: averagingNote(first.span),
    caveat: DOUBLE_COUNTING_CAVEAT,
    rows,
    notInTracker,
  };
}
