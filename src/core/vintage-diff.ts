/**
 * What a release changed against an earlier one of the same series: figures revised beyond the
 * published precision (built on `revisions`, so at the less precise release's decimals), with size and
 * direction, largest relative change first; years the new release adds; series it no longer carries;
 * allies whose figure crossed a guideline's threshold.
 */
import type { Dataset } from "../model/dataset.ts";
import type { GuidelineId } from "../model/guideline.ts";
import { type IndicatorId, isIndicatorId } from "../model/indicator.ts";
import { targetFor } from "./guideline-targets.ts";
import type { PublishedTableSpec } from "./published-table/spec.ts";
import { RELEASE_PAIR_COLUMNS, revisions } from "./revisions.ts";

export type ChangeKind = "revised" | "new_year" | "dropped_series" | "crossed_guideline";

export interface VintageChange {
  kind: ChangeKind;
  ally: string;
  indicator: string;
  year: number | null;
  fromValue: number | null;
  toValue: number | null;
  fromEstimate: string | null;
  toEstimate: string | null;
  /** to − from at the compared precision (revised, crossed); null otherwise. */
  change: number | null;
  changePct: number | null;
  direction: "up" | "down" | null;
  /** The guideline crossed (crossed_guideline only). */
  guideline: GuidelineId | null;
}

export interface VintageDiff {
  from: string;
  to: string;
  changes: VintageChange[];
  counts: Record<ChangeKind, number>;
  /** Indicators not compared and why (constant prices in different base years). */
  notCompared: { indicator: string; reason: string }[];
}

export interface VintageDiffQuery {
  from: string;
  to: string;
  ally?: string | undefined;
  indicator?: string | undefined;
}

/** Which guideline is read on which indicator: a figure crossing its threshold between releases is news. */
const GUIDELINE_INDICATORS: readonly { guideline: GuidelineId; indicator: IndicatorId }[] = [
  { guideline: "gdp2", indicator: "defexp_share_gdp_pct" },
  { guideline: "hague_core", indicator: "defexp_share_gdp_pct" },
  { guideline: "equipment20", indicator: "equipment_share_pct" },
];

const direction = (change: number): "up" | "down" | null => (change > 0 ? "up" : change < 0 ? "down" : null);

export function vintageDiff(ds: Dataset, q: VintageDiffQuery): VintageDiff {
  const entities = new Set<string>();
  const indicators = new Set<string>();
  const bySeries = (vintage: string) => {
    const m = new Map<string, Map<number, { value: number; estimate: string }>>();
    for (const o of ds.observations) {
      if (o.vintageId !== vintage || (q.ally && o.entity !== q.ally) || (q.indicator && o.indicator !== q.indicator)) continue;
      const key = `${o.entity}|${o.indicator}`;
      const s = m.get(key) ?? new Map<number, { value: number; estimate: string }>();
      m.set(key, s);
      s.set(o.year, { value: o.value, estimate: o.estimate });
      entities.add(o.entity);
      indicators.add(o.indicator);
    }
    return m;
  };
  const before = bySeries(q.from);
  const after = bySeries(q.to);
  const changes: VintageChange[] = [];
  const notCompared: VintageDiff["notCompared"] = [];
  const blank = { fromEstimate: null, toEstimate: null, change: null, changePct: null, direction: null, guideline: null };

  for (const indicator of [...indicators].sort()) {
    if (!isIndicatorId(indicator)) continue;
    const r = revisions(ds, { fromVintageId: q.from, toVintageId: q.to, indicator, ally: q.ally });
    if (!r.ok) {
      notCompared.push({ indicator, reason: r.reason });
      continue;
    }
    // A revision, as the change it is: the figures, both releases' flags and the size of the change.
    const compared = (v: (typeof r.revisions)[number]) => ({
      ally: v.ally,
      indicator,
      year: v.year,
      fromValue: v.fromValue,
      toValue: v.toValue,
      fromEstimate: v.fromEstimate,
      toEstimate: v.toEstimate,
      change: v.change,
      changePct: v.changePct,
    });
    for (const v of r.revisions)
      if (v.revised) changes.push({ kind: "revised", ...compared(v), direction: direction(v.change), guideline: null });
    for (const g of GUIDELINE_INDICATORS) {
      if (g.indicator !== indicator || !ds.guidelines.some((x) => x.id === g.guideline)) continue;
      for (const v of r.revisions) {
        const t = targetFor(ds, g.guideline, v.ally).thresholdPct;
        const wasAt = v.fromValue >= t;
        if (wasAt === v.toValue >= t) continue;
        changes.push({ kind: "crossed_guideline", ...compared(v), direction: wasAt ? "down" : "up", guideline: g.guideline });
      }
    }
  }
  for (const [key, years] of after) {
    const [ally, indicator] = key.split("|") as [string, string];
    const old = before.get(key);
    for (const [year, o] of years)
      if (!old?.has(year))
        changes.push({ ...blank, kind: "new_year", ally, indicator, year, fromValue: null, toValue: o.value, toEstimate: o.estimate });
  }
  for (const key of before.keys())
    if (!after.has(key)) {
      const [ally, indicator] = key.split("|") as [string, string];
      changes.push({ ...blank, kind: "dropped_series", ally, indicator, year: null, fromValue: null, toValue: null });
    }
  const order: ChangeKind[] = ["crossed_guideline", "revised", "new_year", "dropped_series"];
  changes.sort(
    (a, b) =>
      order.indexOf(a.kind) - order.indexOf(b.kind) ||
      Math.abs(b.changePct ?? 0) - Math.abs(a.changePct ?? 0) ||
      a.ally.localeCompare(b.ally) ||
      a.indicator.localeCompare(b.indicator) ||
      (a.year ?? 0) - (b.year ?? 0),
  );
  const counts = { revised: 0, new_year: 0, dropped_series: 0, crossed_guideline: 0 };
  for (const c of changes) counts[c.kind]++;
  return { from: q.from, to: q.to, changes, counts, notCompared };
}

/** The published "what changed" table, for the API, the CLI and the dashboard. */
export const VINTAGE_DIFF_SPEC: PublishedTableSpec = {
  name: "vintage-diff",
  description:
    "What a release changed against an earlier one: guideline crossings, revisions beyond the published precision (largest relative change first), new years, dropped series",
  columns: [
    {
      key: "kind",
      header: "Change",
      type: "text",
      values: ["crossed_guideline", "revised", "new_year", "dropped_series"],
      description: "what changed",
    },
    { key: "ally", header: "ISO3", type: "text", description: "ISO 3166 alpha-3 code, or an aggregate" },
    { key: "indicator", header: "Indicator", type: "text", description: "indicator id" },
    { key: "year", header: "Year", type: "year", description: "calendar year (none for a dropped series)" },
    ...RELEASE_PAIR_COLUMNS,
    { key: "change", header: "Change", type: "number", description: "to − from at the less precise release's decimals" },
    { key: "change_pct", header: "Change %", type: "number", decimals: 2, description: "relative change in percent of the earlier figure" },
    {
      key: "direction",
      header: "Direction",
      type: "text",
      values: ["up", "down"],
      description: "up or down (for a crossing: now at or above, or now below)",
    },
    { key: "guideline", header: "Guideline", type: "text", description: "the guideline whose threshold the figure crossed" },
  ],
};

export function vintageDiffRows(d: VintageDiff): Record<string, string | number | null>[] {
  return d.changes.map((c) => ({
    kind: c.kind,
    ally: c.ally,
    indicator: c.indicator,
    year: c.year,
    from_value: c.fromValue,
    to_value: c.toValue,
    from_estimate: c.fromEstimate,
    to_estimate: c.toEstimate,
    change: c.change,
    change_pct: c.changePct,
    direction: c.direction,
    guideline: c.guideline,
  }));
}
