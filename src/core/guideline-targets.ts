import type { Dataset } from "../model/dataset.ts";
import type { Guideline, GuidelineId } from "../model/guideline.ts";

export interface AllyTarget {
  guideline: Guideline;
  thresholdPct: number;
  /** Set where an ally's own arrangement replaces the common threshold (Spain at The Hague). */
  overrideSourceId: string | null;
  overrideNote: string | null;
}

export function guideline(ds: Dataset, id: GuidelineId): Guideline {
  const g = ds.guidelines.find((x) => x.id === id);
  if (!g) throw new Error(`the dataset has no guideline "${id}"`);
  return g;
}

export function targetFor(ds: Dataset, id: GuidelineId, ally: string): AllyTarget {
  const g = guideline(ds, id);
  const o = ds.targetOverrides.find((t) => t.guidelineId === id && t.ally === ally);
  return {
    guideline: g,
    thresholdPct: o?.thresholdPct ?? g.thresholdPct,
    overrideSourceId: o?.sourceId ?? null,
    overrideNote: o?.note ?? null,
  };
}
