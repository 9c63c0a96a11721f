import type { AnnualPlan } from "../model/plan.ts";
import { publishedPct } from "./figure.ts";
import { ParameterError } from "./parameter-error.ts";
import { climbFraction, lerp } from "./path-shapes.ts";

/**
 * What a plan is judged against, all from the dataset's guidelines (`data/guidelines.csv`, Spain's
 * arrangement from `data/target-overrides.csv`): never literals here, so a changed commitment is a
 * data change. `planAssessmentTargets` in `plan-assessment-inputs.ts` reads them.
 */
export interface PlanAssessmentTargets {
  /** The ally's core share of GDP (percent): The Hague's 3.5, Spain's 2.1. */
  corePct: number;
  /** Core plus related (percent): The Hague's 5. */
  totalPct: number;
  /** The year the targets are due (The Hague: 2035). */
  year: number;
  /** The review point; back-loading is judged on the increase that comes after it (The Hague: 2029). */
  reviewYear: number;
}

export interface PlanAssessmentOptions {
  /** Core share of GDP (percent) by year from the latest NATO vintage. */
  actualCoreShareByYear: ReadonlyMap<number, number>;
  baseYear: number;
  baseSharePct: number;
  previousPlan?: AnnualPlan;
  /** GDP in million national currency, current prices; needed only for plans given in amounts. */
  gdpNcMByYear?: ReadonlyMap<number, number>;
  targets: PlanAssessmentTargets;
}

/** A plan year converted to shares; `null` when the plan is silent or a conversion is impossible. */
export interface PlanShareYear {
  year: number;
  corePct: number | null;
  relatedPct: number | null;
  totalPct: number | null;
}

/** Something the assessment could not compute, stated instead of invented. */
export interface AssessmentGap {
  year: number;
  plan: "this" | "previous";
  reason: string;
}

export interface PlanAssessment {
  targets: PlanAssessmentTargets;
  shares: PlanShareYear[];
  gaps: AssessmentGap[];
  /** True when the core share never falls from one planned year to the next. */
  incremental: boolean;
  /** Years whose core share is below the previous planned year's. */
  fallingYears: number[];
  /** Whether the core share reaches `coreTargetPct` in some year up to `targetYear`; null when gaps leave it unknown. */
  reachesCore35By2035: boolean | null;
  reachesTotal5By2035: boolean | null;
  /**
   * Plan core share minus the linear path of the pathway rule (`src/core/pathway.ts`): the straight
   * line from (baseYear, baseSharePct) to (targets.year, targets.corePct), or the base share held when
   * the ally is already at or above its target (a path never cuts); positive = ahead.
   */
  distanceFromLinearPathPp: { year: number; pathPct: number; distancePp: number }[];
  /** More than half of the increase from the base to the target year comes after the review year; null when unknown or no increase. */
  backLoaded: boolean | null;
  fractionOfIncreaseAfter2029: number | null;
  /** Plan minus NATO's actual core share, for years with both. */
  vsActuals: { year: number; planPct: number; actualPct: number; differencePp: number }[];
  /** This plan minus the previous one (negative = slipping), for years where both give a core share. */
  vsPrevious: { year: number; corePp: number; totalPp: number | null }[];
}

export function planShares(plan: AnnualPlan, gdpNcMByYear: ReadonlyMap<number, number> | undefined, which: AssessmentGap["plan"]) {
  const gaps: AssessmentGap[] = [];
  const shares = [...plan.years]
    .sort((a, b) => a.year - b.year)
    .map((y): PlanShareYear => {
      let corePct: number | null;
      let relatedPct: number | null;
      if (plan.unit === "share") {
        corePct = y.corePct ?? null;
        relatedPct = y.relatedPct ?? null;
      } else {
        const gdp = gdpNcMByYear?.get(y.year);
        if (gdp === undefined || !(gdp > 0)) {
          gaps.push({ year: y.year, plan: which, reason: `no GDP for year ${y.year}: amounts cannot be converted to shares` });
          corePct = null;
          relatedPct = null;
        } else {
          corePct = y.coreNcM === undefined ? null : (y.coreNcM / gdp) * 100;
          relatedPct = y.relatedNcM === undefined ? null : (y.relatedNcM / gdp) * 100;
        }
      }
      const totalPct = corePct !== null && relatedPct !== null ? corePct + relatedPct : null;
      return { year: y.year, corePct, relatedPct, totalPct };
    });
  return { shares, gaps };
}

/** True if some year up to `byYear` meets `target` on the published (2 dp) figure; null if gaps leave it open. */
function reaches(shares: PlanShareYear[], pick: (s: PlanShareYear) => number | null, target: number, byYear: number): boolean | null {
  const upTo = shares.filter((s) => s.year <= byYear);
  if (
    upTo.some((s) => {
      const v = pick(s);
      return v !== null && publishedPct(v) >= target;
    })
  )
    return true;
  if (upTo.length === 0 || upTo.some((s) => pick(s) === null)) return null;
  return false;
}

/**
 * The linear path a plan is measured against, by the pathway rule: an ally below its target climbs in
 * equal steps to it by the target year and holds it after; an ally already at or above it holds its
 * base share (the pathway never lowers a share to meet a target from above).
 */
export function linearPathPct(baseYear: number, baseSharePct: number, targets: Pick<PlanAssessmentTargets, "corePct" | "year">) {
  const alreadyMet = baseSharePct >= targets.corePct;
  return (year: number): number =>
    alreadyMet ? baseSharePct : lerp(baseSharePct, targets.corePct, climbFraction("linear", (year - baseYear) / (targets.year - baseYear)));
}

export function assessPlan(plan: AnnualPlan, options: PlanAssessmentOptions): PlanAssessment {
  const { corePct: coreTarget, totalPct: totalTarget, year: targetYear, reviewYear } = options.targets;
  const { baseYear, baseSharePct } = options;
  if (!Number.isInteger(baseYear) || baseYear >= targetYear)
    throw new ParameterError("baseYear", `must be a whole year before the target year ${targetYear} (got ${baseYear})`);
  if (!Number.isFinite(baseSharePct) || baseSharePct < 0) throw new ParameterError("baseSharePct", "must be a share of GDP ≥ 0");

  const { shares, gaps } = planShares(plan, options.gdpNcMByYear, "this");
  const coreOf = new Map(shares.map((s) => [s.year, s.corePct]));

  // A year left unknown by a gap is skipped: the next known year is compared with the last known one.
  const fallingYears: number[] = [];
  let lastKnown: number | null = null;
  for (const s of shares) {
    if (s.corePct === null) continue;
    if (lastKnown !== null && s.corePct < lastKnown) fallingYears.push(s.year);
    lastKnown = s.corePct;
  }

  const pathPct = linearPathPct(baseYear, baseSharePct, options.targets);
  const distanceFromLinearPathPp = shares.flatMap((s) =>
    s.corePct === null || s.year < baseYear ? [] : [{ year: s.year, pathPct: pathPct(s.year), distancePp: s.corePct - pathPct(s.year) }],
  );

  // Share of the increase base → target year that happens after the review year.
  const atTarget = coreOf.get(targetYear) ?? null;
  const atPivot = reviewYear <= baseYear ? baseSharePct : (coreOf.get(reviewYear) ?? null);
  let fractionOfIncreaseAfter2029: number | null = null;
  if (atTarget !== null && atPivot !== null && atTarget > baseSharePct)
    fractionOfIncreaseAfter2029 = (atTarget - atPivot) / (atTarget - baseSharePct);
  for (const [year, value] of [
    [targetYear, atTarget],
    [reviewYear, atPivot],
  ] as const)
    if (value === null && !gaps.some((g) => g.year === year))
      gaps.push({ year, plan: "this", reason: `no core share planned for ${year}: back-loading cannot be judged` });

  const vsActuals = shares.flatMap((s) => {
    const actual = options.actualCoreShareByYear.get(s.year);
    return actual === undefined || s.corePct === null
      ? []
      : [{ year: s.year, planPct: s.corePct, actualPct: actual, differencePp: s.corePct - actual }];
  });

  const vsPrevious: PlanAssessment["vsPrevious"] = [];
  if (options.previousPlan) {
    const previous = planShares(options.previousPlan, options.gdpNcMByYear, "previous");
    gaps.push(...previous.gaps);
    const before = new Map(previous.shares.map((s) => [s.year, s]));
    for (const s of shares) {
      const p = before.get(s.year);
      if (!p || s.corePct === null || p.corePct === null) continue;
      vsPrevious.push({
        year: s.year,
        corePp: s.corePct - p.corePct,
        totalPp: s.totalPct !== null && p.totalPct !== null ? s.totalPct - p.totalPct : null,
      });
    }
  }

  return {
    targets: options.targets,
    shares,
    gaps: gaps.sort((a, b) => a.year - b.year || a.plan.localeCompare(b.plan)),
    incremental: fallingYears.length === 0,
    fallingYears,
    reachesCore35By2035: reaches(shares, (s) => s.corePct, coreTarget, targetYear),
    reachesTotal5By2035: reaches(shares, (s) => s.totalPct, totalTarget, targetYear),
    distanceFromLinearPathPp,
    backLoaded: fractionOfIncreaseAfter2029 === null ? null : fractionOfIncreaseAfter2029 > 0.5,
    fractionOfIncreaseAfter2029,
    vsActuals,
    vsPrevious,
  };
}
