import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadDataset } from "../data/load-dataset.ts";
import { type AnnualPlan, AnnualPlanSchema } from "../model/plan.ts";
import { assessPlan, linearPathPct } from "./plan-assessment.ts";
import { planAssessmentTargets } from "./plan-assessment-inputs.ts";

function sharePlan(coreByYear: Record<number, number>, relatedByYear: Record<number, number> = {}): AnnualPlan {
  return AnnualPlanSchema.parse({
    ally: "POL",
    submissionYear: 2025,
    unit: "share",
    years: Object.entries(coreByYear).map(([year, corePct]) => ({
      year: Number(year),
      corePct,
      ...(relatedByYear[Number(year)] === undefined ? {} : { relatedPct: relatedByYear[Number(year)] }),
    })),
  });
}

const noActuals = new Map<number, number>();
// The Hague targets as the bundled dataset gives them (checked against the CSVs below).
const hague = planAssessmentTargets(loadDataset(), "POL");
const base = { actualCoreShareByYear: noActuals, baseYear: 2025, baseSharePct: 2.0, targets: hague };

describe("assessPlan: targets come from data/guidelines.csv and data/target-overrides.csv", () => {
  const csv = (file: string) =>
    parse(readFileSync(new URL(`../../data/${file}`, import.meta.url), "utf8"), { columns: true }) as Record<string, string>[];
  const row = (id: string) => csv("guidelines.csv").find((r) => r.id === id) as Record<string, string>;

  it("core, total, target year and review year are the CSV's cells, not literals", () => {
    expect(hague).toEqual({
      corePct: Number(row("hague_core").threshold),
      totalPct: Number(row("hague_total").threshold),
      year: Number(row("hague_core").target_year),
      reviewYear: Number(row("hague_core").review_year),
    });
    // The cells themselves, so that a wrong column read is caught: 3.5 % + 1.5 % = 5 % by 2035, review 2029.
    expect(hague).toEqual({ corePct: 3.5, totalPct: 5, year: 2035, reviewYear: 2029 });
  });

  it("Spain's core target is its arrangement in target-overrides.csv; its total stays the common one", () => {
    const spain = csv("target-overrides.csv").find((r) => r.ally_iso3 === "ESP" && r.guideline_id === "hague_core");
    expect(planAssessmentTargets(loadDataset(), "ESP")).toEqual({ ...hague, corePct: Number(spain?.threshold) });
  });

  it("a changed review year moves the back-loading pivot (nothing is hard-wired to 2029)", () => {
    const plan = sharePlan({ 2029: 2.6, 2030: 2.75, 2035: 3.5 });
    // Review in 2030: 0.75 of the 1.5 pp increase comes after it.
    expect(assessPlan(plan, { ...base, targets: { ...hague, reviewYear: 2030 } }).fractionOfIncreaseAfter2029).toBeCloseTo(0.5, 10);
    expect(assessPlan(plan, base).fractionOfIncreaseAfter2029).toBeCloseTo(0.6, 10);
  });
});

// Hand-made back-loaded plan: +0.2 pp by 2029, +1.3 pp in 2030-2035 (1.3 / 1.5 = 86.7 % after 2029).
const backLoaded = sharePlan({
  2026: 2.0,
  2027: 2.1,
  2028: 2.1,
  2029: 2.2,
  2030: 2.5,
  2031: 2.8,
  2032: 3.0,
  2033: 3.2,
  2034: 3.4,
  2035: 3.5,
});

describe("assessPlan: trajectory", () => {
  it("a plan that never falls is incremental; one that dips names the years it falls in", () => {
    expect(assessPlan(backLoaded, base)).toMatchObject({ incremental: true, fallingYears: [] });
    const dipping = sharePlan({ 2026: 2.3, 2027: 2.2, 2028: 2.4, 2029: 2.3, 2030: 2.3 });
    expect(assessPlan(dipping, base)).toMatchObject({ incremental: false, fallingYears: [2027, 2029] });
  });

  it("years are judged in calendar order whatever order the plan lists them in", () => {
    const shuffled = sharePlan({ 2028: 2.4, 2026: 2.2, 2027: 2.3 });
    expect(assessPlan(shuffled, base).incremental).toBe(true);
  });

  it("86.7 % of the increase after 2029 is back-loaded; an even path (40 % after 2029) is not", () => {
    const a = assessPlan(backLoaded, base);
    expect(a.backLoaded).toBe(true);
    expect(a.fractionOfIncreaseAfter2029).toBeCloseTo(1.3 / 1.5, 10);
    // Linear 2.0 → 3.5 over 2025-2035: 2029 is at 2.6, so 0.9 of 1.5 (60 %) comes after 2029.
    const linear = sharePlan({ 2029: 2.6, 2035: 3.5 });
    expect(assessPlan(linear, base).fractionOfIncreaseAfter2029).toBeCloseTo(0.6, 10);
    expect(assessPlan(linear, base).backLoaded).toBe(true);
    const frontLoaded = sharePlan({ 2029: 2.9, 2035: 3.5 });
    expect(assessPlan(frontLoaded, base).fractionOfIncreaseAfter2029).toBeCloseTo(0.4, 10);
    expect(assessPlan(frontLoaded, base).backLoaded).toBe(false);
  });

  it("back-loading is unknown (null, with a stated gap) when the plan has no 2029 or no 2035", () => {
    const a = assessPlan(sharePlan({ 2026: 2.1, 2035: 3.5 }), base);
    expect(a.backLoaded).toBeNull();
    expect(a.gaps).toEqual([{ year: 2029, plan: "this", reason: "no core share planned for 2029: back-loading cannot be judged" }]);
  });

  it("distance from the linear path: 2.0 % in 2025 → 3.5 % in 2035 climbs 0.15 pp a year", () => {
    const a = assessPlan(backLoaded, base);
    const at = (year: number) => a.distanceFromLinearPathPp.find((d) => d.year === year);
    expect(at(2030)?.pathPct).toBeCloseTo(2.75, 10);
    expect(at(2030)?.distancePp).toBeCloseTo(-0.25, 10);
    expect(at(2026)?.distancePp).toBeCloseTo(-0.15, 10);
    expect(at(2035)?.distancePp).toBeCloseTo(0, 10);
  });

  it("an ally already above its target is held at its base share, as the pathway rule holds it (Poland 4.68 % never cut to 3.5 %)", () => {
    // Hand computation: the pathway holds 4.68 % in every year, so a plan of 4.8 % in 2030 is 0.12 pp ahead
    // (a straight line down to 3.5 % would put the path at 4.68 − 1.18 × 4/9 = 4.1556 % and the plan 0.64 pp ahead).
    const poland = sharePlan({ 2027: 4.7, 2030: 4.8, 2035: 3.6 });
    const a = assessPlan(poland, { ...base, baseYear: 2026, baseSharePct: 4.68 });
    expect(a.distanceFromLinearPathPp.map((d) => d.pathPct)).toEqual([4.68, 4.68, 4.68]);
    expect(a.distanceFromLinearPathPp.map((d) => d.distancePp)).toEqual([4.7 - 4.68, 4.8 - 4.68, 3.6 - 4.68]);
  });

  it("property: the path never falls, never passes the target from below, and lands on it in the target year", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 8, noNaN: true }), fc.integer({ min: 2020, max: 2034 }), (baseSharePct, baseYear) => {
        const path = linearPathPct(baseYear, baseSharePct, hague);
        let last = path(baseYear);
        expect(last).toBe(baseSharePct);
        for (let y = baseYear + 1; y <= hague.year + 3; y++) {
          const v = path(y);
          expect(v).toBeGreaterThanOrEqual(last);
          expect(v).toBeLessThanOrEqual(Math.max(baseSharePct, hague.corePct));
          last = v;
        }
        expect(path(hague.year)).toBe(Math.max(baseSharePct, hague.corePct));
      }),
    );
  });

  it("refuses a base year at or after the target year, naming the field", () => {
    expect(() => assessPlan(backLoaded, { ...base, baseYear: 2035 })).toThrow(/^baseYear: /);
  });
});

describe("assessPlan: targets", () => {
  it.each([
    { corePct: 3.5, reaches: true, why: "exactly the target" },
    { corePct: 3.495, reaches: true, why: "published as 3.50" },
    { corePct: 3.494, reaches: false, why: "published as 3.49" },
  ])("core $corePct in 2035 → reaches 3.5: $reaches ($why)", ({ corePct, reaches }) => {
    expect(assessPlan(sharePlan({ 2030: 2.5, 2035: corePct }), base).reachesCore35By2035).toBe(reaches);
  });

  it("a target met only after 2035 is not met by 2035", () => {
    expect(assessPlan(sharePlan({ 2035: 3.0, 2036: 3.6 }), base).reachesCore35By2035).toBe(false);
  });

  it("Spain's 2.1 % is passed in by the caller", () => {
    const spain = sharePlan({ 2026: 2.0, 2027: 2.1 });
    expect(assessPlan(spain, base).reachesCore35By2035).toBe(false);
    expect(assessPlan(spain, { ...base, targets: { ...hague, corePct: 2.1 } }).reachesCore35By2035).toBe(true);
  });

  it("the 5 % total needs related spending; without it the answer is unknown, never 'no'", () => {
    expect(assessPlan(sharePlan({ 2035: 3.5 }, { 2035: 1.5 }), base).reachesTotal5By2035).toBe(true);
    expect(assessPlan(sharePlan({ 2035: 3.5 }, { 2035: 1.0 }), base).reachesTotal5By2035).toBe(false);
    expect(assessPlan(sharePlan({ 2034: 3.5, 2035: 3.5 }, { 2034: 1.0 }), base).reachesTotal5By2035).toBeNull();
  });
});

describe("assessPlan: comparisons", () => {
  it("vsActuals subtracts NATO's figure where one exists (2025: 2.0 − 1.87 = +0.13 pp)", () => {
    const plan = sharePlan({ 2025: 2.0, 2026: 2.2 });
    const a = assessPlan(plan, { ...base, actualCoreShareByYear: new Map([[2025, 1.87]]) });
    expect(a.vsActuals).toHaveLength(1);
    expect(a.vsActuals[0]).toMatchObject({ year: 2025, planPct: 2.0, actualPct: 1.87 });
    expect(a.vsActuals[0]?.differencePp).toBeCloseTo(0.13, 10);
  });

  it("vsPrevious: 2.5 % in 2030 against last year's 2.8 % is 0.3 pp of slippage", () => {
    const previous = sharePlan({ 2029: 2.4, 2030: 2.8, 2031: 3.0 }, { 2030: 1.0 });
    const current = sharePlan({ 2030: 2.5, 2031: 3.1, 2032: 3.2 }, { 2030: 1.2 });
    const a = assessPlan(current, { ...base, previousPlan: previous });
    expect(a.vsPrevious.map((v) => v.year)).toEqual([2030, 2031]);
    expect(a.vsPrevious[0]?.corePp).toBeCloseTo(-0.3, 10);
    expect(a.vsPrevious[0]?.totalPp).toBeCloseTo(-0.1, 10);
    expect(a.vsPrevious[1]?.corePp).toBeCloseTo(0.1, 10);
    expect(a.vsPrevious[1]?.totalPp).toBeNull();
  });
});

describe("assessPlan: plans in amounts", () => {
  const amounts = AnnualPlanSchema.parse({
    ally: "DNK",
    submissionYear: 2025,
    unit: "amount",
    years: [
      { year: 2026, coreNcM: 20, relatedNcM: 5 },
      { year: 2027, coreNcM: 50 },
      { year: 2028, coreNcM: 60 },
    ],
  });

  it("converts with GDP (20 of 1000 = 2 %) and states the year it cannot convert", () => {
    const gdpNcMByYear = new Map([
      [2026, 1000],
      [2027, 2000],
    ]);
    const a = assessPlan(amounts, { ...base, gdpNcMByYear });
    expect(a.shares).toEqual([
      { year: 2026, corePct: 2, relatedPct: 0.5, totalPct: 2.5 },
      { year: 2027, corePct: 2.5, relatedPct: null, totalPct: null },
      { year: 2028, corePct: null, relatedPct: null, totalPct: null },
    ]);
    expect(a.gaps).toContainEqual({ year: 2028, plan: "this", reason: "no GDP for year 2028: amounts cannot be converted to shares" });
    expect(a.reachesCore35By2035).toBeNull();
    expect(a.distanceFromLinearPathPp.map((d) => d.year)).toEqual([2026, 2027]);
  });

  it("without any GDP every year is a gap and nothing is invented", () => {
    const a = assessPlan(amounts, base);
    expect(a.shares.every((s) => s.corePct === null)).toBe(true);
    expect(a.gaps.filter((g) => g.reason.startsWith("no GDP")).map((g) => g.year)).toEqual([2026, 2027, 2028]);
    expect(a.vsActuals).toEqual([]);
    expect(a.incremental).toBe(true);
  });
});
