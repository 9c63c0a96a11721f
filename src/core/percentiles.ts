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

/** Values in the strided sample that sets the buckets' range. */
const SAMPLE = 1024;
/** Below this size a plain selection on a copy is as fast as counting into buckets. */
const BUCKET_MIN = 4096;
const BUCKETS = 4096;

export interface PercentileScratch {
  /** How many values fall in each bucket. */
  counts: Int32Array;
  /** For each bucket, the slot of its region + 1 when one of the order statistics lies in it (0: not wanted). */
  wanted: Int32Array;
  /** The values of the wanted buckets, one region after another. */
  region: Float64Array;
  n: number;
}

export function createPercentileScratch(n: number): PercentileScratch {
  return { counts: new Int32Array(BUCKETS), wanted: new Int32Array(BUCKETS), region: new Float64Array(Math.max(n, 1)), n };
}

const identity = (v: number) => v;

/**
 * The same percentiles as `percentilesInPlace` (numpy's linear interpolation), for large samples,
 * without reordering `a`. The range of a strided sample of 1,024 values is cut into 4,096 equal
 * buckets (values outside it go to the end buckets). One pass counts the values per bucket; the
 * running counts name the bucket that holds each needed order statistic and its rank there; a second
 * pass copies only those buckets' values (a few hundred for 100,000 normal draws), and selection runs
 * on them. The bucket of a value never decreases as the value grows, so the answer is exact for any
 * input: a misleading sample or a constant input only makes the wanted buckets larger.
 *
 * `transform`, if given, is monotone increasing: the result is the percentile of transform(a) with
 * interpolation between transformed order statistics, without transforming every value.
 */
export function percentilesByBuckets(
  a: Float64Array,
  ps: readonly number[],
  out: Float64Array,
  offset: number,
  scratch: PercentileScratch,
  transform: (v: number) => number = identity,
): void {
  const n = a.length;
  const P = ps.length;
  if (n < BUCKET_MIN || scratch.region.length < n) {
    const copy = Float64Array.from(a);
    for (let i = 0; i < n; i++) copy[i] = transform(copy[i] as number);
    percentilesInPlace(copy, ps, out, offset);
    return;
  }
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const stride = n / SAMPLE;
  for (let i = 0; i < SAMPLE; i++) {
    const v = a[Math.floor(i * stride)] as number;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const scale = hi > lo && Number.isFinite(hi - lo) ? BUCKETS / (hi - lo) : 0;
  const counts = scratch.counts;
  counts.fill(0);
  countIntoBuckets(a, lo, scale, counts, BUCKETS - 1);

  // The order statistics needed: k, and k + 1 where a percentile falls between two values.
  const ks: number[] = [];
  for (let i = 0; i < P; i++) {
    const h = ((n - 1) * (ps[i] as number)) / 100;
    const k = Math.floor(h);
    ks.push(k);
    if (h > k && k + 1 < n) ks.push(k + 1);
  }
  const order = [...new Set(ks)].sort((x, y) => x - y);
  const bucketOf = new Int32Array(order.length);
  const rankIn = new Int32Array(order.length);
  const wanted = scratch.wanted;
  const starts: number[] = [];
  const sizes: number[] = [];
  let below = 0;
  let b = 0;
  for (let j = 0; j < order.length; j++) {
    const k = order[j] as number;
    while (below + (counts[b] as number) <= k) below += counts[b++] as number;
    bucketOf[j] = b;
    rankIn[j] = k - below;
    if (wanted[b] === 0) {
      starts.push(sizes.reduce((s, m) => s + m, 0));
      sizes.push(counts[b] as number);
      wanted[b] = starts.length;
    }
  }
  const write = Int32Array.from(starts);
  const region = scratch.region;
  copyWantedBuckets(a, lo, scale, wanted, write, region, BUCKETS - 1);

  const valueAt = new Float64Array(order.length);
  for (let j = 0; j < order.length; j++) {
    const slot = (wanted[bucketOf[j] as number] as number) - 1;
    const start = starts[slot] as number;
    const values = region.subarray(start, start + (sizes[slot] as number));
    select(values, 0, values.length - 1, rankIn[j] as number);
    valueAt[j] = values[rankIn[j] as number] as number;
  }
  for (let j = 0; j < order.length; j++) wanted[bucketOf[j] as number] = 0;
  for (let i = 0; i < P; i++) {
    const h = ((n - 1) * (ps[i] as number)) / 100;
    const k = Math.floor(h);
    const frac = h - k;
    const v0 = valueAt[order.indexOf(k)] as number;
    const v1 = frac > 0 && k + 1 < n ? (valueAt[order.indexOf(k + 1)] as number) : v0;
    out[offset + i] = interpolate(transform(v0), transform(v1), frac);
  }
}

/**
 * A value's bucket: its offset from `lo` in bucket widths, clamped to the buckets before truncation
 * (so that a far outlier cannot wrap around in the 32-bit conversion). NaN lands in bucket 0.
 */
function countIntoBuckets(a: Float64Array, lo: number, scale: number, counts: Int32Array, last: number): void {
  const n = a.length;
  for (let j = 0; j < n; j++) {
    let x = ((a[j] as number) - lo) * scale;
    x = x > 0 ? x : 0;
    x = x < last ? x : last;
    const b = x | 0;
    counts[b] = (counts[b] as number) + 1;
  }
}

function copyWantedBuckets(
  a: Float64Array,
  lo: number,
  scale: number,
  wanted: Int32Array,
  write: Int32Array,
  region: Float64Array,
  last: number,
): void {
  const n = a.length;
  for (let j = 0; j < n; j++) {
    const v = a[j] as number;
    let x = (v - lo) * scale;
    x = x > 0 ? x : 0;
    x = x < last ? x : last;
    const slot = wanted[x | 0] as number;
    if (slot !== 0) {
      const w = write[slot - 1] as number;
      region[w] = v;
      write[slot - 1] = w + 1;
    }
  }
}

const interpolate = (below: number, above: number, frac: number) => (frac > 0 ? below + (above - below) * frac : below);
