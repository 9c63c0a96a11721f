import { describe, expect, it } from "vitest";
import { computeAffordability } from "../../src/core/affordability/affordability.ts";
import { runBurden } from "../../src/core/affordability/affordability-request.ts";
import { allianceAggregates } from "../../src/core/aggregates.ts";
import { allianceStatus, allyYearStatus, check } from "../../src/core/compliance.ts";
import { complianceTable } from "../../src/core/compliance-tables.ts";
import { completeTarget } from "../../src/core/hague-figures.ts";
import { computePathways } from "../../src/core/pathway.ts";
import { preparePathwayContext } from "../../src/core/pathway-context.ts";
import { runPathwayRequest } from "../../src/core/pathway-request.ts";
import { revisions } from "../../src/core/revisions.ts";
import { findPreset, runScenario } from "../../src/core/scenarios.ts";
import { loadDataset } from "../../src/data/load-dataset.ts";
import { BurdenParamsSchema } from "../../src/model/affordability.ts";
import type { IndicatorId } from "../../src/model/indicator.ts";
import { EconomicAssumptionsSchema, PathwayRequestSchema, PathwayTargetSchema } from "../../src/model/pathway.ts";
import golden from "./golden.json" with { type: "json" };
import { golden as recompute } from "./recompute.ts";

/**
 * The core against the independent oracle (recompute.ts, which reads the CSVs and uses none of src/).
 * Tolerances are relative 1e-9: the two do the same arithmetic in a different order, nothing more.
 */
const ds = loadDataset();
const close = (actual: number | undefined, expected: number | undefined, what: string) => {
  if (actual === undefined || expected === undefined) throw new Error(`${what}: missing`);
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
};

describe("the golden file", () => {
  it("is what the oracle computes from today's CSVs (regenerate it with npx tsx test/oracle/recompute.ts, and review the diff)", () => {
    expect(JSON.parse(JSON.stringify(recompute()))).toEqual(golden);
  });
});

describe("counts of allies at 2%, by the members of the year", () => {
  it.each([
    ["2024-06", 2014],
    ["2024-06", 2024],
    ["2026-07", 2014],
    ["2026-07", 2024],
  ] as const)("%s, %i", (vintage, year) => {
    const agg = allianceAggregates(ds, year, vintage);
    const gdp2 = agg.counts.find((c) => c.guidelineId === "gdp2");
    const expected = golden.counts[vintage][year];
    expect(gdp2?.met.length).toBe(expected.met);
    expect((gdp2?.met.length ?? 0) + (gdp2?.below.length ?? 0)).toBe(expected.of);
    expect(agg.membership.members).toBe(expected.members);
  });

  it("the 3.5% core guideline is not counted before 2025, and counted in 2026", () => {
    const before = allianceAggregates(ds, 2024, "2024-06").counts.find((c) => c.guidelineId === "hague_core");
    expect(golden.counts.hagueCore2024.inForce).toBe(false);
    expect(before?.inForce).toBe(false);
    expect(before?.met).toEqual([]);
    const after = allianceAggregates(ds, 2026, "2026-07").counts.find((c) => c.guidelineId === "hague_core");
    expect(after?.met.length).toBe(golden.counts.hagueCore2026.met);
  });
});

describe("the money gap to 2%: US dollars and national currency in their own columns", () => {
  it.each([
    ["ESP2024", "ESP", 2024, "2024-06"],
    ["BEL2024", "BEL", 2024, "2026-07"],
  ] as const)("%s", (key, iso3, year, vintage) => {
    const ally = ds.ally(iso3);
    if (!ally) throw new Error(iso3);
    const c = check(allyYearStatus(ds, ally, year, vintage), "gdp2");
    const g = golden.gapTo2Pct[key];
    close(c.gapPp ?? undefined, g.pp, "pp");
    close(c.gapUsdCurrentM ?? undefined, g.usd, "usd");
    close(c.gapNcCurrentM ?? undefined, g.nc, "nc");
  });
});

describe("the published compliance table carries each gap in its own column", () => {
  it("Spain 2024 (June 2024 release): gdp2_gap_usd_current_m in dollars, gdp2_gap_nc_current_m in euros", () => {
    const { rows } = complianceTable(ds, allianceStatus(ds, 2024, "2024-06"));
    const esp = rows.find((r) => r.ally === "ESP");
    const g = golden.gapTo2Pct.ESP2024;
    // Published to 2 decimals of millions: the oracle's figure rounded by hand.
    expect(esp?.gdp2_gap_usd_current_m).toBe(Math.round(g.usd * 100) / 100);
    expect(esp?.gdp2_gap_nc_current_m).toBe(Math.round(g.nc * 100) / 100);
    expect(esp?.gdp2_gap_pp).toBe(g.pp);
  });
});

describe("pathways to the Hague target, including the years after the IMF's horizon", () => {
  const economy = EconomicAssumptionsSchema.parse({});
  const ctx = preparePathwayContext(ds, { vintageId: "2026-07", imfVintageId: "weo-2026-04", horizon: 2035, economy });
  const set = computePathways(ds, ctx, completeTarget(ds, PathwayTargetSchema.parse({})));
  it.each(Object.keys(golden.paths))("%s", (iso3) => {
    const g = golden.paths[iso3 as keyof typeof golden.paths];
    const p = set.allies.find((x) => x.ally === iso3);
    if (!p) throw new Error(iso3);
    const k = (year: number) => year - p.baseYear;
    expect(p.baseYear).toBe(g.baseYear);
    close(p.baseSharePct, g.baseShare, "base share");
    close(p.columns.coreSharePct[k(2029)], g.coreShare2029, "core share 2029");
    close(p.columns.coreUsdCurrentM[k(2032)], g.coreUsd2032, "core $ 2032");
    close(p.columns.coreUsdCurrentM[k(2035)], g.coreUsd2035, "core $ 2035");
    close(p.columns.ncPerUsd[k(2033)], g.ncPerUsd2033, "rate 2033");
    close((p.columns.gdpNcM[k(2035)] as number) / (p.columns.ncPerUsd[k(2035)] as number), g.gdpUsd2035, "GDP $ 2035");
    close(p.columns.cumulativeCoreExtraUsdCurrentM[k(2035)], g.cumulativeCoreExtraUsd2035, "cumulative core extra");
    close(p.columns.cumulativeRelatedExtraUsdCurrentM[k(2035)], g.cumulativeRelatedExtraUsd2035, "cumulative related extra");
  });

  it("Türkiye's 2035 core spending in dollars stays below Germany's, and its GDP near the IMF's dollar path", () => {
    expect(golden.paths.TUR.coreUsd2035).toBeLessThan(golden.paths.DEU.coreUsd2035);
    const tur2031 = ds.get("weo-2026-04", "TUR", "gdp_usd_current_bn", 2031)?.value as number;
    const p = set.allies.find((x) => x.ally === "TUR");
    if (!p) throw new Error("TUR");
    const k = 2031 - p.baseYear;
    const gdpUsd2031 = (p.columns.gdpNcM[k] as number) / (p.columns.ncPerUsd[k] as number) / 1000;
    // NATO's base GDP is not the IMF's, so the levels differ by the base-year gap; the path must not double.
    expect(gdpUsd2031 / tur2031).toBeGreaterThan(0.8);
    expect(gdpUsd2031 / tur2031).toBeLessThan(1.25);
  });
});

describe("the Rupture scenario", () => {
  const preset = findPreset("rupture");
  if (!preset) throw new Error("rupture");
  const r = runScenario(ds, preset, { imfVintageId: "weo-2026-04", defaultVintageId: "2026-07" });
  it.each([2030, 2035] as const)("%i: the US gap, Europe's cover and the alliance totals with the cover added", (year) => {
    const g = golden.rupture[year];
    const cover = r.gapCover;
    if (!cover) throw new Error("no cover");
    const k = cover.years.indexOf(year);
    close(cover.usGapUsdCurrentM[k], g.usGapUsdM, "US gap");
    close(cover.coveredUsdCurrentM[k], g.coveredUsdM, "covered");
    close(cover.coveredShareOfEuropeCanadaGdpPp[k], g.coveredPpOfEuropeCanadaGdp, "covered pp");
    const a = r.pathways.alliance;
    const j = year - (a.years[0] as number);
    close(a.coreUsdCurrentM[j], g.allianceCoreUsdM, "alliance core");
    close(a.coreShareOfAllianceGdpPct[j], g.allianceCoreShareOfGdpPct, "alliance core share of GDP");
  });
});

describe("revisions are changes beyond the precision of the less precise release", () => {
  it.each(golden.revisions.map((g) => [`${g.ally} ${g.indicator} ${g.year}`, g] as const))("%s", (_, g) => {
    const r = revisions(ds, {
      fromVintageId: "2024-06",
      toVintageId: "2026-07",
      indicator: g.indicator as IndicatorId,
      ally: g.ally,
      year: g.year,
    });
    if (!r.ok) throw new Error(r.reason);
    const rev = r.revisions[0];
    expect(rev?.revised).toBe(g.revised);
    close(rev?.change, g.change, "change");
  });
});

describe("affordability: the debt a borrowed Hague path adds, and the US gap against its own path", () => {
  const set = runPathwayRequest(ds, PathwayRequestSchema.parse({ allies: ["CAN", "DEU", "ITA", "NOR"] }));
  const aff = computeAffordability(ds, set, null, { financing: "borrow", interestBeyondWeoPct: null, reviewYear: 2029, targetYear: 2035 });
  it.each(Object.keys(golden.affordability))("%s: debt with and without the path in 2029 and 2035", (iso3) => {
    const g = golden.affordability[iso3 as keyof typeof golden.affordability];
    const a = aff.allies.find((x) => x.ally === iso3);
    if (!a) throw new Error(iso3);
    const k = (year: number) => year - a.baseYear;
    close(a.baselineDebtPct[k(2029)], g.debt2029.baseline, "baseline 2029");
    close(a.debtPct[k(2029)], g.debt2029.withPath, "with path 2029");
    close(a.baselineDebtPct[k(2035)], g.debt2035.baseline, "baseline 2035");
    close(a.debtPct[k(2035)], g.debt2035.withPath, "with path 2035");
  });

  it("the US at 2 % by 2029: the 2035 gap against its own path to the Hague target", () => {
    const r = runBurden(ds, BurdenParamsSchema.parse({ usSharePct: 2, byYear: 2029, against: "path" }));
    close(r.gapUsdM[r.years.indexOf(2035)], golden.usGapAgainstOwnPath2035, "US gap 2035 against its path");
  });
});
