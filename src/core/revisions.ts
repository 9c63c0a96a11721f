import type { Dataset } from "../model/dataset.ts";
import type { IndicatorId } from "../model/indicator.ts";
import { findIndicator } from "../model/indicator.ts";
import type { EstimateFlag } from "../model/observation.ts";
import { publishedValue } from "./published-precision.ts";
import { flagColumn, type PublishedColumn, type PublishedTableSpec, publishRows } from "./published-table/spec.ts";

export interface Revision {
  ally: string;
  year: number;
  indicator: string;
  fromVintageId: string;
  toVintageId: string;
  fromValue: number;
  toValue: number;
  fromEstimate: EstimateFlag;
  toEstimate: EstimateFlag;
  /** Decimals both figures are compared at: the published precision of the less precise vintage. */
  comparedAtDecimals: number;
  /** Both values rounded to `comparedAtDecimals` differ: a revision, not rounding. */
  revised: boolean;
  /** to − from after rounding both to `comparedAtDecimals` (percentage points for shares); 0 when only rounding differs. */
  change: number;
  /** Relative change in percent, or null where the old value is 0. */
  changePct: number | null;
}

export interface RevisionQuery {
  fromVintageId: string;
  toVintageId: string;
  indicator: IndicatorId;
  ally?: string | undefined;
  year?: number | undefined;
}

export type RevisionResult =
  | {
      ok: true;
      /** Every figure both vintages publish, largest revision first; unrevised ones last. */
      revisions: Revision[];
      compared: number;
      revisedCount: number;
      fromDecimals: number;
      toDecimals: number;
    }
  | { ok: false; reason: string };

const MAX_DECIMALS = 10;

/** Decimals of a number as written (1.24 → 2, 4.120190989 → 9, 13296 → 0), capped at ten. */
function decimalsOf(v: number): number {
  for (let d = 0; d < MAX_DECIMALS; d++) if (Math.abs(publishedValue(v, d) - v) < 1e-12 * Math.max(1, Math.abs(v))) return d;
  return MAX_DECIMALS;
}

/**
 * The precision a vintage publishes an indicator at: the most decimals any of its figures carries.
 * NATO's July 2026 tables give shares to 2 decimals and money in whole millions; the June 2024
 * workbook kept full precision. Read from the figures themselves, so an imported release needs no flag.
 */
export function publishedDecimals(ds: Dataset, vintageId: string, indicator: IndicatorId): number {
  let d = 0;
  for (const ally of ds.allies) for (const o of ds.series(vintageId, ally.iso3, indicator)) d = Math.max(d, decimalsOf(o.value));
  return d;
}

/**
 * What changed for the same (ally, year, indicator) between two vintages. Both figures are compared
 * at the precision of the less precise vintage, so a figure the later release merely rounded is not a
 * revision. Constant-price series are refused (the releases use different base years), and
 * national-currency series skip allies whose currency changed between the releases (Bulgaria is in
 * euros in the 2026 edition).
 */
export function revisions(ds: Dataset, q: RevisionQuery): RevisionResult {
  const ind = findIndicator(q.indicator);
  const from = ds.vintage(q.fromVintageId);
  const to = ds.vintage(q.toVintageId);
  if (!ind || !from || !to) return { ok: false, reason: "unknown indicator or vintage" };
  if (!ind.comparableAcrossVintages && from.priceBaseYear !== to.priceBaseYear)
    return {
      ok: false,
      reason: `${ind.name} is in constant prices of ${from.priceBaseYear} and ${to.priceBaseYear}: not comparable between these vintages`,
    };
  const ncSeries = q.indicator.startsWith("defexp_nc_");
  const fromYear = Number(from.published.slice(0, 4));
  const toYear = Number(to.published.slice(0, 4));
  const fromDecimals = publishedDecimals(ds, q.fromVintageId, q.indicator);
  const toDecimals = publishedDecimals(ds, q.toVintageId, q.indicator);
  const d = Math.min(fromDecimals, toDecimals);
  const out: Revision[] = [];
  for (const ally of ds.allies) {
    if (q.ally && ally.iso3 !== q.ally) continue;
    if (ncSeries && ally.euroSince !== null && ally.euroSince > Math.min(fromYear, toYear) && ally.euroSince <= Math.max(fromYear, toYear))
      continue;
    for (const a of ds.series(q.fromVintageId, ally.iso3, q.indicator)) {
      if (q.year !== undefined && a.year !== q.year) continue;
      const b = ds.get(q.toVintageId, ally.iso3, q.indicator, a.year);
      if (!b) continue;
      const fromRounded = publishedValue(a.value, d);
      const change = publishedValue(publishedValue(b.value, d) - fromRounded, d);
      out.push({
        ally: ally.iso3,
        year: a.year,
        indicator: q.indicator,
        fromVintageId: q.fromVintageId,
        toVintageId: q.toVintageId,
        fromValue: a.value,
        toValue: b.value,
        fromEstimate: a.estimate,
        toEstimate: b.estimate,
        comparedAtDecimals: d,
        revised: change !== 0,
        change,
        changePct: fromRounded !== 0 ? (change / Math.abs(fromRounded)) * 100 : null,
      });
    }
  }
  out.sort((x, y) => Math.abs(y.change) - Math.abs(x.change) || x.ally.localeCompare(y.ally) || x.year - y.year);
  return { ok: true, revisions: out, compared: out.length, revisedCount: out.filter((r) => r.revised).length, fromDecimals, toDecimals };
}

/** The published revisions table, for the API, the CLI and the dashboard. */
/** A figure in two releases, each with its estimate flag: the columns every comparison of releases publishes. */
export const RELEASE_PAIR_COLUMNS: readonly PublishedColumn[] = [
  {
    key: "from_value",
    header: "From",
    type: "number",
    estimateKey: "from_estimate",
    description: "the earlier release's figure as published",
  },
  { key: "to_value", header: "To", type: "number", estimateKey: "to_estimate", description: "the later release's figure as published" },
  flagColumn("from_estimate", "from_value"),
  flagColumn("to_estimate", "to_value"),
];

export const REVISIONS_SPEC: PublishedTableSpec = {
  name: "revisions",
  description: "Figures a later release revised, compared at the precision of the less precise release, largest first",
  columns: [
    { key: "ally", header: "ISO3", type: "text", description: "ISO 3166 alpha-3 code" },
    { key: "name", header: "Ally", type: "text", description: "ally name" },
    { key: "year", header: "Year", type: "year", description: "calendar year" },
    { key: "indicator", header: "", type: "text", machineOnly: true, description: "indicator id" },
    { key: "from_vintage", header: "", type: "text", machineOnly: true, description: "earlier vintage" },
    { key: "to_vintage", header: "", type: "text", machineOnly: true, description: "later vintage" },
    ...RELEASE_PAIR_COLUMNS,
    {
      key: "compared_at_decimals",
      header: "",
      type: "integer",
      machineOnly: true,
      description: "decimals both figures are compared at (the less precise release's)",
    },
    { key: "revised", header: "", type: "boolean", machineOnly: true, description: "the figures differ at that precision" },
    {
      key: "change",
      header: "Change",
      type: "number",
      decimals: MAX_DECIMALS,
      description: "to − from at the compared precision (percentage points for shares)",
    },
    { key: "change_pct", header: "Change %", type: "number", unit: "%", decimals: 2, displayDecimals: 1, description: "relative change" },
  ],
};

export function revisionRows(ds: Dataset, revs: readonly Revision[]) {
  return publishRows(
    REVISIONS_SPEC,
    revs.map((r) => ({
      ally: r.ally,
      name: ds.ally(r.ally)?.name ?? r.ally,
      year: r.year,
      indicator: r.indicator,
      from_vintage: r.fromVintageId,
      to_vintage: r.toVintageId,
      from_value: r.fromValue,
      to_value: r.toValue,
      from_estimate: r.fromEstimate,
      to_estimate: r.toEstimate,
      compared_at_decimals: r.comparedAtDecimals,
      revised: r.revised,
      change: r.change,
      change_pct: r.changePct,
    })),
  );
}
