import type { Dataset } from "../model/dataset.ts";
import { REVIEW_YEAR } from "../model/hague.ts";
import type { PathwayRequest } from "../model/pathway.ts";
import { ParameterError } from "./parameter-error.ts";
import { computePathways, type PathwayColumn, type PathwaySet } from "./pathway.ts";
import { type ContextOptions, type PathwayContext, preparePathwayContext } from "./pathway-context.ts";
import {
  MILLIONS_DECIMALS,
  publishedMillions as millions,
  PCT_DECIMALS,
  publishedShare as pct,
  publishedValue,
} from "./published-precision.ts";

/** The vintages a request falls back to: the newest official NATO release and the newest IMF WEO. */
export function defaultVintages(ds: Dataset): { nato: string; imf: string } {
  const imf = ds.vintages.findLast((v) => v.series === "imf");
  if (!imf) throw new Error("the dataset has no IMF vintage");
  return { nato: ds.latestNatoVintage().id, imf: imf.id };
}

/** A validated request (the CLI's options or the API's body) in, every path and the alliance sums out. */
export function runPathwayRequest(
  ds: Dataset,
  req: PathwayRequest,
  /** How to get the context; a server passes a memo of preparePathwayContext (pure, so safe to reuse). */
  prepare: (ds: Dataset, opts: ContextOptions) => PathwayContext = preparePathwayContext,
): PathwaySet {
  const d = defaultVintages(ds);
  const vintageId = req.vintage ?? d.nato;
  const v = ds.vintage(vintageId);
  if (v?.series !== "nato" || v.status !== "official")
    throw new ParameterError(
      "vintage",
      `"${vintageId}" is not an official NATO vintage (${ds
        .natoVintages()
        .filter((x) => x.status === "official")
        .map((x) => x.id)
        .join(", ")})`,
    );
  const imfVintageId = req.imfVintage ?? d.imf;
  if (ds.vintage(imfVintageId)?.series !== "imf") throw new ParameterError("imfVintage", `"${imfVintageId}" is not an IMF vintage`);
  if (req.allies) for (const a of req.allies) if (!ds.ally(a)) throw new ParameterError("allies", `unknown ally "${a}"`);
  const horizon = Math.max(2035, req.target.targetYear);
  const ctx = prepare(ds, { vintageId, imfVintageId, horizon, economy: req.economy });
  return computePathways(ds, ctx, req.target, { allies: req.allies });
}

/** Each ally's path as parallel arrays (one per column of PathwayRow): the compact JSON form, same numbers as the rows. */
export interface PathwaySeries {
  ally: string;
  name: string;
  years: number[];
  review_index: number;
  target_index: number;
  gdp_source: string[];
  columns: Record<string, number[]>;
}

/**
 * The columns of PathwayRow that are per-year numbers: the pathway column each comes from and the
 * decimals it is published to (shares of GDP in percent, or millions of currency).
 */
export const PATHWAY_SERIES_COLUMNS: readonly (readonly [keyof PathwayRow, PathwayColumn, number])[] = [
  ["core_share_pct", "coreSharePct", PCT_DECIMALS],
  ["related_share_pct", "relatedSharePct", PCT_DECIMALS],
  ["total_share_pct", "totalSharePct", PCT_DECIMALS],
  ["gdp_nc_m", "gdpNcM", MILLIONS_DECIMALS],
  ["core_nc_m", "coreNcM", MILLIONS_DECIMALS],
  ["total_nc_m", "totalNcM", MILLIONS_DECIMALS],
  ["core_usd_current_m", "coreUsdCurrentM", MILLIONS_DECIMALS],
  ["total_usd_current_m", "totalUsdCurrentM", MILLIONS_DECIMALS],
  ["core_usd_const_m", "coreUsdConstM", MILLIONS_DECIMALS],
  ["extra_over_freeze_usd_current_m", "extraOverFreezeUsdCurrentM", MILLIONS_DECIMALS],
  ["cumulative_extra_usd_current_m", "cumulativeExtraUsdCurrentM", MILLIONS_DECIMALS],
  ["cumulative_extra_usd_const_m", "cumulativeExtraUsdConstM", MILLIONS_DECIMALS],
];

export function pathwaySeries(set: PathwaySet): PathwaySeries[] {
  return set.allies.map((p) => ({
    ally: p.ally,
    name: p.name,
    years: Array.from(p.years),
    review_index: p.reviewIndex,
    target_index: p.targetIndex,
    gdp_source: [...p.gdpSource],
    columns: Object.fromEntries(
      PATHWAY_SERIES_COLUMNS.map(([key, column, decimals]) => [key, Array.from(p.columns[column], (v) => publishedValue(v, decimals))]),
    ),
  }));
}

/** One row per ally and year: the long, tidy form that CSV, JSON and spreadsheets take. */
export interface PathwayRow {
  ally: string;
  year: number;
  review_year: boolean;
  target_year: boolean;
  core_share_pct: number;
  related_share_pct: number;
  total_share_pct: number;
  gdp_nc_m: number;
  gdp_source: string;
  core_nc_m: number;
  total_nc_m: number;
  core_usd_current_m: number;
  total_usd_current_m: number;
  core_usd_const_m: number;
  extra_over_freeze_usd_current_m: number;
  cumulative_extra_usd_current_m: number;
  cumulative_extra_usd_const_m: number;
}

export function pathwayRows(set: PathwaySet): PathwayRow[] {
  const rows: PathwayRow[] = [];
  for (const p of set.allies) {
    for (let k = 0; k < p.years.length; k++) {
      const year = p.years[k] as number;
      const row = { ally: p.ally, year, review_year: year === REVIEW_YEAR, target_year: k === p.targetIndex } as PathwayRow;
      for (const [key, column, decimals] of PATHWAY_SERIES_COLUMNS) {
        // gdp_source sits after the GDP it qualifies, as in the CSV's columns.
        if (key === "core_nc_m") row.gdp_source = p.gdpSource[k] as string;
        (row[key] as number) = publishedValue(p.columns[column][k] as number, decimals);
      }
      rows.push(row);
    }
  }
  return rows;
}

/** One row per ally: where it starts, what it must add each year, where it stands at the review, what it costs. */
export interface PathwaySummaryRow {
  ally: string;
  name: string;
  base_year: number;
  base_estimate: string;
  base_core_share_pct: number;
  target_core_pct: number;
  target_year: number;
  shape: string;
  already_met: boolean;
  step_pp_per_year: number;
  core_share_at_review_pct: number | null;
  core_usd_current_m_at_target: number;
  cumulative_extra_usd_current_m: number;
  cumulative_extra_usd_const_m: number;
  target_note: string | null;
}

export function pathwaySummary(set: PathwaySet): PathwaySummaryRow[] {
  return set.allies.map((p) => ({
    ally: p.ally,
    name: p.name,
    base_year: p.baseYear,
    base_estimate: p.baseEstimate,
    base_core_share_pct: p.baseSharePct,
    target_core_pct: p.target.corePct,
    target_year: p.target.targetYear,
    shape: p.alreadyMet ? "hold (already met)" : p.target.shape,
    already_met: p.alreadyMet,
    step_pp_per_year: pct(p.linearStepPp),
    core_share_at_review_pct: p.reviewIndex >= 0 ? pct(p.columns.coreSharePct[p.reviewIndex] as number) : null,
    core_usd_current_m_at_target: millions(p.columns.coreUsdCurrentM[p.targetIndex] as number),
    cumulative_extra_usd_current_m: millions(p.columns.cumulativeExtraUsdCurrentM[p.targetIndex] as number),
    cumulative_extra_usd_const_m: millions(p.columns.cumulativeExtraUsdConstM[p.targetIndex] as number),
    target_note: p.target.coreTargetNote,
  }));
}

export interface AllianceRow {
  year: number;
  allies: number;
  core_usd_current_m: number;
  total_usd_current_m: number;
  core_usd_const_m: number;
  us_core_usd_current_m: number;
  europe_canada_core_usd_current_m: number;
  us_share_of_core_pct: number;
  core_share_of_alliance_gdp_pct: number;
  extra_over_freeze_usd_current_m: number;
}

export function allianceRows(set: PathwaySet): AllianceRow[] {
  const a = set.alliance;
  return Array.from(a.years, (year, j) => ({
    year,
    allies: a.alliesCounted[j] as number,
    core_usd_current_m: millions(a.coreUsdCurrentM[j] as number),
    total_usd_current_m: millions(a.totalUsdCurrentM[j] as number),
    core_usd_const_m: millions(a.coreUsdConstM[j] as number),
    us_core_usd_current_m: millions(a.usCoreUsdCurrentM[j] as number),
    europe_canada_core_usd_current_m: millions(a.europeCanadaCoreUsdCurrentM[j] as number),
    us_share_of_core_pct: pct(((a.usCoreUsdCurrentM[j] as number) / (a.coreUsdCurrentM[j] as number)) * 100),
    core_share_of_alliance_gdp_pct: pct(a.coreShareOfAllianceGdpPct[j] as number),
    extra_over_freeze_usd_current_m: millions(a.extraOverFreezeUsdCurrentM[j] as number),
  }));
}
