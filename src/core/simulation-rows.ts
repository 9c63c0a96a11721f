import type { PathwaySet } from "./pathway.ts";
import type { SimulationResult } from "./simulation.ts";

export type SimulationYearRow = Record<string, number | string>;

/** One row per ally and year: `core_share_p5` … and `core_usd_current_m_p5` … for each percentile level. */
export function simulationYearRows(result: SimulationResult, levels: readonly number[]): SimulationYearRow[] {
  const n = levels.length;
  return result.allies.flatMap((a) =>
    Array.from(a.years, (year, k) => {
      const row: SimulationYearRow = { ally: a.ally, year };
      levels.forEach((p, i) => {
        row[`core_share_p${p}`] = a.coreSharePct[k * n + i] as number;
      });
      levels.forEach((p, i) => {
        row[`core_usd_current_m_p${p}`] = a.coreUsdCurrentM[k * n + i] as number;
      });
      return row;
    }),
  );
}

export type SimulationSummaryRow = {
  ally: string;
  name: string;
  target_pct: number;
  target_year: number;
  p_target_in_target_year: number;
  p_target_in_review_year: number | null;
  p_on_path_at_review: number | null;
  share_p5_at_target: number | null;
  share_p50_at_target: number | null;
  share_p95_at_target: number | null;
  gdp_sigma_pct: number;
  execution_sigma_pct: number;
};

/** One row per ally: the probabilities and the spread of the share in the target year (levels must include 5, 50, 95 for those columns). */
export function simulationSummary(result: SimulationResult, set: PathwaySet, levels: readonly number[]): SimulationSummaryRow[] {
  const n = levels.length;
  const at = (a: SimulationResult["allies"][number], k: number, level: number) => {
    const i = levels.indexOf(level);
    return i < 0 ? null : (a.coreSharePct[k * n + i] as number);
  };
  return result.allies.map((a) => {
    const p = set.allies.find((x) => x.ally === a.ally);
    const k = p?.targetIndex ?? 0;
    return {
      ally: a.ally,
      name: p?.name ?? a.ally,
      target_pct: a.targetPct,
      target_year: a.targetYear,
      p_target_in_target_year: a.pTargetInTargetYear,
      p_target_in_review_year: a.pTargetInReviewYear,
      p_on_path_at_review: a.pOnPathAtReview,
      share_p5_at_target: at(a, k, 5),
      share_p50_at_target: at(a, k, 50),
      share_p95_at_target: at(a, k, 95),
      gdp_sigma_pct: a.volatility.gdpSigma * 100,
      execution_sigma_pct: a.volatility.executionSigma * 100,
    };
  });
}
