import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { createPercentileScratch, percentilesByBuckets, percentilesInPlace } from "./percentiles.ts";

/** The textbook definition numpy uses by default: sort, then interpolate between neighbours. */
function bySorting(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = ((s.length - 1) * p) / 100;
  const k = Math.floor(h);
  const lo = s[k] as number;
  const hi = s[Math.min(k + 1, s.length - 1)] as number;
  return lo + (hi - lo) * (h - k);
}

const PS = [5, 25, 50, 75, 95];

describe("percentiles by selection", () => {
  it("matches numpy's linear interpolation on a small hand-checked sample", () => {
    // numpy.percentile([1,2,3,4,10], [5,25,50,75,95]) = [1.2, 2, 3, 4, 8.8]
    const out = new Float64Array(5);
    percentilesInPlace(new Float64Array([10, 3, 1, 4, 2]), PS, out);
    expect(Array.from(out).map((x) => Math.round(x * 1e9) / 1e9)).toEqual([1.2, 2, 3, 4, 8.8]);
  });

  test.prop([fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 400 })])(
    "equals sorting on any sample, duplicates and constant runs included",
    (values) => {
      const out = new Float64Array(PS.length);
      percentilesInPlace(Float64Array.from(values), PS, out);
      PS.forEach((p, i) => {
        expect(out[i]).toBeCloseTo(bySorting(values, p), 6);
      });
    },
  );

  it("gives NaN for an empty sample rather than a number", () => {
    const out = new Float64Array(2);
    percentilesInPlace(new Float64Array(0), [5, 95], out);
    expect(Number.isNaN(out[0])).toBe(true);
  });
});

describe("percentiles by buckets (large samples, two passes)", () => {
  const PS5 = [5, 25, 50, 75, 95];
  function lcg(seed: number) {
    let s = seed >>> 0;
    return () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 4294967296;
    };
  }
  const exact = (a: Float64Array, ps: number[], transform: (v: number) => number = (v) => v) => {
    const out = new Float64Array(ps.length);
    percentilesInPlace(Float64Array.from(a, transform), ps, out);
    return Array.from(out);
  };

  it("equals selection on 20,000 random values, with and without a monotone transform", () => {
    const next = lcg(7);
    const a = Float64Array.from({ length: 20_000 }, () => next() * 2 - 1);
    const got = new Float64Array(5);
    const copy = Float64Array.from(a);
    percentilesByBuckets(a, PS5, got, 0, createPercentileScratch(a.length), (v) => 3 * Math.exp(v));
    expect(Array.from(got)).toEqual(exact(a, PS5, (v) => 3 * Math.exp(v)));
    expect(Array.from(a)).toEqual(Array.from(copy)); // the input is left as it was
  });

  // The strided sample only sets the buckets' range: whatever it misses lands in the end buckets, which
  // are then larger, never wrong. Each case below defeats the sample in a different way.
  const cases: [string, (n: number, next: () => number) => Float64Array][] = [
    ["strided sample sees only outliers", (n) => Float64Array.from({ length: n }, (_, i) => (i % 16 === 0 ? 1e6 + i : i))],
    [
      "a few values beyond ±1e300 (the 32-bit conversion must not wrap)",
      (n, next) => Float64Array.from({ length: n }, (_, i) => (i % 997 === 1 ? (i % 2 ? 1e300 : -1e300) : next())),
    ],
    ["infinities", (n, next) => Float64Array.from({ length: n }, (_, i) => (i % 101 === 3 ? (i % 2 ? Infinity : -Infinity) : next()))],
    ["two values only (every order statistic in one bucket)", (n, next) => Float64Array.from({ length: n }, () => (next() < 0.3 ? -1 : 2))],
    ["sorted descending", (n) => Float64Array.from({ length: n }, (_, i) => n - i)],
    ["heavy tails (Cauchy)", (n, next) => Float64Array.from({ length: n }, () => Math.tan(Math.PI * (next() - 0.5)))],
    ["values a few ulps apart", (n, next) => Float64Array.from({ length: n }, () => 1 + Math.floor(next() * 8) * Number.EPSILON)],
  ];
  for (const [name, make] of cases)
    it(`stays exact: ${name}`, () => {
      for (const n of [4096, 10_001, 30_000]) {
        const a = make(n, lcg(n));
        const ps = [0, 1, 5, 25, 50, 75, 95, 99, 100];
        const got = new Float64Array(ps.length);
        percentilesByBuckets(a, ps, got, 0, createPercentileScratch(n));
        expect(Array.from(got)).toEqual(exact(a, ps));
      }
    });

  test.prop(
    [fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: 4096, max: 12_000 }), fc.double({ min: 1e-6, max: 1e6, noNaN: true })],
    {
      numRuns: 40,
    },
  )("equals selection for any seed, size and scale, with the scratch reused", (seed, n, scale) => {
    const next = lcg(seed);
    const a = Float64Array.from({ length: n }, () => (next() - 0.3) * scale);
    const scratch = createPercentileScratch(12_000);
    const got = new Float64Array(5);
    percentilesByBuckets(a, PS5, got, 0, scratch);
    expect(Array.from(got)).toEqual(exact(a, PS5));
    // A second call on other data with the same scratch: no bucket is left marked from the first.
    const b = a.map((v) => -v);
    percentilesByBuckets(b, PS5, got, 0, scratch);
    expect(Array.from(got)).toEqual(exact(b, PS5));
  });

  it("handles ties and constant samples", () => {
    const a = new Float64Array(10_000).fill(2.5);
    const got = new Float64Array(5);
    percentilesByBuckets(a, PS5, got, 0, createPercentileScratch(a.length));
    expect(Array.from(got)).toEqual([2.5, 2.5, 2.5, 2.5, 2.5]);
  });
});
