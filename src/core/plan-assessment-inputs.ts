import type { Dataset } from "../model/dataset.ts";
import type { AnnualPlan } from "../model/plan.ts";
import type { PlanClaim } from "../model/plan-claim.ts";
import { targetFor } from "./guideline-targets.ts";
import { ParameterError } from "./parameter-error.ts";
import type { PathwayContext } from "./pathway-context.ts";
import { assessPlan, type PlanAssessmentOptions, type PlanAssessmentTargets } from "./plan-assessment.ts";
import { type GdpNcBn, planCredibility, restateAmounts } from "./plan-credibility.ts";

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

/**
 * GDP for restating planned amounts, billion national currency: the IMF's nominal GDP as published,
 * and NATO's (the pathway's GDP: NATO's base year grown at the IMF's rates; before the base year,
 * NATO's spending ÷ NATO's share).
 */
export function restatementGdp(ds: Dataset, ctx: PathwayContext): { imf: GdpNcBn; nato: GdpNcBn } {
  return {
    imf: (ally, year) => ds.get(ctx.imfVintageId, ally, "gdp_nc_current_bn", year)?.value ?? null,
    nato: (ally, year) => {
      const e = ctx.economies.find((x) => x.ally === ally);
      if (e && year >= e.baseYear) {
        const v = e.gdpNcM[year - e.baseYear];
        return v === undefined ? null : v / 1000;
      }
      const spending = ds.get(ctx.vintageId, ally, "defexp_nc_current", year)?.value;
      const share = ds.get(ctx.vintageId, ally, "defexp_share_gdp_pct", year)?.value;
      return spending === undefined || !share ? null : ((spending / share) * 100) / 1000;
    },
  };
}

/** A plan's assessment, the restatement of the amounts behind it, and its credibility with reasons. */
export function planCredibilityReport(
  ds: Dataset,
  ctx: PathwayContext,
  plan: AnnualPlan,
  previousPlan: AnnualPlan | undefined,
  claims: readonly PlanClaim[],
) {
  const assessment = assessPlan(plan, planAssessmentOptions(ds, ctx, plan, previousPlan));
  const gdp = restatementGdp(ds, ctx);
  const restatements = restateAmounts(claims, gdp.imf, gdp.nato);
  return { assessment, restatements, credibility: planCredibility(assessment, claims, restatements) };
}
