import type { Dataset } from "../model/dataset.ts";
import { findIndicator } from "../model/indicator.ts";
import type { EstimateFlag } from "../model/observation.ts";

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
  /** toValue − fromValue, in the indicator's unit (percentage points for shares). */
  change: number;
  /** Relative change in percent, or null where the old value is 0. */
  changePct: number | null;
}

export interface RevisionQuery {
  fromVintageId: string;
  toVintageId: string;
  indicator: string;
  ally?: string;
  year?: number;
}

export type RevisionResult = { ok: true; revisions: Revision[] } | { ok: false; reason: string };

/**
 * What changed for the same (ally, year, indicator) between two vintages. Constant-price series are
 * refused (the releases use different base years), and national-currency series skip allies whose
 * currency changed between the releases (Bulgaria is in euros in the 2026 edition).
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
  const out: Revision[] = [];
  for (const ally of ds.allies) {
    if (q.ally && ally.iso3 !== q.ally) continue;
    if (ncSeries && ally.euroSince !== null && ally.euroSince > Math.min(fromYear, toYear) && ally.euroSince <= Math.max(fromYear, toYear))
      continue;
    for (const a of ds.series(q.fromVintageId, ally.iso3, q.indicator)) {
      if (q.year !== undefined && a.year !== q.year) continue;
      const b = ds.get(q.toVintageId, ally.iso3, q.indicator, a.year);
      if (!b) continue;
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
        change: b.value - a.value,
        changePct: a.value !== 0 ? ((b.value - a.value) / Math.abs(a.value)) * 100 : null,
      });
    }
  }
  return { ok: true, revisions: out };
}
