import type { Dataset } from "../model/dataset.ts";
import type { PathShape, UserPlan } from "../model/pathway.ts";
import { targetFor } from "./guideline-targets.ts";
import type { CompleteTarget } from "./hague-figures.ts";
import { ParameterError } from "./parameter-error.ts";
import { climbFraction, lerp } from "./path-shapes.ts";
import type { AllyEconomy, PathwayContext } from "./pathway-context.ts";

/** One ally's targets after defaults and its own arrangement (Spain) are applied. */
export interface AllyPathTarget {
  corePct: number;
  relatedPct: number;
  relatedBasePct: number;
  targetYear: number;
  /** The year the trajectory is reviewed (The Hague: 2029, from data/guidelines.csv), marked on every path. */
  reviewYear: number;
  shape: PathShape;
  plan?: UserPlan | undefined;
  /** Where the core target comes from when it is not the caller's own number (Spain's arrangement). */
  coreTargetNote: string | null;
}

/** The per-year columns of a pathway, in the order they are laid out in one buffer. */
export const PATHWAY_COLUMNS = [
  "coreSharePct",
  "relatedSharePct",
  "totalSharePct",
  "gdpNcM",
  /** The year's exchange rate, national currency per US dollar (the stated assumption). */
  "ncPerUsd",
  "coreNcM",
  "relatedNcM",
  "totalNcM",
  "coreUsdCurrentM",
  "relatedUsdCurrentM",
  "totalUsdCurrentM",
  "coreUsdConstM",
  "totalUsdConstM",
  /**
   * Spending above a freeze at the base year's shares, core and related apart: core is measured
   * against NATO's base-year figure; related against the stated related base (0 by default, because
   * NATO publishes none), so all related spending counts as extra unless a base is given.
   */
  "coreExtraNcM",
  "coreExtraUsdCurrentM",
  "coreExtraUsdConstM",
  "relatedExtraNcM",
  "relatedExtraUsdCurrentM",
  "relatedExtraUsdConstM",
  /** Running sums of those extras, from the year after the base year. */
  "cumulativeCoreExtraNcM",
  "cumulativeCoreExtraUsdCurrentM",
  "cumulativeCoreExtraUsdConstM",
  "cumulativeRelatedExtraNcM",
  "cumulativeRelatedExtraUsdCurrentM",
  "cumulativeRelatedExtraUsdConstM",
] as const;
export type PathwayColumn = (typeof PATHWAY_COLUMNS)[number];

export interface AllyPathway {
  ally: string;
  name: string;
  region: "europe" | "north_america";
  currency: string;
  baseYear: number;
  baseEstimate: AllyEconomy["baseEstimate"];
  baseSharePct: number;
  baseGdp: AllyEconomy["baseGdp"];
  /** NATO's exchange rate in the base year; each year's rate is the `ncPerUsd` column. */
  baseNcPerUsd: number;
  rateSource: AllyEconomy["rateSource"];
  usdConstPerNcAtBase: number;
  target: AllyPathTarget;
  /** The base share already meets the core target: the path holds it rather than cutting. */
  alreadyMet: boolean;
  years: Int32Array;
  columns: Record<PathwayColumn, Float64Array>;
  /** Index of the 2029 review year in `years`, or -1 when outside the path. */
  reviewIndex: number;
  targetIndex: number;
  /** Core share points added per year on a linear path (the "incremental" step). */
  linearStepPp: number;
  /** Where each year's GDP comes from (NATO base year, IMF projection or the stated assumption). */
  gdpSource: AllyEconomy["gdpSource"];
}

export interface AllianceSums {
  years: Int32Array;
  /** Allies with a value in each year (every ally's path starts at its own base year). */
  alliesCounted: Int32Array;
  totalUsdCurrentM: Float64Array;
  coreUsdCurrentM: Float64Array;
  coreUsdConstM: Float64Array;
  usCoreUsdCurrentM: Float64Array;
  europeCanadaCoreUsdCurrentM: Float64Array;
  coreExtraUsdCurrentM: Float64Array;
  relatedExtraUsdCurrentM: Float64Array;
  /** Σ core spending ÷ Σ GDP, both in US dollars at the stated rates. */
  coreShareOfAllianceGdpPct: Float64Array;
}

export interface PathwaySet {
  vintageId: string;
  imfVintageId: string;
  priceBaseYear: number | null;
  reviewYear: number;
  allies: AllyPathway[];
  excluded: PathwayContext["excluded"];
  alliance: AllianceSums;
  assumptions: string[];
}

/** The caller's target with defaults filled per ally: the Hague 3.5% core unless an arrangement (Spain) says otherwise. */
export function resolveTarget(ds: Dataset, ally: string, t: CompleteTarget): AllyPathTarget {
  let corePct = t.corePct;
  let note: string | null = null;
  if (corePct === undefined) {
    const hague = targetFor(ds, "hague_core", ally);
    corePct = hague.thresholdPct;
    note = hague.overrideNote;
  }
  return {
    corePct,
    relatedPct: t.relatedPct,
    relatedBasePct: t.relatedBasePct,
    targetYear: t.targetYear,
    reviewYear: t.reviewYear,
    shape: t.shape,
    plan: t.plan,
    coreTargetNote: note,
  };
}

/** Shares from a user plan, interpolated between the years it gives and held after its last year. */
function planShares(e: AllyEconomy, plan: UserPlan, out: Float64Array): void {
  const points: [number, number][] = [];
  for (const [y, v] of Object.entries(plan.values)) {
    const year = Number(y);
    const k = year - e.baseYear;
    if (k <= 0)
      throw new ParameterError(`target.plan.values.${y}`, `the plan year must come after the base year ${e.baseYear} of ${e.ally}`);
    if (k >= out.length) throw new ParameterError(`target.plan.values.${y}`, `beyond the horizon ${e.years[e.years.length - 1]}`);
    points.push([k, plan.kind === "share" ? v : (v / (e.gdpNcM[k] as number)) * 100]);
  }
  points.sort((a, b) => a[0] - b[0]);
  let prevK = 0;
  let prevS = e.baseSharePct;
  out[0] = prevS;
  for (const [k, s] of points) {
    for (let j = prevK + 1; j <= k; j++) out[j] = lerp(prevS, s, (j - prevK) / (k - prevK));
    prevK = k;
    prevS = s;
  }
  for (let j = prevK + 1; j < out.length; j++) out[j] = prevS;
}

function coreShares(e: AllyEconomy, t: AllyPathTarget, alreadyMet: boolean, out: Float64Array): void {
  const n = out.length;
  const span = t.targetYear - e.baseYear;
  const s0 = e.baseSharePct;
  if (t.shape === "plan") {
    if (!t.plan) throw new ParameterError("target.plan", 'the "plan" shape needs a plan (shares or amounts by year)');
    planShares(e, t.plan, out);
    return;
  }
  if (t.shape === "freeze" || alreadyMet) {
    out.fill(s0);
    return;
  }
  if (t.shape === "constant-real-growth") {
    // Real spending grows at one rate r chosen so that the share lands on the target in the target year.
    const gdpT = e.gdpNcM[span] as number;
    const deflT = e.deflatorRel[span] as number;
    // Measured from the path's own base amount (base share × base GDP), so the first step is a real one.
    const base = (s0 / 100) * (e.gdpNcM[0] as number);
    const growth = ((t.corePct / 100) * gdpT) / (base * deflT);
    const r = growth ** (1 / span);
    let real = base;
    out[0] = s0;
    for (let k = 1; k < n; k++) {
      if (k >= span) {
        out[k] = t.corePct;
        continue;
      }
      real *= r;
      out[k] = ((real * (e.deflatorRel[k] as number)) / (e.gdpNcM[k] as number)) * 100;
    }
    return;
  }
  for (let k = 0; k < n; k++) out[k] = lerp(s0, t.corePct, climbFraction(t.shape, k / span));
}

function relatedShares(e: AllyEconomy, t: AllyPathTarget, out: Float64Array): void {
  const span = t.targetYear - e.baseYear;
  // The 1.5% follows the core path's shape; plans and constant-real-growth climb it linearly.
  const shape: PathShape = t.shape === "front-loaded" || t.shape === "back-loaded" || t.shape === "freeze" ? t.shape : "linear";
  const top = Math.max(t.relatedPct, t.relatedBasePct);
  for (let k = 0; k < out.length; k++) out[k] = lerp(t.relatedBasePct, top, climbFraction(shape, k / span));
}

/** Bytes of one ally's columns over `years` years. */
const pathwayBytes = (years: number): number => PATHWAY_COLUMNS.length * years * 8;

/**
 * Each column a view on `buffer`, in the order of PATHWAY_COLUMNS (a view built from the buffer is
 * cheaper than subarray, which goes through the species constructor). Written as one literal: an
 * object filled key by key in a loop turns into a dictionary past a dozen keys, and every reader of
 * `columns.x` then pays a hash lookup (measured: the arithmetic of all allies took twice as long).
 */
function columnViews(buffer: ArrayBuffer, byteOffset: number, n: number): Record<PathwayColumn, Float64Array> {
  const view = (i: number) => new Float64Array(buffer, byteOffset + i * n * 8, n);
  return {
    coreSharePct: view(0),
    relatedSharePct: view(1),
    totalSharePct: view(2),
    gdpNcM: view(3),
    ncPerUsd: view(4),
    coreNcM: view(5),
    relatedNcM: view(6),
    totalNcM: view(7),
    coreUsdCurrentM: view(8),
    relatedUsdCurrentM: view(9),
    totalUsdCurrentM: view(10),
    coreUsdConstM: view(11),
    totalUsdConstM: view(12),
    coreExtraNcM: view(13),
    coreExtraUsdCurrentM: view(14),
    coreExtraUsdConstM: view(15),
    relatedExtraNcM: view(16),
    relatedExtraUsdCurrentM: view(17),
    relatedExtraUsdConstM: view(18),
    cumulativeCoreExtraNcM: view(19),
    cumulativeCoreExtraUsdCurrentM: view(20),
    cumulativeCoreExtraUsdConstM: view(21),
    cumulativeRelatedExtraNcM: view(22),
    cumulativeRelatedExtraUsdCurrentM: view(23),
    cumulativeRelatedExtraUsdConstM: view(24),
  };
}

/**
 * One ally's path. Validates the parameters against the ally's base year and the horizon. Its columns
 * are views on `buffer` from `byteOffset` (a buffer of its own by default): `computePathways` lays every
 * ally out in one, as allocating an ArrayBuffer costs about ten times a view on one (measured: 2 µs
 * against 0.17 µs).
 */
export function computeAllyPathway(
  e: AllyEconomy,
  t: AllyPathTarget,
  buffer: ArrayBuffer = new ArrayBuffer(pathwayBytes(e.years.length)),
  byteOffset = 0,
): AllyPathway {
  const n = e.years.length;
  const horizon = e.baseYear + n - 1;
  if (!(t.corePct >= 0)) throw new ParameterError("target.corePct", "must be 0 or more");
  if (!(t.relatedPct >= 0)) throw new ParameterError("target.relatedPct", "must be 0 or more");
  if (t.targetYear <= e.baseYear)
    throw new ParameterError("target.targetYear", `${t.targetYear} is not after ${e.ally}'s base year ${e.baseYear}`);
  if (t.targetYear > horizon) throw new ParameterError("target.targetYear", `${t.targetYear} is beyond the horizon ${horizon}`);

  const columns = columnViews(buffer, byteOffset, n);
  const alreadyMet = e.baseSharePct >= t.corePct && t.shape !== "plan";
  coreShares(e, t, alreadyMet, columns.coreSharePct);
  relatedShares(e, t, columns.relatedSharePct);
  fillAmounts(e, t.relatedBasePct, columns);
  const targetIndex = t.targetYear - e.baseYear;
  const review = t.reviewYear - e.baseYear;
  return {
    ally: e.ally,
    name: e.name,
    region: e.region,
    currency: e.currency,
    baseYear: e.baseYear,
    baseEstimate: e.baseEstimate,
    baseSharePct: e.baseSharePct,
    baseGdp: e.baseGdp,
    baseNcPerUsd: e.baseNcPerUsd,
    rateSource: e.rateSource,
    usdConstPerNcAtBase: e.usdConstPerNcAtBase,
    target: t,
    alreadyMet,
    years: e.years,
    columns,
    reviewIndex: review >= 0 && review < n ? review : -1,
    targetIndex,
    linearStepPp: alreadyMet ? 0 : (t.corePct - e.baseSharePct) / targetIndex,
    gdpSource: e.gdpSource,
  };
}

/** Every amount column from the two share columns, and the running sums of the extras. */
function fillAmounts(e: AllyEconomy, relatedBasePct: number, c: Record<PathwayColumn, Float64Array>): void {
  let sumCoreNc = 0;
  let sumCoreUsd = 0;
  let sumCoreConst = 0;
  let sumRelatedNc = 0;
  let sumRelatedUsd = 0;
  let sumRelatedConst = 0;
  for (let k = 0; k < e.years.length; k++) {
    const gdp = e.gdpNcM[k] as number;
    const rate = e.ncPerUsd[k] as number;
    const core = c.coreSharePct[k] as number;
    const related = c.relatedSharePct[k] as number;
    const toConst = e.usdConstPerNcAtBase / (e.deflatorRel[k] as number);
    c.totalSharePct[k] = core + related;
    c.gdpNcM[k] = gdp;
    c.ncPerUsd[k] = rate;
    const coreNc = (core / 100) * gdp;
    const relatedNc = (related / 100) * gdp;
    const coreExtra = ((core - e.baseSharePct) / 100) * gdp;
    const relatedExtra = ((related - relatedBasePct) / 100) * gdp;
    c.coreNcM[k] = coreNc;
    c.relatedNcM[k] = relatedNc;
    c.totalNcM[k] = coreNc + relatedNc;
    c.coreUsdCurrentM[k] = coreNc / rate;
    c.relatedUsdCurrentM[k] = relatedNc / rate;
    c.totalUsdCurrentM[k] = (coreNc + relatedNc) / rate;
    c.coreUsdConstM[k] = coreNc * toConst;
    c.totalUsdConstM[k] = (coreNc + relatedNc) * toConst;
    c.coreExtraNcM[k] = coreExtra;
    c.coreExtraUsdCurrentM[k] = coreExtra / rate;
    c.coreExtraUsdConstM[k] = coreExtra * toConst;
    c.relatedExtraNcM[k] = relatedExtra;
    c.relatedExtraUsdCurrentM[k] = relatedExtra / rate;
    c.relatedExtraUsdConstM[k] = relatedExtra * toConst;
    // The base year adds no extra: the sums start with the first year of the climb.
    if (k > 0) {
      sumCoreNc += coreExtra;
      sumCoreUsd += coreExtra / rate;
      sumCoreConst += coreExtra * toConst;
      sumRelatedNc += relatedExtra;
      sumRelatedUsd += relatedExtra / rate;
      sumRelatedConst += relatedExtra * toConst;
    }
    c.cumulativeCoreExtraNcM[k] = sumCoreNc;
    c.cumulativeCoreExtraUsdCurrentM[k] = sumCoreUsd;
    c.cumulativeCoreExtraUsdConstM[k] = sumCoreConst;
    c.cumulativeRelatedExtraNcM[k] = sumRelatedNc;
    c.cumulativeRelatedExtraUsdCurrentM[k] = sumRelatedUsd;
    c.cumulativeRelatedExtraUsdConstM[k] = sumRelatedConst;
  }
}

export function allianceSums(paths: readonly AllyPathway[], horizon: number): AllianceSums {
  let first = horizon;
  for (const p of paths) first = Math.min(first, p.baseYear);
  const n = Math.max(0, horizon - first + 1);
  const years = new Int32Array(n);
  for (let k = 0; k < n; k++) years[k] = first + k;
  const sums: AllianceSums = {
    years,
    alliesCounted: new Int32Array(n),
    totalUsdCurrentM: new Float64Array(n),
    coreUsdCurrentM: new Float64Array(n),
    coreUsdConstM: new Float64Array(n),
    usCoreUsdCurrentM: new Float64Array(n),
    europeCanadaCoreUsdCurrentM: new Float64Array(n),
    coreExtraUsdCurrentM: new Float64Array(n),
    relatedExtraUsdCurrentM: new Float64Array(n),
    coreShareOfAllianceGdpPct: new Float64Array(n),
  };
  const gdpUsd = new Float64Array(n);
  // Summed in ISO3 order, so the totals are the same to the last bit whatever order allies come in.
  const ordered = paths.length > 1 ? [...paths].sort((a, b) => (a.ally < b.ally ? -1 : a.ally > b.ally ? 1 : 0)) : paths;
  for (const p of ordered) {
    const c = p.columns;
    const us = p.ally === "USA";
    for (let k = 0; k < p.years.length; k++) {
      const j = (p.years[k] as number) - first;
      if (j < 0 || j >= n) continue;
      const core = c.coreUsdCurrentM[k] as number;
      sums.alliesCounted[j] = (sums.alliesCounted[j] as number) + 1;
      sums.totalUsdCurrentM[j] = (sums.totalUsdCurrentM[j] as number) + (c.totalUsdCurrentM[k] as number);
      sums.coreUsdCurrentM[j] = (sums.coreUsdCurrentM[j] as number) + core;
      sums.coreUsdConstM[j] = (sums.coreUsdConstM[j] as number) + (c.coreUsdConstM[k] as number);
      if (us) sums.usCoreUsdCurrentM[j] = (sums.usCoreUsdCurrentM[j] as number) + core;
      else sums.europeCanadaCoreUsdCurrentM[j] = (sums.europeCanadaCoreUsdCurrentM[j] as number) + core;
      sums.coreExtraUsdCurrentM[j] = (sums.coreExtraUsdCurrentM[j] as number) + (c.coreExtraUsdCurrentM[k] as number);
      sums.relatedExtraUsdCurrentM[j] = (sums.relatedExtraUsdCurrentM[j] as number) + (c.relatedExtraUsdCurrentM[k] as number);
      gdpUsd[j] = (gdpUsd[j] as number) + (c.gdpNcM[k] as number) / (c.ncPerUsd[k] as number);
    }
  }
  for (let j = 0; j < n; j++)
    sums.coreShareOfAllianceGdpPct[j] = gdpUsd[j] ? ((sums.coreUsdCurrentM[j] as number) / (gdpUsd[j] as number)) * 100 : Number.NaN;
  return sums;
}

export interface PathwayOptions {
  /** ISO3 codes; all allies with a base year when omitted. */
  allies?: readonly string[] | undefined;
  /** Per-ally targets (scenario overrides), replacing `target` where given. */
  targetFor?: ((ally: string) => AllyPathTarget) | undefined;
}

/** Every selected ally's path and the alliance sums, from a prepared context. */
export function computePathways(ds: Dataset, ctx: PathwayContext, target: CompleteTarget, opts: PathwayOptions = {}): PathwaySet {
  const wanted = opts.allies ? new Set(opts.allies) : null;
  if (wanted)
    for (const a of wanted)
      if (!ctx.economies.some((e) => e.ally === a)) {
        const why = ctx.excluded.find((x) => x.ally === a);
        throw new ParameterError("allies", why ? `${a} has no pathway: ${why.reason}` : `unknown ally ${a}`);
      }
  const economies = wanted ? ctx.economies.filter((e) => wanted.has(e.ally)) : ctx.economies;
  let bytes = 0;
  for (const e of economies) bytes += pathwayBytes(e.years.length);
  const buffer = new ArrayBuffer(bytes);
  const allies: AllyPathway[] = [];
  let offset = 0;
  for (const e of economies) {
    allies.push(computeAllyPathway(e, opts.targetFor ? opts.targetFor(e.ally) : resolveTarget(ds, e.ally, target), buffer, offset));
    offset += pathwayBytes(e.years.length);
  }
  const assumptions = [...ctx.assumptions];
  if (target.relatedBasePct === 0)
    assumptions.push(
      "Related (1.5%) spending starts from 0 in the base year because NATO publishes no such figure: all of it counts as related extra, reported apart from core extra, and part of it may already be spent today.",
    );
  assumptions.push(`The ${target.reviewYear} review year is marked on every path.`);
  return {
    vintageId: ctx.vintageId,
    imfVintageId: ctx.imfVintageId,
    priceBaseYear: ctx.priceBaseYear,
    reviewYear: target.reviewYear,
    allies,
    excluded: wanted ? ctx.excluded.filter((x) => wanted.has(x.ally)) : ctx.excluded,
    alliance: allianceSums(allies, ctx.horizon),
    assumptions,
  };
}
