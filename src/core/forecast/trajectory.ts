import { recentTrend, type ShareSeries } from "./share-history.ts";

/**
 * "On its current trajectory": a statistical forecast of the log share of GDP from its own recent
 * trend and the alliance's, with every coefficient learned from history (SIPRI's long series).
 *
 * At an origin T, with m_i the ally's mean yearly change of the log share over the last W years and
 * M the alliance's average of those, the expected change in year T + j is
 *   a_j · M + c_j · (m_i − M)
 * a_j says how much of the common trend carries on j years later; c_j how much of an ally's own
 * departure from it does (partial pooling: c_j < 1 shrinks each ally towards the alliance). Both are
 * pooled least squares over every (entity, past origin) whose outcome was known by T. The spread of
 * the log share at horizon h is the root mean square of the same rule's past h-year errors, scaled for
 * each ally by its own volatility shrunk towards the pooled one.
 */
export interface TrajectoryFit {
  origin: number;
  window: number;
  horizons: number;
  /** Index j − 1: coefficient for the common trend / the ally's departure, year j after the origin. */
  commonCarry: Float64Array;
  ownCarry: Float64Array;
  /** Root mean square of past cumulative log errors at horizon h (index h − 1). */
  sigma: Float64Array;
  /** Pooled mean square of one-year log changes around the rule (the reference for each ally's scale). */
  pooledOneYearVar: number;
  samples: number;
  entities: number;
}

export interface TrajectoryFitOptions {
  origin: number;
  window: number;
  horizons: number;
  /** Pseudo-years of the pooled volatility in each ally's scale (shrinkage). */
  volatilityPrior: number;
  /** Only origins from this year on are learned from (the series before it are context only). */
  firstOrigin: number;
  /** false: no trend carries (a random walk), only the spread is learned: the "no change" rule made probabilistic. */
  carry?: boolean;
}

export const TRAJECTORY_DEFAULTS: Omit<TrajectoryFitOptions, "origin"> = {
  window: 10,
  horizons: 11,
  volatilityPrior: 10,
  firstOrigin: 1960,
};

/** The alliance's trend at `year`: the mean of each entity's recent trend (entities without one are left out). */
export function commonTrend(series: readonly ShareSeries[], year: number, window: number): number | null {
  let sum = 0;
  let n = 0;
  for (const s of series) {
    const t = recentTrend(s, year, window);
    if (t !== null) {
      sum += t;
      n++;
    }
  }
  return n ? sum / n : null;
}

export function fitTrajectory(series: readonly ShareSeries[], opts: TrajectoryFitOptions): TrajectoryFit {
  const H = opts.horizons;
  const W = opts.window;
  // Normal equations of a two-regressor least squares, one per horizon: [ΣMM ΣMd; ΣMd Σdd] [a c]' = [ΣMy Σdy]'.
  const smm = new Float64Array(H);
  const smd = new Float64Array(H);
  const sdd = new Float64Array(H);
  const smy = new Float64Array(H);
  const sdy = new Float64Array(H);
  const common = new Map<number, number | null>();
  const commonAt = (y: number) => {
    if (!common.has(y)) common.set(y, commonTrend(series, y, W));
    return common.get(y) ?? null;
  };
  let samples = 0;
  for (let t0 = opts.firstOrigin; t0 < opts.origin; t0++) {
    const M = commonAt(t0);
    if (M === null) continue;
    for (const s of series) {
      const m = recentTrend(s, t0, W);
      const x0 = s.byYear.get(t0);
      if (m === null || x0 === undefined) continue;
      const d = m - M;
      for (let j = 1; j <= H && t0 + j <= opts.origin; j++) {
        const a = s.byYear.get(t0 + j - 1);
        const b = s.byYear.get(t0 + j);
        if (a === undefined || b === undefined) continue;
        const y = Math.log(b / a);
        smm[j - 1] = (smm[j - 1] as number) + M * M;
        smd[j - 1] = (smd[j - 1] as number) + M * d;
        sdd[j - 1] = (sdd[j - 1] as number) + d * d;
        smy[j - 1] = (smy[j - 1] as number) + M * y;
        sdy[j - 1] = (sdy[j - 1] as number) + d * y;
        samples++;
      }
    }
  }
  const commonCarry = new Float64Array(H);
  const ownCarry = new Float64Array(H);
  for (let j = 0; j < H && opts.carry !== false; j++) {
    const det = (smm[j] as number) * (sdd[j] as number) - (smd[j] as number) ** 2;
    if (det <= 1e-18) continue;
    commonCarry[j] = ((smy[j] as number) * (sdd[j] as number) - (sdy[j] as number) * (smd[j] as number)) / det;
    ownCarry[j] = ((sdy[j] as number) * (smm[j] as number) - (smy[j] as number) * (smd[j] as number)) / det;
  }

  // Spread: the rule's own past cumulative errors at each horizon, outcomes known by the origin.
  const sse = new Float64Array(H);
  const count = new Float64Array(H);
  let oneYear = 0;
  let oneYearN = 0;
  for (let t0 = opts.firstOrigin; t0 < opts.origin; t0++) {
    const M = commonAt(t0);
    if (M === null) continue;
    for (const s of series) {
      const m = recentTrend(s, t0, W);
      const x0 = s.byYear.get(t0);
      if (m === null || x0 === undefined) continue;
      let drift = 0;
      for (let h = 1; h <= H && t0 + h <= opts.origin; h++) {
        drift += (commonCarry[h - 1] as number) * M + (ownCarry[h - 1] as number) * (m - M);
        const xh = s.byYear.get(t0 + h);
        if (xh === undefined) continue;
        const e = Math.log(xh / x0) - drift;
        sse[h - 1] = (sse[h - 1] as number) + e * e;
        count[h - 1] = (count[h - 1] as number) + 1;
        if (h === 1) {
          oneYear += e * e;
          oneYearN++;
        }
      }
    }
  }
  const sigma = new Float64Array(H);
  let last = 0;
  for (let h = 0; h < H; h++) {
    const c = count[h] as number;
    // A spread never narrows with the horizon; a horizon without a past error keeps the previous one.
    last = Math.max(last, c > 0 ? Math.sqrt((sse[h] as number) / c) : last);
    sigma[h] = last;
  }
  return {
    origin: opts.origin,
    window: W,
    horizons: H,
    commonCarry,
    ownCarry,
    sigma,
    pooledOneYearVar: oneYearN ? oneYear / oneYearN : 0,
    samples,
    entities: series.length,
  };
}

/**
 * One ally's volatility relative to the pool: the mean square of its own one-year log changes about
 * its trend in the last `years` years, shrunk towards the pooled value with `prior` pseudo-years.
 * 1 means as volatile as the typical ally.
 */
export function volatilityScale(s: ShareSeries, origin: number, years: number, fit: TrajectoryFit, prior: number): number {
  if (fit.pooledOneYearVar <= 0) return 1;
  const changes: number[] = [];
  for (let y = origin - years + 1; y <= origin; y++) {
    const a = s.byYear.get(y - 1);
    const b = s.byYear.get(y);
    if (a !== undefined && b !== undefined) changes.push(Math.log(b / a));
  }
  const n = changes.length;
  if (n < 2) return 1;
  const mean = changes.reduce((x, y) => x + y, 0) / n;
  const own = changes.reduce((x, y) => x + (y - mean) ** 2, 0) / (n - 1);
  return Math.sqrt((n * own + prior * fit.pooledOneYearVar) / (n + prior) / fit.pooledOneYearVar);
}

/** An ally's forecast at the fit's origin: the median log change per horizon and its spread. */
export interface TrajectoryPath {
  /** Index h − 1: expected log change of the share from the origin to origin + h. */
  drift: Float64Array;
  /** Index h − 1: standard deviation of that log change. */
  sd: Float64Array;
  ownTrend: number;
  commonTrend: number;
  scale: number;
}

export function trajectoryPath(
  fit: TrajectoryFit,
  ownTrend: number,
  common: number,
  scale: number,
  horizons = fit.horizons,
): TrajectoryPath {
  const drift = new Float64Array(horizons);
  const sd = new Float64Array(horizons);
  let acc = 0;
  for (let h = 1; h <= horizons; h++) {
    const j = Math.min(h, fit.horizons) - 1;
    acc += (fit.commonCarry[j] as number) * common + (fit.ownCarry[j] as number) * (ownTrend - common);
    drift[h - 1] = acc;
    sd[h - 1] = scale * (fit.sigma[j] as number);
  }
  return { drift, sd, ownTrend, commonTrend: common, scale };
}
