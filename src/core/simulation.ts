import { publishedPct } from "./figure.ts";
import type { AllyPathway } from "./pathway.ts";
import { createPercentileScratch, type PercentileScratch, percentilesByBracketing } from "./percentiles.ts";
import { NormalStream, streamId } from "./random.ts";
import type { AllyVolatility, Calibration } from "./simulation-calibration.ts";

export const DEFAULT_PERCENTILES = [5, 25, 50, 75, 95] as const;
export const DEFAULT_PATHS = 10_000;

export interface SimulationOptions {
  paths: number;
  seed: number;
  percentiles?: readonly number[];
}

/**
 * What a run assumes about an ally (docs/forecast.md):
 * - "path": the ally budgets on the path; execution and GDP surprises are centred on it;
 * - "plan": the path is the ally's declared plan, and execution misses it by NATO's median budget-year
 *   revision (`executionBias`, a log factor) on top of the same shocks;
 * - "trajectory": the share follows its statistical forecast, `logDrift[k]` (the median log change from
 *   the base year to year k) with standard deviation `logSd[k]`, as a random walk whose steps widen the
 *   spread to exactly that; spending is that share of the path's GDP, with the GDP surprises.
 */
export type AllyModel =
  | { kind: "path" }
  | { kind: "plan"; executionBias: number }
  | { kind: "trajectory"; logDrift: Float64Array; logSd: Float64Array };

const PATH_MODEL: AllyModel = { kind: "path" };

/** Percentiles per year, laid out year-major: value of percentile i in year k is at k × P + i. */
export interface AllySimulation {
  ally: string;
  years: Int32Array;
  percentiles: readonly number[];
  coreSharePct: Float64Array;
  coreUsdCurrentM: Float64Array;
  /** Core spending in national currency (million, current prices): US dollars at the path's stated rate of each year. */
  coreNcM: Float64Array;
  targetYear: number;
  targetPct: number;
  model: AllyModel["kind"];
  /** The median path the model centres on (share of GDP, percent), one value per year. */
  referenceSharePct: Float64Array;
  /** Share of paths at or above the target (NATO's two-decimal figure) in the target year. */
  pTargetInTargetYear: number;
  /** … in any year from the base year up to the target year (reaching it "by" the target year). */
  pTargetByTargetYear: number;
  /** … in any year up to the review year; null when the review year is outside the path. */
  pTargetByReviewYear: number | null;
  /** … already in the review year, and on or above the deterministic path in the review year. */
  pTargetInReviewYear: number | null;
  pOnPathAtReview: number | null;
  volatility: AllyVolatility;
}

/**
 * Reusable buffers (one simulation's worth), so that a run over 32 allies allocates them once.
 * `allianceFixedPoint` accumulates every path's core spending across allies in thousands of US
 * dollars, as integers held in doubles: integer sums are exact, so the alliance totals do not depend
 * on the order of allies or on how they are split between workers.
 */
export interface SimulationScratch {
  normals: Float64Array;
  shares: Float64Array;
  spending: Float64Array;
  percentiles: PercentileScratch;
  /** Each path's first year index at or above the target (NEVER when none). */
  reached: Uint8Array;
}

const BLOCK_PATHS = 1024;
/** A path's first year at or above the target, when it has none (a path runs at most to 2050: far fewer than 255 years). */
const NEVER = 255;
const ROUND_MAGIC = 6755399441055744;

/**
 * Paths whose share (s · exp(z)) is at or above `threshold` as NATO publishes it (two decimals). The
 * threshold is moved into z-space once; only values within a hair of it are rounded the slow way.
 */
function countAtOrAbove(z: Float64Array, from: number, n: number, s: number, threshold: number, first?: Uint8Array, k = 0): number {
  if (s <= 0 || threshold <= 0.01) {
    let exact = 0;
    for (let p = from; p < from + n; p++)
      if (publishedPct(s * Math.exp(z[p] as number)) >= threshold) {
        exact++;
        if (first && first[p - from] === NEVER) first[p - from] = k;
      }
    return exact;
  }
  const zt = Math.log((threshold - 0.005) / s);
  let count = 0;
  for (let p = from; p < from + n; p++) {
    const v = z[p] as number;
    if (v > zt + 1e-9 || (v >= zt - 1e-9 && publishedPct(s * Math.exp(v)) >= threshold)) {
      count++;
      if (first && first[p - from] === NEVER) first[p - from] = k;
    }
  }
  return count;
}

/**
 * Paths at or above the threshold in any year from 0 up to each of `lasts` (the base year is known:
 * all or none), in one pass: each path's first year at or above it is kept, so "by" a later year can
 * never count fewer paths than "by" an earlier one.
 */
function countReachedBy(
  shares: Float64Array,
  s: Float64Array,
  N: number,
  lasts: readonly number[],
  threshold: number,
  first: Uint8Array,
): number[] {
  if (publishedPct(s[0] as number) >= threshold) return lasts.map(() => N);
  first.fill(NEVER, 0, N);
  const until = Math.max(...lasts);
  for (let k = 1; k <= until; k++) countAtOrAbove(shares, k * N, N, s[k] as number, threshold, first, k);
  return lasts.map((last) => {
    let n = 0;
    for (let p = 0; p < N; p++) if ((first[p] as number) <= last) n++;
    return n;
  });
}

export function createScratch(paths: number, years: number): SimulationScratch {
  return {
    normals: new Float64Array(BLOCK_PATHS * 2 * years),
    shares: new Float64Array(paths * years),
    spending: new Float64Array(paths * years),
    percentiles: createPercentileScratch(paths, DEFAULT_PERCENTILES.length),
    reached: new Uint8Array(paths),
  };
}

/**
 * The median path a model centres on: shares s, spending u (US dollars) and, for the trajectory, the
 * standard deviation of each year's step of the share's random walk (so that the spread in year k is
 * exactly logSd[k]).
 */
function reference(path: AllyPathway, model: AllyModel): { s: Float64Array; u: Float64Array; step: Float64Array } {
  const n = path.years.length;
  const step = new Float64Array(n);
  if (model.kind !== "trajectory") return { s: path.columns.coreSharePct, u: path.columns.coreUsdCurrentM, step };
  const s = new Float64Array(n);
  const u = new Float64Array(n);
  const s0 = path.columns.coreSharePct[0] as number;
  const gdp = path.columns.gdpNcM;
  const rate = path.columns.ncPerUsd;
  let prev = 0;
  for (let k = 0; k < n; k++) {
    s[k] = k === 0 ? s0 : s0 * Math.exp(model.logDrift[k] as number);
    u[k] = k === 0 ? (path.columns.coreUsdCurrentM[0] as number) : ((s[k] as number) / 100) * ((gdp[k] as number) / (rate[k] as number));
    const sd = k === 0 ? 0 : Math.max(prev, model.logSd[k] as number);
    step[k] = Math.sqrt(sd * sd - prev * prev);
    prev = sd;
  }
  return { s, u, step };
}

/**
 * One ally's Monte Carlo (docs/monte-carlo.md, docs/forecast.md). A budget for year k is set a year ahead as the path's
 * share of the GDP then expected; nominal GDP then surprises by σ_g·ε, and execution misses the budget
 * by σ_e·η (both log-normal). So
 *   share_k = s_k · exp(σ_e·η_k − σ_g·ε_k)
 *   spending_k = planned_k · exp(X_{k−1} + σ_e·η_k), X_k = X_{k−1} + σ_g·ε_k (GDP surprises persist in the level).
 * With σ = 0 both factors are exp(0) = 1 and the deterministic path comes back exactly.
 */
export function simulateAlly(
  path: AllyPathway,
  vol: AllyVolatility,
  opts: SimulationOptions,
  scratch: SimulationScratch = createScratch(opts.paths, path.years.length),
  allianceFixedPoint?: Float64Array,
  model: AllyModel = PATH_MODEL,
): AllySimulation {
  const N = opts.paths;
  const n = path.years.length;
  const ps = opts.percentiles ?? DEFAULT_PERCENTILES;
  const P = ps.length;
  const { s, u, step } = reference(path, model);
  const bias = model.kind === "plan" ? model.executionBias : 0;
  const trajectory = model.kind === "trajectory";
  const sg = vol.gdpSigma;
  const se = vol.executionSigma;
  const shares = scratch.shares;
  const spending = scratch.spending;
  const normals = scratch.normals;
  const stream = new NormalStream(opts.seed >>> 0, streamId(path.ally));
  const target = path.target.corePct;
  const ti = path.targetIndex;
  const ri = path.reviewIndex;
  const onPathAtReview = ri >= 0 ? publishedPct(s[ri] as number) : 0;
  let hitTarget = 0;
  let hitReview = 0;
  let onPath = 0;

  // Year 0 is the base year: known, no draw. Shares are kept as their log factor z = σ_e·η − σ_g·ε:
  // exp is monotone, so percentiles and thresholds transform exactly and 35M exp calls are saved.
  const acc = allianceFixedPoint;
  for (let p0 = 0; p0 < N; p0 += BLOCK_PATHS) {
    const block = Math.min(BLOCK_PATHS, N - p0);
    const z = normals.subarray(0, block * 2 * (n - 1));
    stream.fill(z);
    let j = 0;
    for (let p = p0; p < p0 + block; p++) {
      let x = 0;
      let walk = 0;
      for (let k = 1; k < n; k++) {
        const g = sg * (z[j++] as number);
        const i = k * N + p;
        let spend: number;
        if (trajectory) {
          // The share walks on its own; spending is that share of a GDP that carries its surprises.
          walk += (step[k] as number) * (z[j++] as number);
          shares[i] = walk;
          spend = (u[k] as number) * Math.exp(walk + x + g);
        } else {
          const e = se * (z[j++] as number) + bias;
          shares[i] = e - g;
          spend = (u[k] as number) * Math.exp(x + e);
        }
        spending[i] = spend;
        // Adding and subtracting 1.5 × 2^52 rounds to the nearest integer in two additions.
        if (acc) acc[i] = (acc[i] as number) + (spend * 1000 + ROUND_MAGIC - ROUND_MAGIC);
        x += g;
      }
    }
  }
  if (acc) {
    const base = Math.round((u[0] as number) * 1000);
    for (let p = 0; p < N; p++) acc[p] = (acc[p] as number) + base;
  }
  hitTarget = countAtOrAbove(shares, ti * N, N, s[ti] as number, target);
  const [byTarget = 0, byReview = null] = countReachedBy(shares, s, N, ri >= 0 ? [ti, ri] : [ti], target, scratch.reached);
  if (ri > 0) {
    hitReview = countAtOrAbove(shares, ri * N, N, s[ri] as number, target);
    onPath = countAtOrAbove(shares, ri * N, N, s[ri] as number, onPathAtReview);
  } else if (ri === 0) {
    hitReview = publishedPct(s[0] as number) >= target ? N : 0;
    onPath = N;
  }

  const shareQ = new Float64Array(n * P);
  const spendQ = new Float64Array(n * P);
  const ncQ = new Float64Array(n * P);
  for (let q = 0; q < P; q++) {
    shareQ[q] = s[0] as number;
    spendQ[q] = u[0] as number;
  }
  for (let k = 1; k < n; k++) {
    const sk = s[k] as number;
    percentilesByBracketing(shares.subarray(k * N, (k + 1) * N), ps, shareQ, k * P, scratch.percentiles, (v) => sk * Math.exp(v));
    percentilesByBracketing(spending.subarray(k * N, (k + 1) * N), ps, spendQ, k * P, scratch.percentiles);
  }
  // Dollars are national currency at the path's stated rate of each year: a fixed factor per year.
  const rate = path.columns.ncPerUsd;
  for (let k = 0; k < n; k++) for (let q = 0; q < P; q++) ncQ[k * P + q] = (spendQ[k * P + q] as number) * (rate[k] as number);
  return {
    ally: path.ally,
    years: path.years,
    percentiles: ps,
    coreSharePct: shareQ,
    coreUsdCurrentM: spendQ,
    coreNcM: ncQ,
    targetYear: path.target.targetYear,
    targetPct: target,
    model: model.kind,
    referenceSharePct: s,
    pTargetInTargetYear: hitTarget / N,
    pTargetByTargetYear: byTarget / N,
    pTargetByReviewYear: byReview === null ? null : byReview / N,
    pTargetInReviewYear: ri >= 0 ? hitReview / N : null,
    pOnPathAtReview: ri >= 0 ? onPath / N : null,
    volatility: vol,
  };
}

export interface AllianceSimulation {
  years: Int32Array;
  percentiles: readonly number[];
  /** Percentiles of the alliance's summed core spending (USD current, million), year-major. */
  coreUsdCurrentM: Float64Array;
}

export interface SimulationResult {
  paths: number;
  seed: number;
  allies: AllySimulation[];
  alliance: AllianceSimulation | null;
  calibration: string[];
}

/** The years every path covers (allies share a base year in a vintage; if not, the alliance sum is left out). */
export function commonYears(paths: readonly AllyPathway[]): Int32Array | null {
  const first = paths[0];
  if (!first) return null;
  for (const p of paths) if (p.baseYear !== first.baseYear || p.years.length !== first.years.length) return null;
  return first.years;
}

export function allianceFromFixedPoint(
  years: Int32Array,
  fixedPoint: Float64Array,
  paths: number,
  ps: readonly number[],
): AllianceSimulation {
  const n = years.length;
  const out = new Float64Array(n * ps.length);
  const column = new Float64Array(paths);
  const scratch = createPercentileScratch(paths, ps.length);
  for (let k = 0; k < n; k++) {
    for (let p = 0; p < paths; p++) column[p] = (fixedPoint[k * paths + p] as number) / 1000;
    percentilesByBracketing(column, ps, out, k * ps.length, scratch);
  }
  return { years, percentiles: ps, coreUsdCurrentM: out };
}

export function volatilityOf(cal: Calibration, ally: string): AllyVolatility {
  const v = cal.allies.get(ally);
  if (!v) throw new Error(`no calibration for ${ally}`);
  return v;
}

/** Every ally's simulation in one thread, with progress after each ally. The browser's Worker runs this. */
export function simulatePathways(
  paths: readonly AllyPathway[],
  cal: Calibration,
  opts: SimulationOptions,
  onProgress?: (done: number, total: number) => void,
  volatility: (ally: string) => AllyVolatility = (a) => volatilityOf(cal, a),
  models: Readonly<Record<string, AllyModel>> = {},
): SimulationResult {
  const years = commonYears(paths);
  const maxYears = paths.reduce((m, p) => Math.max(m, p.years.length), 0);
  const scratch = createScratch(opts.paths, maxYears);
  const fixed = years ? new Float64Array(years.length * opts.paths) : undefined;
  const allies: AllySimulation[] = [];
  paths.forEach((p, i) => {
    allies.push(simulateAlly(p, volatility(p.ally), opts, scratch, fixed, models[p.ally]));
    onProgress?.(i + 1, paths.length);
  });
  return {
    paths: opts.paths,
    seed: opts.seed,
    allies,
    alliance: years && fixed ? allianceFromFixedPoint(years, fixed, opts.paths, opts.percentiles ?? DEFAULT_PERCENTILES) : null,
    calibration: cal.description,
  };
}
