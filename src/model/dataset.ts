import type { Ally } from "./ally.ts";
import type { Guideline, TargetOverride } from "./guideline.ts";
import type { IndicatorId } from "./indicator.ts";
import type { Observation } from "./observation.ts";
import type { Source } from "./source.ts";
import type { Vintage } from "./vintage.ts";

export interface DatasetParts {
  allies: Ally[];
  sources: Source[];
  vintages: Vintage[];
  guidelines: Guideline[];
  targetOverrides: TargetOverride[];
  observations: Observation[];
}

/** The whole dataset, indexed for lookups by (vintage, entity, indicator, year). Immutable once built. */
export interface Dataset extends DatasetParts {
  get(vintageId: string, entity: string, indicator: IndicatorId, year: number): Observation | undefined;
  /** Observations of one series, sorted by year. */
  series(vintageId: string, entity: string, indicator: IndicatorId): readonly Observation[];
  /** Years that have any observation in the vintage, ascending. */
  years(vintageId: string): readonly number[];
  vintage(id: string): Vintage | undefined;
  ally(iso3: string): Ally | undefined;
  source(id: string): Source | undefined;
  /** NATO vintages, oldest first. */
  natoVintages(): readonly Vintage[];
  /** The newest official NATO vintage: the default for questions about "the latest figures". */
  latestNatoVintage(): Vintage;
}

const EMPTY: readonly Observation[] = [];

const seriesKey = (vintageId: string, entity: string, indicator: string) => `${vintageId}|${entity}|${indicator}`;

function groupBySeries(observations: readonly Observation[]): Observation[][] {
  const groups = new Map<string, Observation[]>();
  for (const o of observations) {
    const key = seriesKey(o.vintageId, o.entity, o.indicator);
    const list = groups.get(key);
    if (list) list.push(o);
    else groups.set(key, [o]);
  }
  return [...groups.values()];
}

function isSortedByYear(list: readonly Observation[]): boolean {
  for (let i = 1; i < list.length; i++) if ((list[i] as Observation).year < (list[i - 1] as Observation).year) return false;
  return true;
}

/**
 * Indexes the dataset. `series` (observations already grouped by vintage, entity and indicator)
 * is the fast path from the generated bundle; without it the observations are grouped here.
 */
export function createDataset(parts: DatasetParts, series: Observation[][] = groupBySeries(parts.observations)): Dataset {
  const bySeries = new Map<string, Observation[]>();
  const yearsByVintage = new Map<string, Set<number>>();
  for (const group of series) {
    const first = group[0];
    if (!first) continue;
    const key = seriesKey(first.vintageId, first.entity, first.indicator);
    const list = bySeries.get(key);
    const merged = list ? [...list, ...group] : group;
    if (list || !isSortedByYear(group)) merged.sort((a, b) => a.year - b.year);
    bySeries.set(key, merged);
    let ys = yearsByVintage.get(first.vintageId);
    if (!ys) {
      ys = new Set();
      yearsByVintage.set(first.vintageId, ys);
    }
    for (const o of group) ys.add(o.year);
  }
  const sortedYears = new Map([...yearsByVintage].map(([v, ys]) => [v, [...ys].sort((a, b) => a - b)]));
  const vintages = new Map(parts.vintages.map((v) => [v.id, v]));
  const allies = new Map(parts.allies.map((a) => [a.iso3, a]));
  const sources = new Map(parts.sources.map((s) => [s.id, s]));
  const nato = parts.vintages.filter((v) => v.series === "nato").sort((a, b) => a.published.localeCompare(b.published));
  const latest = [...nato].reverse().find((v) => v.status === "official");

  return {
    ...parts,
    get(vintageId, entity, indicator, year) {
      const list = bySeries.get(seriesKey(vintageId, entity, indicator));
      if (!list) return undefined;
      // Series are short (≤ 76 years): a scan beats building a second index.
      for (const o of list) if (o.year === year) return o;
      return undefined;
    },
    series: (vintageId, entity, indicator) => bySeries.get(seriesKey(vintageId, entity, indicator)) ?? EMPTY,
    years: (vintageId) => sortedYears.get(vintageId) ?? [],
    vintage: (id) => vintages.get(id),
    ally: (iso3) => allies.get(iso3),
    source: (id) => sources.get(id),
    natoVintages: () => nato,
    latestNatoVintage() {
      if (!latest) throw new Error("the dataset has no official NATO vintage");
      return latest;
    },
  };
}
