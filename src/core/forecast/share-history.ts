import type { Dataset } from "../../model/dataset.ts";

/** One entity's share of GDP (percent) by year, as the source gives it; years without a figure are absent. */
export interface ShareSeries {
  entity: string;
  /** Year → share of GDP in percent (> 0). */
  byYear: ReadonlyMap<number, number>;
}

/** SIPRI's military expenditure as a share of GDP for each entity that has one, years up to `lastYear`. */
export function sipriShares(
  ds: Dataset,
  sipriVintageId: string,
  entities: readonly string[],
  lastYear = Number.POSITIVE_INFINITY,
): ShareSeries[] {
  return entities.flatMap((entity) => {
    const byYear = new Map<number, number>();
    for (const o of ds.series(sipriVintageId, entity, "milex_share_gdp_pct"))
      if (o.year <= lastYear && o.value > 0) byYear.set(o.year, o.value);
    return byYear.size ? [{ entity, byYear }] : [];
  });
}

/** NATO's share of GDP for an ally in one release, up to `lastYear` (estimates included: they are the release's figures). */
export function natoShares(ds: Dataset, natoVintageId: string, ally: string, lastYear = Number.POSITIVE_INFINITY): ShareSeries {
  const byYear = new Map<number, number>();
  for (const o of ds.series(natoVintageId, ally, "defexp_share_gdp_pct"))
    if (o.year <= lastYear && o.value > 0) byYear.set(o.year, o.value);
  return { entity: ally, byYear };
}

/**
 * Mean yearly change of the log share over the `window` years up to `year` (both ends present), or
 * null when either end is missing. With the ends only, a gap inside the window does not matter.
 */
export function recentTrend(s: ShareSeries, year: number, window: number): number | null {
  const end = s.byYear.get(year);
  const start = s.byYear.get(year - window);
  if (end === undefined || start === undefined) return null;
  return (Math.log(end) - Math.log(start)) / window;
}
