import { describe, expect, it } from "vitest";
import { loadDataset } from "../../data/load-dataset.ts";
import { recentTrend, type ShareSeries, sipriShares } from "./share-history.ts";
import { commonTrend, fitTrajectory, trajectoryPath, volatilityScale } from "./trajectory.ts";

const series = (entity: string, values: Record<number, number>): ShareSeries => ({
  entity,
  byYear: new Map(Object.entries(values).map(([y, v]) => [Number(y), v])),
});

describe("the trajectory rule on made-up series", () => {
  // Two allies whose log share grows by a constant each year: A by ln 1.1, B by ln 0.9.
  const grow = (entity: string, r: number) =>
    series(entity, Object.fromEntries(Array.from({ length: 30 }, (_, i) => [2000 + i, 2 * r ** i])));
  const a = grow("A", 1.1);
  const b = grow("B", 0.9);

  it("recent trend and common trend are mean yearly log changes", () => {
    expect(recentTrend(a, 2015, 5)).toBeCloseTo(Math.log(1.1), 12);
    expect(commonTrend([a, b], 2015, 5)).toBeCloseTo((Math.log(1.1) + Math.log(0.9)) / 2, 12);
    expect(recentTrend(a, 1999, 5)).toBeNull();
  });

  it("where trends have always continued exactly, the fit carries all of them and has no error", () => {
    const fit = fitTrajectory([a, b], { origin: 2029, window: 5, horizons: 3, volatilityPrior: 10, firstOrigin: 2005 });
    // y = a·M + c·(m − M) with y = m exactly: a = c = 1 (least squares recovers them).
    for (let j = 0; j < 3; j++) {
      expect(fit.commonCarry[j]).toBeCloseTo(1, 9);
      expect(fit.ownCarry[j]).toBeCloseTo(1, 9);
      expect(fit.sigma[j]).toBeCloseTo(0, 9);
    }
    const p = trajectoryPath(fit, Math.log(1.1), 0, 1);
    expect(p.drift[2]).toBeCloseTo(3 * Math.log(1.1), 9);
  });

  it("the no-carry variant is a random walk whose spread is the root mean square of past h-year changes", () => {
    const fit = fitTrajectory([a, b], { origin: 2029, window: 5, horizons: 2, volatilityPrior: 10, firstOrigin: 2005, carry: false });
    expect(fit.commonCarry[0]).toBe(0);
    // Every one-year log change is ±ln 1.1 or ln 0.9: mean square (ln²1.1 + ln²0.9)/2.
    expect(fit.sigma[0]).toBeCloseTo(Math.sqrt((Math.log(1.1) ** 2 + Math.log(0.9) ** 2) / 2), 9);
    expect(fit.sigma[1]).toBeCloseTo(Math.sqrt(((2 * Math.log(1.1)) ** 2 + (2 * Math.log(0.9)) ** 2) / 2), 9);
  });

  it("an ally as volatile as the pool has scale 1; a calm one is pulled towards 1 by the prior", () => {
    const fit = { pooledOneYearVar: 0.01 } as Parameters<typeof volatilityScale>[3];
    const flat = series("F", Object.fromEntries(Array.from({ length: 11 }, (_, i) => [2010 + i, 2])));
    // Own variance 0 over 10 changes, prior 10 pseudo-years of 0.01: (0 + 10·0.01)/20/0.01 = 0.5 → √0.5.
    expect(volatilityScale(flat, 2020, 10, fit, 10)).toBeCloseTo(Math.sqrt(0.5), 12);
  });
});

describe("the trajectory fitted on SIPRI", () => {
  const ds = loadDataset();
  const sipri = sipriShares(
    ds,
    "sipri-2025-04",
    ds.allies.map((x) => x.iso3),
    2023,
  );
  const fit = fitTrajectory(sipri, { origin: 2023, window: 10, horizons: 11, volatilityPrior: 10, firstOrigin: 1960 });
  it("learns from thousands of ally-years, and the spread widens with the horizon", () => {
    expect(fit.samples).toBeGreaterThan(5000);
    for (let h = 1; h < 11; h++) expect(fit.sigma[h]).toBeGreaterThanOrEqual(fit.sigma[h - 1] as number);
    expect(fit.sigma[0]).toBeGreaterThan(0.02);
  });
  it("uses only years up to the origin", () => {
    const later = fitTrajectory(
      sipriShares(
        ds,
        "sipri-2025-04",
        ds.allies.map((x) => x.iso3),
      ),
      { origin: 2023, window: 10, horizons: 11, volatilityPrior: 10, firstOrigin: 1960 },
    );
    // SIPRI's 2024 figures exist but cannot change a fit made at 2023.
    expect([...later.commonCarry]).toEqual([...fit.commonCarry]);
    expect([...later.sigma]).toEqual([...fit.sigma]);
  });
});
