import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { createPercentileScratch, percentilesByBracketing, percentilesInPlace } from "./percentiles.ts";

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

describe("percentiles by bracketing (large samples, one pass)", () => {
  const PS5 = [5, 25, 50, 75, 95];
  function lcg(seed: number) {
    let s = seed >>> 0;
    return () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 4294967296;
    };
  }

  it("equals selection on 20,000 random values, with and without a monotone transform", () => {
    const next = lcg(7);
    const a = Float64Array.from({ length: 20_000 }, () => next() * 2 - 1);
    const expected = new Float64Array(5);
    percentilesInPlace(
      Float64Array.from(a, (v) => 3 * Math.exp(v)),
      PS5,
      expected,
    );
    const got = new Float64Array(5);
    const copy = Float64Array.from(a);
    percentilesByBracketing(a, PS5, got, 0, createPercentileScratch(a.length), (v) => 3 * Math.exp(v));
    expect(Array.from(got)).toEqual(Array.from(expected));
    expect(Array.from(a)).toEqual(Array.from(copy)); // the input is left as it was
  });

  it("stays exact on an adversarial order where the strided sample misleads (falls back)", () => {
    // Sorted descending in blocks so that the strided sample sees only large values.
    const n = 16_384;
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) a[i] = i % 16 === 0 ? 1e6 + i : i;
    const expected = new Float64Array(5);
    percentilesInPlace(Float64Array.from(a), PS5, expected);
    const got = new Float64Array(5);
    percentilesByBracketing(a, PS5, got, 0, createPercentileScratch(n));
    expect(Array.from(got)).toEqual(Array.from(expected));
  });

  it("handles ties and constant samples", () => {
    const a = new Float64Array(10_000).fill(2.5);
    const got = new Float64Array(5);
    percentilesByBracketing(a, PS5, got, 0, createPercentileScratch(a.length));
    expect(Array.from(got)).toEqual([2.5, 2.5, 2.5, 2.5, 2.5]);
  });
});
