import { describe, expect, it } from "vitest";
import { loadPlanClaims } from "../data/claimed-plans.ts";
import { loadDataset } from "../data/load-dataset.ts";
import { EconomicAssumptionsSchema } from "../model/pathway.ts";
import { AnnualPlanSchema } from "../model/plan.ts";
import { preparePathwayContext } from "./pathway-context.ts";
import { planCredibilityReport } from "./plan-assessment-inputs.ts";
import { claimsForPlan, seedPlansFromClaims } from "./plan-seed.ts";

const ds = loadDataset();
const claims = loadPlanClaims();
const ctx = preparePathwayContext(ds, {
  vintageId: "2026-07",
  imfVintageId: "weo-2026-04",
  horizon: 2050,
  economy: EconomicAssumptionsSchema.parse({}),
});
const seeded = (id: string) => {
  const s = seedPlansFromClaims(claims).find((x) => `${x.plan.ally}-${x.plan.submissionYear}` === id);
  if (!s) throw new Error(`no seed ${id}`);
  return AnnualPlanSchema.parse(s.plan);
};
const report = (id: string) => {
  const plan = seeded(id);
  return planCredibilityReport(ds, ctx, plan, undefined, claimsForPlan(claims, plan.ally, plan.submissionYear));
};

describe("restating planned amounts as shares of GDP, by hand from the CSVs", () => {
  it("Germany 2029: €153 bn is 2.99 % of the IMF's GDP and of NATO's GDP, not the 3.5 % claimed", () => {
    const r = report("DEU-2025").restatements.find((x) => x.year === 2029);
    // IMF WEO April 2026, DEU gdp_nc_current_bn 2029 = 5119.06.
    expect(r?.pctOfImfGdp).toBeCloseTo((153 / 5119.06) * 100, 12);
    // NATO July 2026: DEU 2026 GDP $5,455,980 m at NATO's rate (€124,660 m = $147,002 m) → €4,626.8 bn;
    // grown with the IMF to 2029 (5119.06 / 4624.127).
    const natoGdp2029 = (5455980 * (124660 / 147002) * (5119.06 / 4624.127)) / 1000;
    expect(r?.natoGdpNcBn).toBeCloseTo(natoGdp2029, 6);
    expect(r?.pctOfNatoGdp).toBeCloseTo((153 / natoGdp2029) * 100, 9);
    expect(r?.pctOfImfGdp).toBeCloseTo(2.9888, 4);
    expect(r?.claimedPct).toBe(3.5);
    expect(r?.definition).toBe("not_stated");
    expect(r?.note).toMatch(/not a NATO-definition figure/);
  });

  it("Poland 2026: PLN 200 bn is 4.83 % of the IMF's GDP and of NATO's GDP (claimed 4.8 %)", () => {
    const r = report("POL-2025").restatements.find((x) => x.year === 2026);
    expect(r?.pctOfImfGdp).toBeCloseTo((200 / 4140.988) * 100, 12);
    // NATO July 2026: POL 2026 GDP $1,134,841 m at NATO's rate (PLN 193,789 m = $53,080 m).
    expect(r?.pctOfNatoGdp).toBeCloseTo((200 / ((1134841 * (193789 / 53080)) / 1000)) * 100, 9);
    expect(r?.pctOfImfGdp).toBeCloseTo(4.8298, 4);
    expect(r?.note).toMatch(/never compared with NATO's series/);
  });
});

describe("credibility: a grade with its reasons", () => {
  it("Germany's 2025 statements: the €153 bn restated below the 3.5 % claim is a listed concern; the 2026 budget (a national measure) is not set against the NATO-definition 2.8 %", () => {
    const rep = report("DEU-2025");
    const c = rep.credibility;
    const below = c.reasons.filter((r) => r.code === "restated_below_claim").map((r) => r.text.slice(0, 4));
    expect(below).toEqual(["2025", "2029"]);
    const budget2026 = rep.restatements.find((x) => x.year === 2026);
    expect(budget2026).toMatchObject({ definition: "national", claimedPct: 2.8, comparable: false });
    expect(c.reasons.map((r) => r.code)).toContain("not_nato_definition");
    expect(c.concerns).toBe(c.reasons.filter((r) => r.concern).length);
  });

  it("Italy's path is conditional on leaving the excessive deficit procedure", () => {
    const c = report("ITA-2025").credibility;
    expect(c.reasons.find((r) => r.code === "conditional")?.text).toMatch(/DPFP/);
    expect(c.reasons.find((r) => r.code === "reaches_target")).toBeDefined();
  });

  it("every plan's grade follows from its listed concerns (A none, B one, C two or three, D more)", () => {
    for (const s of seedPlansFromClaims(claims)) {
      const c = report(`${s.plan.ally}-${s.plan.submissionYear}`).credibility;
      expect(c.reasons.length).toBeGreaterThan(0);
      const n = c.reasons.filter((r) => r.concern).length;
      expect(c.grade).toBe(n === 0 ? "A" : n === 1 ? "B" : n <= 3 ? "C" : "D");
    }
  });
});
