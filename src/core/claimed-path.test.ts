import { describe, expect, it } from "vitest";
import { loadPlanClaims } from "../data/claimed-plans.ts";
import { loadDataset } from "../data/load-dataset.ts";
import { AnnualPlanSchema, type PlanSummary, planIdOf } from "../model/plan.ts";
import { claimedPathsToCore } from "./claimed-path.ts";
import { SEED_ACTOR, seedPlansFromClaims } from "./plan-seed.ts";

const ds = loadDataset();
const summaries: PlanSummary[] = seedPlansFromClaims(loadPlanClaims()).map((s) => {
  const plan = AnnualPlanSchema.parse(s.plan);
  const planId = planIdOf(plan.ally, plan.submissionYear);
  const createdAt = "2026-01-01T00:00:00.000Z";
  return {
    planId,
    ally: plan.ally,
    submissionYear: plan.submissionYear,
    createdAt,
    latest: { planId, version: 1, status: "active", createdAt, createdBy: SEED_ACTOR, ...plan },
  };
});

describe("allies with a claimed path to 3.5 %", () => {
  it("from the seeded statements: the ten allies whose plan reaches 3.5 % by 2035 (read off data/plans/claimed.csv)", () => {
    const paths = claimedPathsToCore(ds, summaries, "weo-2026-04");
    // Share claims ≥ 3.5 up to 2035: CAN 2035, DEU 2029, DNK 2030, EST 2026 (5.4), GBR 2035, ITA 2035, LTU 2026 (5.38),
    // LVA 2026 (4.91), POL 2026 (4.8), SWE 2030. Not: BEL 2.5, CZE 3, FIN 3, NOR 3.3, FRA's €64 bn (about 2 % of GDP).
    expect(paths.map((p) => p.ally)).toEqual(["CAN", "DEU", "DNK", "EST", "GBR", "ITA", "LTU", "LVA", "POL", "SWE"]);
    expect(paths.find((p) => p.ally === "DEU")).toMatchObject({ planId: "DEU-2025", year: 2029, corePct: 3.5, basis: "share" });
  });

  it("a withdrawn plan does not count; a plan in amounts counts on the IMF's GDP", () => {
    const withdrawn = summaries.map((s) => (s.ally === "DEU" ? { ...s, latest: { ...s.latest, status: "withdrawn" as const } } : s));
    expect(claimedPathsToCore(ds, withdrawn, "weo-2026-04").map((p) => p.ally)).not.toContain("DEU");
    const amount = summaries.filter((s) => s.planId === "EST-2026");
    // €2,400 m over the IMF's Estonian GDP for 2026.
    const gdp = ds.get("weo-2026-04", "EST", "gdp_nc_current_bn", 2026)?.value as number;
    expect(claimedPathsToCore(ds, amount, "weo-2026-04")).toEqual([
      { ally: "EST", planId: "EST-2026", year: 2026, corePct: (2400 / (gdp * 1000)) * 100, targetPct: 3.5, basis: "amount" },
    ]);
  });
});
