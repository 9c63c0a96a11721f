import type { Dataset } from "../model/dataset.ts";
import type { PathwayRequest } from "../model/pathway.ts";
import { completeTarget, hagueFigures } from "./hague-figures.ts";
import { ParameterError } from "./parameter-error.ts";
import { type AllyPathway, computePathways, type PathwayColumn, type PathwaySet } from "./pathway.ts";
import { type ContextOptions, type PathwayContext, preparePathwayContext } from "./pathway-context.ts";
import { PATHWAY_ALLIANCE_SPEC, PATHWAY_SERIES_COLUMNS, PATHWAY_SUMMARY_SPEC } from "./pathway-tables.ts";
import { publishedValue } from "./published-precision.ts";
import { type PublishedRow, publishRows } from "./published-table/spec.ts";

export { PATHWAY_SERIES_COLUMNS } from "./pathway-tables.ts";

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
  const hague = hagueFigures(ds);
  const target = completeTarget(ds, req.target, hague);
  const horizon = Math.max(hague.targetYear, target.targetYear);
  const ctx = prepare(ds, { vintageId, imfVintageId, horizon, economy: req.economy });
  return computePathways(ds, ctx, target, { allies: req.allies });
}

/** Each ally's path as parallel arrays (one per series column): the compact JSON form, same numbers as the rows. */
export interface PathwaySeries {
  ally: string;
  name: string;
  years: number[];
  review_index: number;
  target_index: number;
  gdp_source: string[];
  rate_source: string[];
  columns: Record<string, number[]>;
}

export function pathwaySeries(set: PathwaySet): PathwaySeries[] {
  return set.allies.map((p) => ({
    ally: p.ally,
    name: p.name,
    years: Array.from(p.years),
    review_index: p.reviewIndex,
    target_index: p.targetIndex,
    gdp_source: [...p.gdpSource],
    rate_source: [...p.rateSource],
    columns: Object.fromEntries(
      PATHWAY_SERIES_COLUMNS.map((c) => [c.key, Array.from(p.columns[c.from], (v) => publishedValue(v, c.decimals))]),
    ),
  }));
}

/** One row per ally and year: the long, tidy form that CSV, JSON and spreadsheets take (columns: PATHWAY_ROWS_SPEC). */
export interface PathwayRow {
  ally: string;
  year: number;
  review_year: boolean;
  target_year: boolean;
  gdp_source: string;
  rate_source: string;
  core_share_pct: number;
  related_share_pct: number;
  total_share_pct: number;
  gdp_nc_m: number;
  nc_per_usd: number;
  core_nc_m: number;
  related_nc_m: number;
  total_nc_m: number;
  core_usd_current_m: number;
  related_usd_current_m: number;
  total_usd_current_m: number;
  core_usd_const_m: number;
  core_extra_usd_current_m: number;
  related_extra_usd_current_m: number;
  cumulative_core_extra_nc_m: number;
  cumulative_core_extra_usd_current_m: number;
  cumulative_related_extra_usd_current_m: number;
  cumulative_core_extra_usd_const_m: number;
  cumulative_related_extra_usd_const_m: number;
}

export function pathwayRows(set: PathwaySet): PathwayRow[] {
  const rows: PathwayRow[] = [];
  for (const p of set.allies) {
    for (let k = 0; k < p.years.length; k++) {
      const year = p.years[k] as number;
      const row: PublishedRow = {
        ally: p.ally,
        year,
        review_year: year === set.reviewYear,
        target_year: k === p.targetIndex,
        gdp_source: p.gdpSource[k] as string,
        rate_source: p.rateSource[k] as string,
      };
      for (const c of PATHWAY_SERIES_COLUMNS) row[c.key] = publishedValue(p.columns[c.from][k] as number, c.decimals);
      rows.push(row as unknown as PathwayRow);
    }
  }
  return rows;
}

/** One row per ally: where it starts, what it must add each year, where it stands at the review, what it costs (PATHWAY_SUMMARY_SPEC). */
export interface PathwaySummaryRow {
  ally: string;
  name: string;
  base_year: number;
  base_estimate: string;
  base_core_share_pct: number;
  published_base_share_pct: number;
  base_gdp_basis: "nato" | "implied";
  base_share_identity_fails: boolean;
  target_core_pct: number;
  target_year: number;
  shape: string;
  already_met: boolean;
  step_pp_per_year: number;
  core_share_at_review_pct: number | null;
  core_usd_current_m_at_target: number;
  nc_per_usd_at_target: number;
  cumulative_core_extra_usd_current_m: number;
  cumulative_related_extra_usd_current_m: number;
  cumulative_core_extra_usd_const_m: number;
  cumulative_related_extra_usd_const_m: number;
  target_note: string | null;
}

export function pathwaySummary(set: PathwaySet): PathwaySummaryRow[] {
  return publishRows<PathwaySummaryRow>(PATHWAY_SUMMARY_SPEC, pathwaySummaryRecords(set));
}

/** The summary's records before publishing (full precision): what a writer publishes through PATHWAY_SUMMARY_SPEC. */
export function pathwaySummaryRecords(set: PathwaySet): object[] {
  const at = (p: AllyPathway, column: PathwayColumn) => p.columns[column][p.targetIndex] as number;
  return set.allies.map((p) => ({
    ally: p.ally,
    name: p.name,
    base_year: p.baseYear,
    base_estimate: p.baseEstimate,
    base_core_share_pct: p.baseSharePct,
    published_base_share_pct: p.baseGdp.publishedSharePct,
    base_gdp_basis: p.baseGdp.gdpBasis,
    base_share_identity_fails: p.baseGdp.identityFails,
    target_core_pct: p.target.corePct,
    target_year: p.target.targetYear,
    shape: p.alreadyMet ? "hold (already met)" : p.target.shape,
    already_met: p.alreadyMet,
    step_pp_per_year: p.linearStepPp,
    core_share_at_review_pct: p.reviewIndex >= 0 ? (p.columns.coreSharePct[p.reviewIndex] as number) : null,
    core_usd_current_m_at_target: at(p, "coreUsdCurrentM"),
    nc_per_usd_at_target: at(p, "ncPerUsd"),
    cumulative_core_extra_usd_current_m: at(p, "cumulativeCoreExtraUsdCurrentM"),
    cumulative_related_extra_usd_current_m: at(p, "cumulativeRelatedExtraUsdCurrentM"),
    cumulative_core_extra_usd_const_m: at(p, "cumulativeCoreExtraUsdConstM"),
    cumulative_related_extra_usd_const_m: at(p, "cumulativeRelatedExtraUsdConstM"),
    target_note: p.target.coreTargetNote,
  }));
}

/** Alliance sums per year (PATHWAY_ALLIANCE_SPEC). */
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
  core_extra_usd_current_m: number;
  related_extra_usd_current_m: number;
}

export function allianceRows(set: PathwaySet): AllianceRow[] {
  return publishRows<AllianceRow>(PATHWAY_ALLIANCE_SPEC, allianceRecords(set));
}

/** The alliance sums before publishing (full precision): what a writer publishes through PATHWAY_ALLIANCE_SPEC. */
export function allianceRecords(set: PathwaySet): object[] {
  const a = set.alliance;
  return Array.from(a.years, (year, j) => ({
    year,
    allies: a.alliesCounted[j] as number,
    core_usd_current_m: a.coreUsdCurrentM[j],
    total_usd_current_m: a.totalUsdCurrentM[j],
    core_usd_const_m: a.coreUsdConstM[j],
    us_core_usd_current_m: a.usCoreUsdCurrentM[j],
    europe_canada_core_usd_current_m: a.europeCanadaCoreUsdCurrentM[j],
    us_share_of_core_pct: ((a.usCoreUsdCurrentM[j] as number) / (a.coreUsdCurrentM[j] as number)) * 100,
    core_share_of_alliance_gdp_pct: a.coreShareOfAllianceGdpPct[j],
    core_extra_usd_current_m: a.coreExtraUsdCurrentM[j],
    related_extra_usd_current_m: a.relatedExtraUsdCurrentM[j],
  }));
}
