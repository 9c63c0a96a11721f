import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { loadDataset } from "../../data/load-dataset.ts";
import { EconomicAssumptionsSchema, PathwayTargetSchema } from "../../model/pathway.ts";
import { completeTarget } from "../hague-figures.ts";
import { type AllyPathway, computePathways } from "../pathway.ts";
import { preparePathwayContext } from "../pathway-context.ts";
import { type AllyModel, simulateAlly, simulatePathways } from "../simulation.ts";
import { calibrateVolatility } from "../simulation-calibration.ts";
import { forecastPercentileRows, forecastProbabilityRows } from "./forecast-tables.ts";
import { planPathFor } from "./plan-models.ts";
import { trajectorySetup } from "./trajectory-models.ts";

const ds = loadDataset();
const ctx = preparePathwayContext(ds, {
  vintageId: "2026-07",
  imfVintageId: "weo-2026-04",
  horizon: 2035,
  economy: EconomicAssumptionsSchema.parse({}),
});
const set = computePathways(ds, ctx, completeTarget(ds, PathwayTargetSchema.parse({})));
const cal = calibrateVolatility(ds, { imfVintageId: "weo-2026-04", fromVintage: "2024-06", toVintage: "2026-07", firstYear: 2000 });
const traj = trajectorySetup(ds, "2026-07", set.allies);
const path = (iso: string) => set.allies.find((x) => x.ally === iso) as AllyPathway;
const vol = (iso: string) => cal.allies.get(iso) as NonNullable<ReturnType<typeof cal.allies.get>>;
const still = (iso: string) => ({ ...vol(iso), gdpSigma: 0, executionSigma: 0 });
const P = [5, 25, 50, 75, 95];
const opts = { paths: 2000, seed: 11, percentiles: P };

/** The same path with another core target and target year (the trajectory does not depend on either). */
function retarget(p: AllyPathway, corePct: number, targetYear: number): AllyPathway {
  return { ...p, target: { ...p.target, corePct, targetYear }, targetIndex: targetYear - p.baseYear };
}

describe("zero volatility reproduces the deterministic path", () => {
  it("trajectory: every percentile is base × exp(median drift), the base year NATO's figure", () => {
    const m = traj.models.ITA as Extract<AllyModel, { kind: "trajectory" }>;
    const flat: AllyModel = { kind: "trajectory", logDrift: m.logDrift, logSd: new Float64Array(m.logSd.length) };
    const r = simulateAlly(path("ITA"), still("ITA"), opts, undefined, undefined, flat);
    const s0 = path("ITA").columns.coreSharePct[0] as number;
    for (let k = 0; k < r.years.length; k++)
      for (let q = 0; q < P.length; q++) expect(r.coreSharePct[k * P.length + q]).toBe(s0 * Math.exp(m.logDrift[k] as number));
  });

  it("plan model without bias or shocks: the plan's path exactly", () => {
    const r = simulateAlly(path("DEU"), still("DEU"), opts, undefined, undefined, { kind: "plan", executionBias: 0 });
    for (let k = 0; k < r.years.length; k++) expect(r.coreSharePct[k * P.length + 2]).toBe(path("DEU").columns.coreSharePct[k]);
  });

  it("plan model's bias moves every year but the base by exactly that factor", () => {
    const r = simulateAlly(path("DEU"), still("DEU"), opts, undefined, undefined, { kind: "plan", executionBias: -0.1 });
    expect(r.coreSharePct[2]).toBe(path("DEU").columns.coreSharePct[0]);
    expect(r.coreSharePct[5 * P.length + 2]).toBeCloseTo((path("DEU").columns.coreSharePct[5] as number) * Math.exp(-0.1), 12);
  });

  it("national currency is dollars at the path's stated rate, year by year", () => {
    const r = simulateAlly(path("POL"), vol("POL"), opts, undefined, undefined, traj.models.POL);
    for (let k = 0; k < r.years.length; k++)
      expect(r.coreNcM[k * P.length + 2]).toBeCloseTo(
        (r.coreUsdCurrentM[k * P.length + 2] as number) * (path("POL").columns.ncPerUsd[k] as number),
        6,
      );
  });
});

describe("the trajectory model", () => {
  it("same seed, same numbers; another seed, other numbers", () => {
    const a = simulateAlly(path("ITA"), vol("ITA"), opts, undefined, undefined, traj.models.ITA);
    const b = simulateAlly(path("ITA"), vol("ITA"), opts, undefined, undefined, traj.models.ITA);
    const c = simulateAlly(path("ITA"), vol("ITA"), { ...opts, seed: 12 }, undefined, undefined, traj.models.ITA);
    expect(a.coreSharePct).toEqual(b.coreSharePct);
    expect(a.pTargetByTargetYear).toBe(b.pTargetByTargetYear);
    expect(a.coreSharePct).not.toEqual(c.coreSharePct);
  });

  it("its spread matches the stated standard deviation of the log share (p95/p5 = e^(2·1.645·sd))", () => {
    const m = traj.models.ITA as Extract<AllyModel, { kind: "trajectory" }>;
    const r = simulateAlly(path("ITA"), vol("ITA"), { ...opts, paths: 40_000 }, undefined, undefined, m);
    const k = 9;
    const ratio = (r.coreSharePct[k * 5 + 4] as number) / (r.coreSharePct[k * 5] as number);
    expect(Math.log(ratio) / (2 * 1.6449)).toBeCloseTo(m.logSd[k] as number, 2);
  });

  it("an ally already above the target has reached it by any year; in-year is at most by-year", () => {
    const pol = simulateAlly(path("POL"), vol("POL"), opts, undefined, undefined, traj.models.POL);
    expect(pol.pTargetByTargetYear).toBe(1);
    expect(pol.pTargetByReviewYear).toBe(1);
    const ita = simulateAlly(path("ITA"), vol("ITA"), opts, undefined, undefined, traj.models.ITA);
    expect(ita.pTargetInTargetYear).toBeLessThanOrEqual(ita.pTargetByTargetYear);
    expect(ita.pTargetByReviewYear).toBeLessThanOrEqual(ita.pTargetByTargetYear);
  });

  test.prop(
    [
      fc.constantFrom("ITA", "DEU", "SVN", "DNK", "USA"),
      fc.double({ min: 1, max: 6, noNaN: true }),
      fc.double({ min: 0.01, max: 1, noNaN: true }),
    ],
    {
      numRuns: 15,
    },
  )("a higher target is never more likely, by or in the year", (ally, lower, step) => {
    const m = traj.models[ally];
    const lo = simulateAlly(retarget(path(ally), lower, 2035), vol(ally), opts, undefined, undefined, m);
    const hi = simulateAlly(retarget(path(ally), lower + step, 2035), vol(ally), opts, undefined, undefined, m);
    expect(hi.pTargetByTargetYear).toBeLessThanOrEqual(lo.pTargetByTargetYear);
    expect(hi.pTargetInTargetYear).toBeLessThanOrEqual(lo.pTargetInTargetYear);
  });

  test.prop(
    [fc.constantFrom("ITA", "DEU", "SVN", "GBR"), fc.double({ min: 2, max: 5, noNaN: true }), fc.integer({ min: 2027, max: 2034 })],
    {
      numRuns: 15,
    },
  )("reaching the target by a later year is never less likely", (ally, target, year) => {
    const m = traj.models[ally];
    const early = simulateAlly(retarget(path(ally), target, year), vol(ally), opts, undefined, undefined, m);
    const late = simulateAlly(retarget(path(ally), target, year + 1), vol(ally), opts, undefined, undefined, m);
    expect(late.pTargetByTargetYear).toBeGreaterThanOrEqual(early.pTargetByTargetYear);
  });
});

describe("the published tables", () => {
  it("the probability table's spread in the target year is the percentile table's row for that year", () => {
    const result = simulatePathways([path("SVN"), path("ITA")], cal, opts, undefined, undefined, traj.models);
    const run = { model: "trajectory" as const, result, names: new Map([["SVN", "Slovenia"]]), reviewYear: 2029 };
    const probs = forecastProbabilityRows([run]);
    const rows = forecastPercentileRows([run]);
    for (const p of probs) {
      const row = rows.find((r) => r.ally === p.ally && r.year === p.target_year);
      // Published at 2 decimals in one table and 4 in the other.
      expect(p.share_p5_at_target).toBeCloseTo(row?.core_share_p5 as number, 2);
      expect(p.share_p50_at_target).toBeCloseTo(row?.core_share_p50 as number, 2);
      expect(p.share_p95_at_target).toBeCloseTo(row?.core_share_p95 as number, 2);
      expect(p.share_p5_at_target as number).toBeLessThan(p.share_p95_at_target as number);
    }
    expect(probs[0]?.name).toBe("Slovenia");
  });
});

describe("a plan from the registry as a path", () => {
  it("keeps the years after the base year, newest submission first", () => {
    const plans = [
      { ally: "DEU", submissionYear: 2024, unit: "share" as const, years: [{ year: 2030, corePct: 2 }] },
      {
        ally: "DEU",
        submissionYear: 2025,
        unit: "share" as const,
        years: [
          { year: 2026, corePct: 2.4 },
          { year: 2029, corePct: 3.5 },
        ],
      },
    ];
    expect(planPathFor(plans, "DEU", 2026, 2035)).toEqual({ plan: { kind: "share", values: { "2029": 3.5 } }, submissionYear: 2025 });
    expect(planPathFor(plans, "DEU", 2029, 2035)).toBeNull();
    expect(planPathFor(plans, "FRA", 2026, 2035)).toBeNull();
  });
});
