/** Hoare-style quickselect on [lo, hi] so that a[k] holds the k-th smallest and the sides are partitioned. */
function select(a: Float64Array, lo: number, hi: number, k: number): void {
  while (hi > lo) {
    // Median of three as the pivot keeps sorted and constant inputs linear.
    const mid = (lo + hi) >>> 1;
    let x = a[lo] as number;
    let y = a[mid] as number;
    let z = a[hi] as number;
    if (x > y) [x, y] = [y, x];
    if (y > z) [y, z] = [z, y];
    if (x > y) [x, y] = [y, x];
    const pivot = y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** Places every order statistic in `ks` (sorted, within [lo, hi]) at its index: median first, then each side. */
function multiSelect(a: Float64Array, lo: number, hi: number, ks: readonly number[], kLo: number, kHi: number): void {
  while (kLo <= kHi && lo < hi) {
    const m = (kLo + kHi) >>> 1;
    const k = ks[m] as number;
    select(a, lo, hi, k);
    multiSelect(a, lo, k - 1, ks, kLo, m - 1);
    lo = k + 1;
    kLo = m + 1;
  }
}

/**
 * Percentiles (0–100, ascending) with numpy's default "linear" interpolation, by selection rather
 * than a sort: every needed order statistic (k and k + 1 where a percentile falls between two) is
 * put in place by one recursive multi-selection. Reorders `a` in place; writes into `out` at `offset`.
 */
export function percentilesInPlace(a: Float64Array, ps: readonly number[], out: Float64Array, offset = 0): void {
  const n = a.length;
  if (n === 0) {
    for (let i = 0; i < ps.length; i++) out[offset + i] = Number.NaN;
    return;
  }
  const ks: number[] = [];
  for (const p of ps) {
    const h = ((n - 1) * p) / 100;
    const k = Math.floor(h);
    ks.push(k);
    if (h > k && k + 1 < n) ks.push(k + 1);
  }
  const sorted = [...new Set(ks)].sort((x, y) => x - y);
  multiSelect(a, 0, n - 1, sorted, 0, sorted.length - 1);
  for (let i = 0; i < ps.length; i++) {
    const h = ((n - 1) * (ps[i] as number)) / 100;
    const k = Math.floor(h);
    const below = a[k] as number;
    const frac = h - k;
    out[offset + i] = frac > 0 && k + 1 < n ? below + ((a[k + 1] as number) - below) * frac : below;
  }
}

const SAMPLE = 2048;
/** Below this size a plain selection is as fast as bracketing. */
const BRACKET_MIN = 8192;
const MAX_PERCENTILES = 16;

export interface PercentileScratch {
  sample: Float64Array;
  /** One region of n + 1 values per bracket. */
  regions: Float64Array;
  n: number;
}

export function createPercentileScratch(n: number, percentiles = 5): PercentileScratch {
  return { sample: new Float64Array(SAMPLE), regions: new Float64Array((n + 1) * percentiles), n };
}

const identity = (v: number) => v;

/**
 * The same percentiles as `percentilesInPlace` (numpy's linear interpolation), for large samples,
 * without reordering `a`. A strided sample of 2,048 values brackets each percentile (± 4 standard
 * errors of the sample quantile); ONE branch-free pass sorts every value into "below bracket i",
 * "inside bracket i" (copied) or "above"; selection then runs on the few values inside. A bracket that
 * misses (possible only for adversarial orderings) falls back to selection on a copy: exact either way.
 *
 * `transform`, if given, is monotone increasing: the result is the percentile of transform(a) with
 * interpolation between transformed order statistics, without transforming every value.
 */
export function percentilesByBracketing(
  a: Float64Array,
  ps: readonly number[],
  out: Float64Array,
  offset: number,
  scratch: PercentileScratch,
  transform: (v: number) => number = identity,
): void {
  const n = a.length;
  const P = ps.length;
  if (n < BRACKET_MIN || P > MAX_PERCENTILES || scratch.regions.length < (n + 1) * P) {
    const copy = Float64Array.from(a);
    for (let i = 0; i < n; i++) copy[i] = transform(copy[i] as number);
    percentilesInPlace(copy, ps, out, offset);
    return;
  }
  const sample = scratch.sample;
  const stride = n / SAMPLE;
  for (let i = 0; i < SAMPLE; i++) sample[i] = a[Math.floor(i * stride)] as number;
  sample.sort();
  const lo = new Float64Array(P);
  const hi = new Float64Array(P);
  for (let i = 0; i < P; i++) {
    const p = (ps[i] as number) / 100;
    const q = p * (SAMPLE - 1);
    const margin = 4 * Math.sqrt(SAMPLE * Math.max(p * (1 - p), 1 / SAMPLE)) + 2;
    lo[i] = sample[Math.max(0, Math.floor(q - margin))] as number;
    hi[i] = sample[Math.min(SAMPLE - 1, Math.ceil(q + margin))] as number;
  }
  // Merge overlapping brackets so that the intervals are disjoint and ascending.
  const bLo: number[] = [];
  const bHi: number[] = [];
  const bracketOf = new Int32Array(P);
  for (let i = 0; i < P; i++) {
    const last = bHi.length - 1;
    if (last >= 0 && (lo[i] as number) <= (bHi[last] as number)) bHi[last] = Math.max(bHi[last] as number, hi[i] as number);
    else {
      bLo.push(lo[i] as number);
      bHi.push(hi[i] as number);
    }
    bracketOf[i] = bHi.length - 1;
  }
  const B = bLo.length;
  // Interval 2b + 1 is "inside bracket b"; even intervals lie between brackets.
  const counts = new Int32Array(11);
  const write = new Int32Array(11);
  const step = new Int32Array(11);
  const regions = scratch.regions;
  const dummy = regions.length - 1;
  for (let idx = 0; idx < 11; idx++) {
    const inside = idx < 2 * B ? idx & 1 : 0;
    write[idx] = inside ? ((idx - 1) >> 1) * (n + 1) : dummy;
    step[idx] = inside;
  }
  if (B > 5) {
    const copy = Float64Array.from(a);
    for (let i = 0; i < n; i++) copy[i] = transform(copy[i] as number);
    percentilesInPlace(copy, ps, out, offset);
    return;
  }
  classify(a, bLo, bHi, counts, write, step, regions);
  for (let i = 0; i < P; i++) {
    const h = ((n - 1) * (ps[i] as number)) / 100;
    const k = Math.floor(h);
    const frac = h - k;
    const need = frac > 0 && k + 1 < n ? k + 1 : k;
    const b = bracketOf[i] as number;
    let below = 0;
    for (let idx = 0; idx < 2 * b + 1; idx++) below += counts[idx] as number;
    const m = counts[2 * b + 1] as number;
    if (k < below || need >= below + m) {
      const copy = Float64Array.from(a);
      const tmp = new Float64Array(1);
      percentilesInPlace(copy, [ps[i] as number], tmp, 0);
      // Recompute through the transform from the exact order statistics.
      const below0 = copy[k] as number;
      const above0 = need === k ? below0 : minAbove(copy, k + 1, n);
      out[offset + i] = interpolate(transform(below0), transform(above0), frac);
      continue;
    }
    const inside = regions.subarray(b * (n + 1), b * (n + 1) + m);
    const kk = k - below;
    select(inside, 0, m - 1, kk);
    const v0 = inside[kk] as number;
    const v1 = need === k ? v0 : minAbove(inside, kk + 1, m);
    out[offset + i] = interpolate(transform(v0), transform(v1), frac);
  }
}

/**
 * The one pass: interval index = how many bounds the value passes (brackets beyond B are +∞ and add
 * nothing). Written out for five brackets, branch-free: with random data every comparison is a coin
 * toss for the branch predictor, and this form runs about four times faster than a loop over bounds.
 */
function classify(
  a: Float64Array,
  lo: number[],
  hi: number[],
  counts: Int32Array,
  write: Int32Array,
  step: Int32Array,
  regions: Float64Array,
): void {
  const inf = Number.POSITIVE_INFINITY;
  const l0 = lo[0] ?? inf;
  const h0 = hi[0] ?? inf;
  const l1 = lo[1] ?? inf;
  const h1 = hi[1] ?? inf;
  const l2 = lo[2] ?? inf;
  const h2 = hi[2] ?? inf;
  const l3 = lo[3] ?? inf;
  const h3 = hi[3] ?? inf;
  const l4 = lo[4] ?? inf;
  const h4 = hi[4] ?? inf;
  const n = a.length;
  type B = unknown;
  const one = (c: B) => c as number;
  for (let j = 0; j < n; j++) {
    const v = a[j] as number;
    const idx =
      one(v >= l0) +
      one(v > h0) +
      one(v >= l1) +
      one(v > h1) +
      one(v >= l2) +
      one(v > h2) +
      one(v >= l3) +
      one(v > h3) +
      one(v >= l4) +
      one(v > h4);
    counts[idx] = (counts[idx] as number) + 1;
    const w = write[idx] as number;
    regions[w] = v;
    write[idx] = w + (step[idx] as number);
  }
}

const interpolate = (below: number, above: number, frac: number) => (frac > 0 ? below + (above - below) * frac : below);

function minAbove(a: Float64Array, from: number, to: number): number {
  let m = Number.POSITIVE_INFINITY;
  for (let j = from; j < to; j++) if ((a[j] as number) < m) m = a[j] as number;
  return m;
}
