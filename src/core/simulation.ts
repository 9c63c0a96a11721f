import { publishedPct } from "./figure.ts";
import type { AllyPathway } from "./pathway.ts";
import { createPercentileScratch, type PercentileScratch, percentilesByBuckets } from "./percentiles.ts";
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
 * Reusable buffers (one year of one simulation), so that a run over 32 allies allocates them once.
 * The run goes year by year over every path, so that a year's values are read for percentiles and
 * probabilities while they are still in the cache (a path-by-path run wrote 26 MB per ally and read
 * it back). `allianceFixedPoint` accumulates every path's core spending across allies in thousands of
 * US dollars, as integers held in doubles: integer sums are exact, so the alliance totals do not
 * depend on the order of allies or on how they are split between workers.
 */
export interface SimulationScratch {
  normals: Float64Array;
  /** Each path's accumulated GDP surprise (log), X_{k−1} before year k. */
  level: Float64Array;
  /** Each path's random walk of the log share (the trajectory model). */
  walk: Float64Array;
  /** The year's log factor of the share, per path. */
  shares: Float64Array;
  /** The year's core spending (US dollars, million), per path. */
  spending: Float64Array;
  percentiles: PercentileScratch;
  /** Per path: bit 1 when it reached the target by the target year, bit 2 by the review year. */
  reached: Uint8Array;
}

/*
 * Hot loops read no module-level constant: a bundler (esbuild, for dist/ and the worker threads) turns
 * a module's `const` into `var`, which V8 can no longer fold or hoist, and the loops ran 1.5× slower in
 * the bundle than from source. Constants are copied into locals or passed in.
 */
const BLOCK_PATHS = 1024;
const BY_TARGET = 1;
const BY_REVIEW = 2;
const ROUND_MAGIC = 6755399441055744;

/**
 * The smallest log factor z at which a share s · exp(z) is at or above `threshold` as NATO publishes it
 * (two decimals), so that a path's test is one comparison, z ≥ cut. The cut lies within a hair of
 * log((threshold − 0.005) / s); the doubles there are bisected on the published figure itself, so
 * rounding at the boundary is decided exactly as publishedPct decides it. Null when the share is not
 * positive or the threshold is below NATO's precision (tested path by path instead).
 */
export function thresholdCut(s: number, threshold: number): number | null {
  if (!(s > 0) || threshold <= 0.01) return null;
  const zt = Math.log((threshold - 0.005) / s);
  const reaches = (z: number) => publishedPct(s * Math.exp(z)) >= threshold;
  let lo = zt - 1e-9;
  let hi = zt + 1e-9;
  if (reaches(lo)) return lo;
  if (!reaches(hi)) return hi;
  for (let i = 0; i < 200; i++) {
    const mid = lo + (hi - lo) / 2;
    if (mid === lo || mid === hi) break;
    if (reaches(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * Paths at or above the threshold; with `reached`, each hit also sets `mask` in the path's flags
 * ("reached by the target year", "by the review year"). Branch-free: for an ally near its target a hit
 * is a coin toss the branch predictor loses, and the branching loop ran five times slower.
 */
function countAtOrAbove(z: Float64Array, n: number, s: number, threshold: number, reached?: Uint8Array, mask = 0): number {
  const cut = thresholdCut(s, threshold);
  let count = 0;
  if (cut === null) {
    for (let p = 0; p < n; p++)
      if (publishedPct(s * Math.exp(z[p] as number)) >= threshold) {
        count++;
        if (reached) reached[p] = (reached[p] as number) | mask;
      }
    return count;
  }
  if (!reached || mask === 0) {
    for (let p = 0; p < n; p++) count += ((z[p] as number) >= cut) as unknown as number;
    return count;
  }
  for (let p = 0; p < n; p++) {
    const hit = ((z[p] as number) >= cut) as unknown as number;
    count += hit;
    reached[p] = (reached[p] as number) | (hit * mask);
  }
  return count;
}

export function createScratch(paths: number): SimulationScratch {
  return {
    normals: new Float64Array(BLOCK_PATHS * 2),
    level: new Float64Array(paths),
    walk: new Float64Array(paths),
    shares: new Float64Array(paths),
    spending: new Float64Array(paths),
    percentiles: createPercentileScratch(paths),
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

/** Where one year of one ally is drawn: the ally's stream, the run's buffers and its alliance accumulator. */
interface YearRun {
  stream: NormalStream;
  scratch: SimulationScratch;
  paths: number;
  acc: Float64Array | undefined;
  /** Where the year's row starts in `acc`. */
  accAt: number;
}

/**
 * One year of the "path" and "plan" models for every path: z = σ_e·η + bias − σ_g·ε is the log factor
 * of the share; spending is planned · exp(X_{k−1} + σ_e·η + bias); then X_k = X_{k−1} + σ_g·ε.
 * Normals come in pairs (ε, η) per path, in blocks, from the ally's own stream. The two models'
 * years are separate functions so that each loop stays monomorphic and branch-free.
 */
function yearOnPath(run: YearRun, sg: number, se: number, bias: number, planned: number): void {
  const { stream, paths: N } = run;
  const { normals, level, shares, spending } = run.scratch;
  const full = normals.length >> 1;
  for (let p0 = 0; p0 < N; p0 += full) {
    const block = Math.min(full, N - p0);
    const z = block === full ? normals : normals.subarray(0, 2 * block);
    stream.fill(z);
    for (let q = 0; q < block; q++) {
      const p = p0 + q;
      const g = sg * (z[2 * q] as number);
      const e = se * (z[2 * q + 1] as number) + bias;
      const x = level[p] as number;
      shares[p] = e - g;
      spending[p] = x + e;
      level[p] = x + g;
    }
  }
  spendFromLog(run, planned);
}

/** One year of the trajectory model: the share walks on its own; spending is that share of a GDP that carries its surprises. */
function yearOnTrajectory(run: YearRun, sg: number, step: number, planned: number): void {
  const { stream, paths: N } = run;
  const { normals, level, walk, shares, spending } = run.scratch;
  const full = normals.length >> 1;
  for (let p0 = 0; p0 < N; p0 += full) {
    const block = Math.min(full, N - p0);
    const z = block === full ? normals : normals.subarray(0, 2 * block);
    stream.fill(z);
    for (let q = 0; q < block; q++) {
      const p = p0 + q;
      const x = (level[p] as number) + sg * (z[2 * q] as number);
      const w = (walk[p] as number) + step * (z[2 * q + 1] as number);
      walk[p] = w;
      shares[p] = w;
      spending[p] = w + x;
      level[p] = x;
    }
  }
  spendFromLog(run, planned);
}

/**
 * Spending from its log factor, and its sum across allies. A loop of its own: with the exp call in
 * the drawing loop, each path waited for the call's latency and the year took twice as long.
 */
function spendFromLog(run: YearRun, planned: number): void {
  const { paths: N, acc, accAt } = run;
  const spending = run.scratch.spending;
  for (let p = 0; p < N; p++) spending[p] = planned * Math.exp(spending[p] as number);
  if (!acc) return;
  // Adding and subtracting 1.5 × 2^52 rounds to the nearest integer in two additions.
  const magic = ROUND_MAGIC;
  for (let p = 0; p < N; p++) acc[accAt + p] = (acc[accAt + p] as number) + ((spending[p] as number) * 1000 + magic - magic);
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
  scratch: SimulationScratch = createScratch(opts.paths),
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
  const { shares, spending, level, walk, reached } = scratch;
  const stream = new NormalStream(opts.seed >>> 0, streamId(path.ally));
  const target = path.target.corePct;
  const ti = path.targetIndex;
  const ri = path.reviewIndex;
  const onPathAtReview = ri >= 0 ? publishedPct(s[ri] as number) : 0;
  const acc = allianceFixedPoint;
  const run: YearRun = { stream, scratch, paths: N, acc, accAt: 0 };

  const shareQ = new Float64Array(n * P);
  const spendQ = new Float64Array(n * P);
  const ncQ = new Float64Array(n * P);
  for (let q = 0; q < P; q++) {
    shareQ[q] = s[0] as number;
    spendQ[q] = u[0] as number;
  }
  // Year 0 is the base year: known, no draw, every path at or above the target or none.
  const atBase = publishedPct(s[0] as number) >= target;
  let hitTarget = ti === 0 && atBase ? N : 0;
  let hitReview = ri === 0 && atBase ? N : 0;
  let onPath = ri === 0 ? N : 0;
  const reachedUntil = ri >= 0 ? Math.max(ti, ri) : ti;
  reached.fill(0, 0, N);
  level.fill(0, 0, N);
  walk.fill(0, 0, N);
  if (acc) {
    const base = Math.round((u[0] as number) * 1000);
    for (let p = 0; p < N; p++) acc[p] = (acc[p] as number) + base;
  }

  for (let k = 1; k < n; k++) {
    const sk = s[k] as number;
    run.accAt = k * N;
    if (trajectory) yearOnTrajectory(run, vol.gdpSigma, step[k] as number, u[k] as number);
    else yearOnPath(run, vol.gdpSigma, vol.executionSigma, bias, u[k] as number);
    // Shares are kept as their log factor z: exp is monotone, so thresholds and percentiles transform exactly.
    if (k <= reachedUntil) {
      const mask = atBase ? 0 : (k <= ti ? BY_TARGET : 0) | (k <= ri ? BY_REVIEW : 0);
      const c = countAtOrAbove(shares, N, sk, target, reached, mask);
      if (k === ti) hitTarget = c;
      if (k === ri) hitReview = c;
    }
    if (k === ri) onPath = countAtOrAbove(shares, N, sk, onPathAtReview);
    percentilesByBuckets(shares.subarray(0, N), ps, shareQ, k * P, scratch.percentiles, (v) => sk * Math.exp(v));
    percentilesByBuckets(spending.subarray(0, N), ps, spendQ, k * P, scratch.percentiles);
  }
  // Reached "by" a year: at or above the target in some year up to it (the base year included).
  const reachedBy = (bit: number) => {
    if (atBase) return N;
    let c = 0;
    for (let p = 0; p < N; p++) c += (((reached[p] as number) & bit) !== 0) as unknown as number;
    return c;
  };
  const byTarget = reachedBy(BY_TARGET);
  const byReview = ri >= 0 ? reachedBy(BY_REVIEW) : null;

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
  const scratch = createPercentileScratch(paths);
  for (let k = 0; k < n; k++) {
    for (let p = 0; p < paths; p++) column[p] = (fixedPoint[k * paths + p] as number) / 1000;
    percentilesByBuckets(column, ps, out, k * ps.length, scratch);
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
  const scratch = createScratch(opts.paths);
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
