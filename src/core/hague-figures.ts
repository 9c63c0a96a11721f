import type { Dataset } from "../model/dataset.ts";
import type { Guideline } from "../model/guideline.ts";
import type { PathwayTarget } from "../model/pathway.ts";
import { guideline } from "./guideline-targets.ts";

/**
 * The Hague commitment's figures, read from data/guidelines.csv: the core target (3.5 % of GDP), the
 * total (5 %), so the related part (total − core: 1.5 %), the target year (2035). Every default of a
 * pathway, a scenario and the dashboard's planner comes from here, never from a literal.
 */
export interface HagueFigures {
  corePct: number;
  totalPct: number;
  relatedPct: number;
  targetYear: number;
  fromYear: number;
  reviewYear: number;
}

function reviewYearOf(g: Guideline): number {
  if (g.reviewYear === null) throw new Error('data/guidelines.csv gives no review_year for "hague_core"');
  return g.reviewYear;
}

export function hagueFigures(ds: Dataset): HagueFigures {
  const core = guideline(ds, "hague_core");
  const total = guideline(ds, "hague_total");
  return {
    corePct: core.thresholdPct,
    totalPct: total.thresholdPct,
    // Subtracted in hundredths so that 5 − 3.5 is 1.5 exactly, as the declaration writes it.
    relatedPct: Math.round((total.thresholdPct - core.thresholdPct) * 100) / 100,
    targetYear: core.targetYear,
    fromYear: core.fromYear,
    reviewYear: reviewYearOf(core),
  };
}

/** A target with the Hague's related share and year where the caller gave none, and the review year marked on every path. */
export type CompleteTarget = PathwayTarget & { relatedPct: number; targetYear: number; reviewYear: number };

export function completeTarget(ds: Dataset, t: PathwayTarget, h: HagueFigures = hagueFigures(ds)): CompleteTarget {
  return { ...t, relatedPct: t.relatedPct ?? h.relatedPct, targetYear: t.targetYear ?? h.targetYear, reviewYear: h.reviewYear };
}
