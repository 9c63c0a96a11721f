import type { Dataset } from "../../model/dataset.ts";
import type { Vintage } from "../../model/vintage.ts";
import { median } from "../figure.ts";
import { type PublishedTableSpec, publishRows } from "../published-table/spec.ts";

/**
 * NATO's "estimate versus outturn": how far NATO's first estimate of a year's spending (national
 * currency, current prices) moved by the latest release that reports the year as an outturn.
 *
 * The lag says what kind of estimate it was: 0 when the year is the release's own year (a budget,
 * e.g. 2024 in June 2024), 1 when the year had just ended (2023 in June 2024: near-final accounts).
 * Only lag 0 measures how budgets are executed; pooling both lags halves the apparent spread.
 */
export interface EstimateOutturn {
  ally: string;
  year: number;
  lag: number;
  estimateVintage: string;
  outturnVintage: string;
  estimateNcM: number;
  /** As the outturn release publishes it, in its own currency unit. */
  outturnNcM: number;
  /**
   * Log of the unit factor between the two releases, read from the years both report as outturns
   * (their ratio is the same in every year when only the unit changed); 0 when no change is detected.
   */
  logUnitFactor: number;
  unitChange: string | null;
  /** ln(outturn ÷ estimate) after removing the unit factor: negative when less was spent than estimated. */
  logRevision: number;
  estimateSharePct: number | null;
  outturnSharePct: number | null;
}

/** The final years' log ratios must all sit within this band for a level shift to count as a unit change. */
const UNIT_CHANGE_SPREAD = 0.005;
/** A level shift smaller than this (0.5 %) is rounding, not a unit change. */
const UNIT_CHANGE_MIN = 0.005;

const publishedYear = (v: Vintage) => Number(v.published.slice(0, 4));

/**
 * The log factor turning the `from` release's national currency figures into the `to` release's
 * unit, detected from the data: every year both release as outturns moves by the same ratio
 * (Bulgaria's leva → euros in 2026: ln(1/1.95583) in every year). A revision of some years only is
 * not a unit change, and gives 0.
 */
export function detectUnitFactor(ds: Dataset, ally: string, from: string, to: string): { logFactor: number; years: number } {
  const logs: number[] = [];
  for (const a of ds.series(from, ally, "defexp_nc_current")) {
    if (a.estimate !== "reported" || a.value <= 0) continue;
    const b = ds.get(to, ally, "defexp_nc_current", a.year);
    if (b?.estimate !== "reported" || b.value <= 0) continue;
    logs.push(Math.log(b.value / a.value));
  }
  const m = median(logs);
  if (m === null || Math.abs(m) < UNIT_CHANGE_MIN) return { logFactor: 0, years: logs.length };
  const spread = Math.max(...logs) - Math.min(...logs);
  return { logFactor: spread <= UNIT_CHANGE_SPREAD ? m : 0, years: logs.length };
}

/**
 * Every (ally, year) that some official NATO release first published as an estimate and a later one
 * reports as an outturn. Releases are taken oldest first; the outturn is the newest release's (up to
 * `upToVintage` when given).
 */
export function estimatesVersusOutturns(ds: Dataset, upToVintage?: string): EstimateOutturn[] {
  const last = upToVintage === undefined ? undefined : ds.vintage(upToVintage);
  if (upToVintage !== undefined && !last) throw new Error(`unknown vintage ${upToVintage}`);
  // Only what was published by `upToVintage`: a backtest from an older release must not see newer outturns.
  const releases = ds.natoVintages().filter((v) => v.status === "official" && (!last || v.published <= last.published));
  const out: EstimateOutturn[] = [];
  for (const ally of ds.allies) {
    const seen = new Set<number>();
    for (const v of releases) {
      for (const e of ds.series(v.id, ally.iso3, "defexp_nc_current")) {
        if (e.estimate === "reported" || seen.has(e.year) || e.value <= 0) continue;
        seen.add(e.year);
        const later = releases.filter((w) => w.published > v.published);
        const outturnRelease = [...later]
          .reverse()
          .find((w) => ds.get(w.id, ally.iso3, "defexp_nc_current", e.year)?.estimate === "reported");
        if (!outturnRelease) continue;
        const o = ds.get(outturnRelease.id, ally.iso3, "defexp_nc_current", e.year);
        if (!o || o.value <= 0) continue;
        const unit = detectUnitFactor(ds, ally.iso3, v.id, outturnRelease.id);
        const changed = unit.logFactor !== 0;
        const currencyNote =
          ally.euroSince !== null && ally.euroSince > publishedYear(v) && ally.euroSince <= publishedYear(outturnRelease)
            ? `national currency → euro (${ally.euroSince})`
            : "unit changed";
        out.push({
          ally: ally.iso3,
          year: e.year,
          lag: publishedYear(v) - e.year,
          estimateVintage: v.id,
          outturnVintage: outturnRelease.id,
          estimateNcM: e.value,
          outturnNcM: o.value,
          logUnitFactor: unit.logFactor,
          unitChange: changed ? `${currencyNote}: ÷ ${Math.exp(-unit.logFactor).toFixed(5)} in all ${unit.years} final years` : null,
          logRevision: Math.log(o.value / e.value) - unit.logFactor,
          estimateSharePct: ds.get(v.id, ally.iso3, "defexp_share_gdp_pct", e.year)?.value ?? null,
          outturnSharePct: ds.get(outturnRelease.id, ally.iso3, "defexp_share_gdp_pct", e.year)?.value ?? null,
        });
      }
    }
  }
  return out.sort((a, b) => a.lag - b.lag || a.year - b.year || a.ally.localeCompare(b.ally));
}

export interface OutturnSummary {
  lag: number;
  years: string;
  samples: number;
  meanLogRevision: number;
  medianLogRevision: number;
  /** Plain standard deviation (n − 1) of the log revisions. */
  sd: number;
  /** 1.4826 × median absolute deviation: a few outliers barely move it. */
  robustSd: number;
  /** Share of ally-years whose outturn came in below the estimate. */
  shareBelow: number;
}

export function summariseOutturns(rows: readonly EstimateOutturn[]): OutturnSummary[] {
  const lags = [...new Set(rows.map((r) => r.lag))].sort((a, b) => a - b);
  return lags.map((lag) => {
    const own = rows.filter((r) => r.lag === lag);
    const xs = own.map((r) => r.logRevision);
    const n = xs.length;
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const med = median(xs) ?? 0;
    const sd = n > 1 ? Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : 0;
    const years = [...new Set(own.map((r) => r.year))].sort((a, b) => a - b);
    return {
      lag,
      years: years.length > 1 ? `${years[0]}–${years.at(-1)}` : String(years[0]),
      samples: n,
      meanLogRevision: mean,
      medianLogRevision: med,
      sd,
      robustSd: 1.4826 * (median(xs.map((x) => Math.abs(x - med))) ?? 0),
      shareBelow: xs.filter((x) => x < 0).length / n,
    };
  });
}

export const LAG_LABELS: Readonly<Record<string, string>> = { "0": "budget year", "1": "year just ended" };
const lagLabel = (lag: number) => LAG_LABELS[String(lag)] ?? `${lag} years before`;

export const ESTIMATE_OUTTURN_SPEC: PublishedTableSpec = {
  name: "estimate_outturn",
  description:
    "NATO's first estimate of a year's spending (national currency) against the latest release's outturn, per ally and year, unit changes removed",
  columns: [
    { key: "ally", header: "ISO3", type: "text", description: "ISO 3166 alpha-3 code" },
    { key: "name", header: "Ally", type: "text", description: "ally name" },
    { key: "year", header: "Year", type: "year", description: "the year estimated" },
    {
      key: "lag",
      header: "",
      type: "integer",
      machineOnly: true,
      description: "release year − year: 0 = the release's own year (a budget), 1 = the year just ended",
    },
    {
      key: "estimate_of",
      header: "Estimate of",
      type: "text",
      description: "what the first estimate was: budget year (the release's own year) or year just ended",
    },
    { key: "estimate_vintage", header: "Estimate", type: "text", description: "release that first published the year as an estimate" },
    { key: "outturn_vintage", header: "Outturn", type: "text", description: "newest release reporting the year as an outturn" },
    {
      key: "estimate_nc_m",
      header: "Estimate m NC",
      type: "number",
      unit: "million national currency, current prices, the estimate release's unit",
      description: "the first estimate as published",
    },
    {
      key: "outturn_nc_m",
      header: "Outturn m NC",
      type: "number",
      unit: "million national currency, current prices, the outturn release's unit",
      description: "the outturn as published",
    },
    {
      key: "revision_pct",
      header: "Revision %",
      type: "number",
      unit: "%",
      decimals: 2,
      displayDecimals: 1,
      description: "outturn ÷ estimate − 1 after removing a unit change, in percent; negative: less spent than estimated",
    },
    {
      key: "log_revision",
      header: "",
      type: "number",
      decimals: 6,
      machineOnly: true,
      description: "ln(outturn ÷ estimate) after removing a unit change",
    },
    {
      key: "estimate_share_pct",
      header: "Est. % GDP",
      type: "number",
      unit: "% of GDP",
      decimals: 2,
      description: "the estimate's share of GDP as published",
    },
    {
      key: "outturn_share_pct",
      header: "Out. % GDP",
      type: "number",
      unit: "% of GDP",
      decimals: 2,
      description: "the outturn's share of GDP as published",
    },
    {
      key: "unit_change",
      header: "Unit change",
      type: "text",
      description: "a change of currency or unit detected between the releases (removed from the revision), or empty",
    },
  ],
};

export const OUTTURN_SUMMARY_SPEC: PublishedTableSpec = {
  name: "estimate_outturn_summary",
  description: "Revisions of NATO's estimates, pooled over allies, by what kind of estimate it was",
  columns: [
    { key: "lag", header: "", type: "integer", machineOnly: true, description: "release year − year" },
    {
      key: "estimate_of",
      header: "Estimate of",
      type: "text",
      description: "what the first estimate was: budget year (the release's own year) or year just ended",
    },
    { key: "years", header: "Years", type: "text", description: "years estimated" },
    { key: "samples", header: "Ally-years", type: "integer", description: "ally-years compared" },
    { key: "mean_pct", header: "Mean %", type: "number", unit: "%", decimals: 2, description: "mean log revision × 100" },
    { key: "median_pct", header: "Median %", type: "number", unit: "%", decimals: 2, description: "median log revision × 100" },
    { key: "sd_pct", header: "σ %", type: "number", unit: "%", decimals: 2, description: "standard deviation of the log revisions × 100" },
    {
      key: "robust_sd_pct",
      header: "Robust σ %",
      type: "number",
      unit: "%",
      decimals: 2,
      description: "1.4826 × median absolute deviation of the log revisions × 100",
    },
    {
      key: "share_below_pct",
      header: "Below est. %",
      type: "number",
      unit: "%",
      decimals: 1,
      description: "share of ally-years whose outturn came in below the estimate",
    },
  ],
};

export function estimateOutturnRows(ds: Dataset, rows: readonly EstimateOutturn[]) {
  return publishRows(
    ESTIMATE_OUTTURN_SPEC,
    rows.map((r) => ({
      ally: r.ally,
      name: ds.ally(r.ally)?.name ?? r.ally,
      year: r.year,
      lag: r.lag,
      estimate_of: lagLabel(r.lag),
      estimate_vintage: r.estimateVintage,
      outturn_vintage: r.outturnVintage,
      estimate_nc_m: r.estimateNcM,
      outturn_nc_m: r.outturnNcM,
      revision_pct: (Math.exp(r.logRevision) - 1) * 100,
      log_revision: r.logRevision,
      estimate_share_pct: r.estimateSharePct,
      outturn_share_pct: r.outturnSharePct,
      unit_change: r.unitChange,
    })),
  );
}

export function outturnSummaryRows(summary: readonly OutturnSummary[]) {
  return publishRows(
    OUTTURN_SUMMARY_SPEC,
    summary.map((s) => ({
      lag: s.lag,
      estimate_of: lagLabel(s.lag),
      years: s.years,
      samples: s.samples,
      mean_pct: s.meanLogRevision * 100,
      median_pct: s.medianLogRevision * 100,
      sd_pct: s.sd * 100,
      robust_sd_pct: s.robustSd * 100,
      share_below_pct: s.shareBelow * 100,
    })),
  );
}
