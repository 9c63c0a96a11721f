import { describe, expect, it } from "vitest";
import { loadPlanClaims } from "../data/claimed-plans.ts";
import { AnnualPlanSchema, PLAN_NOTES_MAX_CHARS } from "../model/plan.ts";
import { seedPlansFromClaims } from "./plan-seed.ts";

const claims = loadPlanClaims();
const seeds = seedPlansFromClaims(claims);
const seed = (id: string) => seeds.find((s) => `${s.plan.ally}-${s.plan.submissionYear}` === id);

describe("seed plans from the allies' statements (data/plans/claimed.csv)", () => {
  it("every statement belongs to exactly one seed plan, and every seed plan validates", () => {
    expect(seeds.flatMap((s) => s.claims.map((c) => c.row)).sort((a, b) => a - b)).toEqual(claims.map((c) => c.row));
    for (const s of seeds) expect(AnnualPlanSchema.safeParse(s.plan).success, `${s.plan.ally}-${s.plan.submissionYear}`).toBe(true);
    for (const s of seeds) expect((s.plan.notes ?? "").length).toBeLessThanOrEqual(PLAN_NOTES_MAX_CHARS);
  });

  it("Germany: 2.4 / 2.8 / 3.5 % claimed; the conflicting 3.05 % report for 2029 stays beside the claim in the notes", () => {
    const de = seed("DEU-2025");
    expect(de?.plan.years).toEqual([
      { year: 2025, corePct: 2.4 },
      { year: 2026, corePct: 2.8 },
      { year: 2029, corePct: 3.5 },
    ]);
    expect(de?.plan.notes).toContain("2029 planned_defexp_share_gdp_pct_alt = 3.05");
    expect(de?.plan.notes).toContain("not NATO-definition figures");
  });

  it("a range keeps both bounds in the notes and uses the lower one (Lithuania 5-6 %); a point claim wins over a bound", () => {
    const lt = seed("LTU-2025");
    expect(lt?.plan.years.find((y) => y.year === 2027)).toEqual({ year: 2027, corePct: 5 });
    expect(lt?.plan.years.find((y) => y.year === 2026)).toEqual({ year: 2026, corePct: 5.38 });
    expect(lt?.plan.notes).toContain("2027 planned_defexp_share_gdp_pct_max = 6");
    expect(lt?.plan.notes).toContain("2027: the lower bound 5 % is used");
  });

  it("Italy: 2 % in 2025 plus the DPFP's +0.15 / +0.30 / +0.50 pp; 3.5 % core and 5 % in all by 2035 (1.5 % related)", () => {
    expect(seed("ITA-2025")?.plan.years).toEqual([
      { year: 2025, corePct: 2 },
      { year: 2026, corePct: 2.15 },
      { year: 2027, corePct: 2.3 },
      { year: 2028, corePct: 2.5 },
      { year: 2035, corePct: 3.5, relatedPct: 1.5 },
    ]);
  });

  it("statements of a later year are a later plan (Denmark 2025 and 2026), so slippage can be measured between them", () => {
    expect(seed("DNK-2025")?.plan.years).toEqual([
      { year: 2025, corePct: 3 },
      { year: 2026, corePct: 3 },
    ]);
    expect(seed("DNK-2026")?.plan.years).toEqual([{ year: 2030, corePct: 3.5 }]);
  });

  it("an ally that gave only amounts gets a plan in million national currency (France €64 bn in 2027)", () => {
    expect(seed("FRA-2025")?.plan).toMatchObject({ unit: "amount", years: [{ year: 2027, coreNcM: 64000 }] });
  });
});
