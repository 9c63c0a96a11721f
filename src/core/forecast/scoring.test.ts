import { describe, expect, it } from "vitest";
import { brier, crpsLogNormal, crpsPoint, crpsSorted, logNormalAtOrAbove, logNormalCovers, normalCdf, Z_50, Z_90 } from "./scoring.ts";

describe("scoring functions on cases computed by hand", () => {
  it("Brier: (p − outcome)²", () => {
    expect(brier(0.7, true)).toBeCloseTo(0.09, 12);
    expect(brier(0.7, false)).toBeCloseTo(0.49, 12);
    expect(brier(1, true)).toBe(0);
  });

  it("CRPS of a point forecast is its absolute error", () => {
    expect(crpsPoint(2.5, 2.1)).toBeCloseTo(0.4, 12);
    expect(crpsPoint(1, 3)).toBe(2);
  });

  it("CRPS of a two-member ensemble {1, 3} at 2: mean|X − y| = 1, ½ mean|X − X'| = ½ · (0 + 2 + 2 + 0)/4 = 0.5 → 0.5", () => {
    expect(crpsSorted([1, 3], 2)).toBeCloseTo(0.5, 12);
    // At 0: mean|X − 0| = 2, minus 0.5 → 1.5.
    expect(crpsSorted([1, 3], 0)).toBeCloseTo(1.5, 12);
  });

  it("the standard normal distribution at known points (tables: Φ(1) = 0.841345, Φ(−1.96) = 0.024998)", () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1)).toBeCloseTo(0.841345, 6);
    expect(normalCdf(-1.96)).toBeCloseTo(0.024998, 6);
    expect(normalCdf(Z_50) - normalCdf(-Z_50)).toBeCloseTo(0.5, 6);
    expect(normalCdf(Z_90) - normalCdf(-Z_90)).toBeCloseTo(0.9, 6);
  });

  it("the log-normal CRPS formula agrees with a large ensemble drawn from its quantiles", () => {
    const mu = Math.log(2);
    const sigma = 0.3;
    // 20,000 evenly spaced quantiles by bisection on Φ: an independent route to the same distribution.
    const n = 20_000;
    const xs = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const u = (i + 0.5) / n;
      let lo = -10;
      let hi = 10;
      for (let k = 0; k < 60; k++) {
        const m = (lo + hi) / 2;
        if (normalCdf(m) < u) lo = m;
        else hi = m;
      }
      xs[i] = Math.exp(mu + sigma * ((lo + hi) / 2));
    }
    for (const y of [1.2, 2, 3.5]) expect(crpsLogNormal(mu, sigma, y)).toBeCloseTo(crpsSorted(xs, y), 3);
  });

  it("with no spread the log-normal CRPS is the absolute error", () => {
    expect(crpsLogNormal(Math.log(2), 0, 2.5)).toBeCloseTo(0.5, 12);
  });

  it("intervals and exceedance of exp(N(ln 2, 0.1²))", () => {
    // The 50 % interval is 2·e^(±0.0674): [1.8696, 2.1395].
    expect(logNormalCovers(Math.log(2), 0.1, Z_50, 2.13)).toBe(true);
    expect(logNormalCovers(Math.log(2), 0.1, Z_50, 2.15)).toBe(false);
    expect(logNormalAtOrAbove(Math.log(2), 0.1, 2)).toBeCloseTo(0.5, 7);
    // P(≥ 2·e^0.1) = 1 − Φ(1)
    expect(logNormalAtOrAbove(Math.log(2), 0.1, 2 * Math.exp(0.1))).toBeCloseTo(1 - 0.841345, 6);
  });
});
