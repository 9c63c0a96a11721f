import type { Dataset } from "../../model/dataset.ts";
import { type PublishedTableSpec, publishRows } from "../published-table/spec.ts";
import { brier, crpsLogNormal, crpsPoint, logNormalAtOrAbove, logNormalCovers, Z_50, Z_90 } from "./scoring.ts";
import { natoShares, recentTrend, type ShareSeries, sipriShares } from "./share-history.ts";
import { commonTrend, fitTrajectory, TRAJECTORY_DEFAULTS, type TrajectoryFit, trajectoryPath, volatilityScale } from "./trajectory.ts";

/**
 * The backtest: each rule is fitted with only what was known at an origin and scored on what happened.
 * - SIPRI: origins `firstOrigin`…(last year − 1), horizons 1–11, every ally with W years of history;
 * - NATO: the June 2024 release (and SIPRI up to 2023) forecasting the July 2026 release's 2025–2026.
 * Rules: the trajectory model; "random walk" (no change, with the spread of past no-change errors);
 * no change and a straight line (the last five years' slope in points) as point forecasts.
 */
export const BACKTEST_RULES = ["trajectory", "random-walk", "no-change", "straight-line"] as const;
export type BacktestRule = (typeof BACKTEST_RULES)[number];

export interface BacktestForecast {
  rule: BacktestRule;
  entity: string;
  origin: number;
  horizon: number;
  outcome: number;
  crps: number;
  /** Null for point forecasts (no interval). */
  covered50: boolean | null;
  covered90: boolean | null;
  /** Probability given to "at or above the threshold in the target year". */
  pAbove: number;
}

/** A forecast distribution for one entity at one horizon: log-normal, or a point (sigma 0 and no interval). */
interface Predictive {
  mu: number;
  sigma: number;
  point: boolean;
}

const STRAIGHT_LINE_YEARS = 5;
export const BACKTEST_THRESHOLD_PCT = 2;

function score(rule: BacktestRule, entity: string, origin: number, horizon: number, p: Predictive, outcome: number): BacktestForecast {
  const value = Math.exp(p.mu);
  return {
    rule,
    entity,
    origin,
    horizon,
    outcome,
    crps: p.point ? crpsPoint(value, outcome) : crpsLogNormal(p.mu, p.sigma, outcome),
    covered50: p.point ? null : logNormalCovers(p.mu, p.sigma, Z_50, outcome),
    covered90: p.point ? null : logNormalCovers(p.mu, p.sigma, Z_90, outcome),
    pAbove: p.point ? (value >= BACKTEST_THRESHOLD_PCT ? 1 : 0) : logNormalAtOrAbove(p.mu, p.sigma, BACKTEST_THRESHOLD_PCT),
  };
}

/** Every rule's forecasts for one origin: `known` are the series as known then, `outcomes` the year → value to score on. */
function forecastsAt(
  known: readonly ShareSeries[],
  origin: number,
  horizons: number,
  outcome: (entity: string, year: number) => number | undefined,
  fit: TrajectoryFit,
  walk: TrajectoryFit,
  scaleFrom: (entity: string) => ShareSeries | undefined,
): BacktestForecast[] {
  const out: BacktestForecast[] = [];
  const W = fit.window;
  const M = commonTrend(known, origin, W);
  if (M === null) return out;
  for (const s of known) {
    const x0 = s.byYear.get(origin);
    const m = recentTrend(s, origin, W);
    const back = s.byYear.get(origin - STRAIGHT_LINE_YEARS);
    if (x0 === undefined || m === null || back === undefined) continue;
    const own = scaleFrom(s.entity);
    const scale = own ? volatilityScale(own, fit.origin, W, fit, TRAJECTORY_DEFAULTS.volatilityPrior) : 1;
    const walkScale = own ? volatilityScale(own, walk.origin, W, walk, TRAJECTORY_DEFAULTS.volatilityPrior) : 1;
    const t = trajectoryPath(fit, m, M, scale, horizons);
    const rw = trajectoryPath(walk, 0, 0, walkScale, horizons);
    const slope = (x0 - back) / STRAIGHT_LINE_YEARS;
    for (let h = 1; h <= horizons; h++) {
      const y = outcome(s.entity, origin + h);
      if (y === undefined || y <= 0) continue;
      const lx = Math.log(x0);
      out.push(
        score("trajectory", s.entity, origin, h, { mu: lx + (t.drift[h - 1] as number), sigma: t.sd[h - 1] as number, point: false }, y),
      );
      out.push(score("random-walk", s.entity, origin, h, { mu: lx, sigma: rw.sd[h - 1] as number, point: false }, y));
      out.push(score("no-change", s.entity, origin, h, { mu: lx, sigma: 0, point: true }, y));
      // A line that would cross zero is held at a hair above it (a share cannot be negative).
      out.push(score("straight-line", s.entity, origin, h, { mu: Math.log(Math.max(1e-6, x0 + slope * h)), sigma: 0, point: true }, y));
    }
  }
  return out;
}

export interface BacktestOptions {
  sipriVintageId: string;
  firstOrigin: number;
  horizons: number;
  /** NATO releases: the earlier one's figures forecast the later one's years after the earlier one's last year. */
  natoFrom: string;
  natoTo: string;
}

export interface Backtest {
  sipri: BacktestForecast[];
  nato: BacktestForecast[];
  sipriOrigins: [number, number];
  natoOrigin: number;
}

export function runBacktest(ds: Dataset, opts: BacktestOptions): Backtest {
  const allies = ds.allies.map((a) => a.iso3);
  const full = sipriShares(ds, opts.sipriVintageId, allies);
  const byEntity = new Map(full.map((s) => [s.entity, s]));
  const last = Math.max(...full.flatMap((s) => [...s.byYear.keys()]));
  const sipri: BacktestForecast[] = [];
  for (let origin = opts.firstOrigin; origin < last; origin++) {
    const known = sipriShares(ds, opts.sipriVintageId, allies, origin);
    const fit = fitTrajectory(known, { ...TRAJECTORY_DEFAULTS, origin });
    const walk = fitTrajectory(known, { ...TRAJECTORY_DEFAULTS, origin, carry: false });
    const knownBy = new Map(known.map((s) => [s.entity, s]));
    sipri.push(
      ...forecastsAt(
        known,
        origin,
        opts.horizons,
        (e, y) => byEntity.get(e)?.byYear.get(y),
        fit,
        walk,
        (e) => knownBy.get(e),
      ),
    );
  }

  // NATO: the earlier release's last year is the origin; SIPRI known up to the year before it (its April release).
  const from = ds.vintage(opts.natoFrom);
  if (!from) throw new Error(`unknown vintage ${opts.natoFrom}`);
  const natoOrigin = Math.max(...ds.years(opts.natoFrom));
  const sipriKnown = sipriShares(ds, opts.sipriVintageId, allies, natoOrigin - 1);
  const fit = fitTrajectory(sipriKnown, { ...TRAJECTORY_DEFAULTS, origin: natoOrigin - 1 });
  const walk = fitTrajectory(sipriKnown, { ...TRAJECTORY_DEFAULTS, origin: natoOrigin - 1, carry: false });
  const natoKnown = allies.map((a) => natoShares(ds, opts.natoFrom, a, natoOrigin)).filter((s) => s.byYear.size > 0);
  const sipriBy = new Map(sipriKnown.map((s) => [s.entity, s]));
  const nato = forecastsAt(
    natoKnown,
    natoOrigin,
    opts.horizons,
    (e, y) => ds.get(opts.natoTo, e, "defexp_share_gdp_pct", y)?.value,
    fit,
    walk,
    (e) => sipriBy.get(e),
  );
  return { sipri, nato, sipriOrigins: [opts.firstOrigin, last - 1], natoOrigin };
}

export interface BacktestSummary {
  test: string;
  rule: BacktestRule;
  horizons: string;
  forecasts: number;
  crps: number;
  crpsSkill: number | null;
  coverage50: number | null;
  coverage90: number | null;
  brier: number;
  brierSkill: number | null;
}

const HORIZON_GROUPS: [string, number, number][] = [
  ["1–2", 1, 2],
  ["3–5", 3, 5],
  ["6–11", 6, 11],
  ["all", 1, 99],
];

/** Mean scores per rule and horizon group; skill = 1 − score ÷ the no-change score on the same forecasts. */
export function summariseBacktest(test: string, forecasts: readonly BacktestForecast[]): BacktestSummary[] {
  const rows: BacktestSummary[] = [];
  for (const [label, lo, hi] of HORIZON_GROUPS) {
    const inGroup = forecasts.filter((f) => f.horizon >= lo && f.horizon <= hi);
    if (!inGroup.length) continue;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const stats = (rule: BacktestRule) => {
      const own = inGroup.filter((f) => f.rule === rule);
      const covered = (key: "covered50" | "covered90") => {
        const xs = own.flatMap((f) => (f[key] === null ? [] : [f[key] ? 1 : 0]));
        return xs.length ? mean(xs) : null;
      };
      return {
        n: own.length,
        crps: mean(own.map((f) => f.crps)),
        brier: mean(own.map((f) => brier(f.pAbove, f.outcome >= BACKTEST_THRESHOLD_PCT))),
        c50: covered("covered50"),
        c90: covered("covered90"),
      };
    };
    const base = stats("no-change");
    for (const rule of BACKTEST_RULES) {
      const s = stats(rule);
      if (!s.n) continue;
      rows.push({
        test,
        rule,
        horizons: label,
        forecasts: s.n,
        crps: s.crps,
        crpsSkill: base.crps > 0 ? 1 - s.crps / base.crps : null,
        coverage50: s.c50,
        coverage90: s.c90,
        brier: s.brier,
        brierSkill: base.brier > 0 ? 1 - s.brier / base.brier : null,
      });
    }
  }
  return rows;
}

export const BACKTEST_SPEC: PublishedTableSpec = {
  name: "backtest",
  description: "Forecasts of the share of GDP fitted on what was known at each origin, scored on what happened",
  columns: [
    {
      key: "test",
      header: "Test",
      type: "text",
      description: "which history: SIPRI's rolling origins or NATO's June 2024 → July 2026 releases",
    },
    {
      key: "rule",
      header: "Rule",
      type: "text",
      values: BACKTEST_RULES,
      description:
        "trajectory (the model); random-walk (no change with the spread of past errors); no-change and straight-line (point forecasts)",
    },
    { key: "horizons", header: "Years ahead", type: "text", description: "horizons pooled" },
    { key: "forecasts", header: "Forecasts", type: "integer", description: "ally × origin × horizon forecasts scored" },
    {
      key: "crps",
      header: "CRPS",
      type: "number",
      unit: "percentage points of GDP",
      decimals: 4,
      displayDecimals: 3,
      description: "mean continuous ranked probability score (absolute error for a point forecast); lower is better",
    },
    {
      key: "crps_skill",
      header: "CRPS skill",
      type: "number",
      decimals: 4,
      displayDecimals: 2,
      description: "1 − CRPS ÷ no change's CRPS on the same forecasts; above 0 beats no change",
    },
    {
      key: "coverage_50",
      header: "In 50 %",
      type: "number",
      decimals: 4,
      displayDecimals: 2,
      description: "share of outcomes inside the central 50 % interval (should be 0.50); empty for point forecasts",
    },
    {
      key: "coverage_90",
      header: "In 90 %",
      type: "number",
      decimals: 4,
      displayDecimals: 2,
      description: "share of outcomes inside the central 90 % interval (should be 0.90); empty for point forecasts",
    },
    {
      key: "brier",
      header: "Brier ≥2 %",
      type: "number",
      decimals: 4,
      displayDecimals: 3,
      description: "Brier score of the probability of being at or above 2 % of GDP in the year forecast; lower is better",
    },
    {
      key: "brier_skill",
      header: "Brier skill",
      type: "number",
      decimals: 4,
      displayDecimals: 2,
      description: "1 − Brier ÷ no change's Brier; above 0 beats no change",
    },
  ],
};

export function backtestRows(rows: readonly BacktestSummary[]) {
  return publishRows(
    BACKTEST_SPEC,
    rows.map((r) => ({
      test: r.test,
      rule: r.rule,
      horizons: r.horizons,
      forecasts: r.forecasts,
      crps: r.crps,
      crps_skill: r.crpsSkill,
      coverage_50: r.coverage50,
      coverage_90: r.coverage90,
      brier: r.brier,
      brier_skill: r.brierSkill,
    })),
  );
}
