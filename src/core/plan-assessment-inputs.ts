import type { Dataset } from "../model/dataset.ts";
import type { AnnualPlan } from "../model/plan.ts";
import { targetFor } from "./guideline-targets.ts";
import { ParameterError } from "./parameter-error.ts";
import type { PathwayContext } from "./pathway-context.ts";
import type { PlanAssessmentOptions, PlanAssessmentTargets } from "./plan-assessment.ts";

/**
 * What a plan is judged against, all from data: NATO's actual shares in the latest vintage, the
 * pathway base year, nominal GDP (NATO's base year, then the IMF path) for plans given in money, and
 * the ally's own targets (Spain's arrangement replaces 3.5 %).
 */
export function planAssessmentOptions(
  ds: Dataset,
  ctx: PathwayContext,
  plan: AnnualPlan,
  previousPlan: AnnualPlan | undefined,
): PlanAssessmentOptions {
  const economy = ctx.economies.find((e) => e.ally === plan.ally);
  if (!economy) {
    const why = ctx.excluded.find((x) => x.ally === plan.ally)?.reason ?? "no base year in the vintage";
    throw new ParameterError("ally", `${plan.ally} cannot be assessed against vintage ${ctx.vintageId}: ${why}`);
  }
  const actualCoreShareByYear = new Map<number, number>();
  for (const o of ds.series(ctx.vintageId, plan.ally, "defexp_share_gdp_pct")) actualCoreShareByYear.set(o.year, o.value);
  const gdpNcMByYear = new Map<number, number>();
  economy.years.forEach((year, i) => {
    gdpNcMByYear.set(year, economy.gdpNcM[i] as number);
  });
  return {
    actualCoreShareByYear,
    baseYear: economy.baseYear,
    baseSharePct: economy.baseSharePct,
    gdpNcMByYear,
    targets: planAssessmentTargets(ds, plan.ally),
    ...(previousPlan ? { previousPlan } : {}),
  };
}

/**
 * The Hague targets for one ally from `data/guidelines.csv` (core and total thresholds, target year,
 * review year) and `data/target-overrides.csv` (Spain's core arrangement).
 */
export function planAssessmentTargets(ds: Dataset, ally: string): PlanAssessmentTargets {
  const core = targetFor(ds, "hague_core", ally);
  const total = targetFor(ds, "hague_total", ally);
  const reviewYear = core.guideline.reviewYear;
  if (reviewYear === null) throw new Error('data/guidelines.csv gives no review_year for "hague_core"');
  if (total.guideline.targetYear !== core.guideline.targetYear)
    throw new Error('data/guidelines.csv: "hague_core" and "hague_total" must share one target_year');
  return { corePct: core.thresholdPct, totalPct: total.thresholdPct, year: core.guideline.targetYear, reviewYear };
}
