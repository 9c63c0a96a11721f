import type { Ally } from "./ally.ts";
import type { Guideline, TargetOverride } from "./guideline.ts";
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
  get(vintageId: string, entity: string, indicator: string, year: number): Observation | undefined;
  /** Observations of one series, sorted by year. */
  series(vintageId: string, entity: string, indicator: string): readonly Observation[];
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

export function createDataset(parts: DatasetParts): Dataset {
  const bySeries = new Map<string, Observation[]>();
  const yearsByVintage = new Map<string, Set<number>>();
  for (const o of parts.observations) {
    const key = seriesKey(o.vintageId, o.entity, o.indicator);
    let list = bySeries.get(key);
    if (!list) {
      list = [];
      bySeries.set(key, list);
    }
    list.push(o);
    let ys = yearsByVintage.get(o.vintageId);
    if (!ys) {
      ys = new Set();
      yearsByVintage.set(o.vintageId, ys);
    }
    ys.add(o.year);
  }
  for (const list of bySeries.values()) list.sort((a, b) => a.year - b.year);
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
