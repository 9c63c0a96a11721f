import { describe, expect, it } from "vitest";
import { loadDataset } from "../../data/load-dataset.ts";
import { loadPublishedCostings } from "../../data/published-costings.ts";
import { costExtraScenario, costShareScenario } from "./costing-check.ts";

/**
 * Canada on the Parliamentary Budget Officer's stated assumptions (Feb 2026): core spending rising
 * linearly from 2.0 % of GDP in 2025(-26) to 3.5 % in 2035(-36), borrowed. PBO's figures are read from
 * data/costings/published_costings.csv. Pledge runs the scenario on the IMF's GDP and the WEO's implied
 * interest, PBO on its own projections (not published in the stored material), so the check holds within
 * stated tolerances (docs/affordability.md explains the differences):
 * - money: within 8 % (Pledge's GDP in 2035 is the IMF's carried at its 2026–2031 growth);
 * - deficit: within 0.2 points of GDP (Pledge adds no offset to the extra spending; PBO's +1.4 is below the 1.5 spent);
 * - debt ratio: within 1.5 points (the rate Pledge charges is the WEO's net rate over gross debt).
 */
const TOLERANCE = { moneyRel: 0.08, deficitPp: 0.2, debtPp: 1.5 };

const ds = loadDataset();
const pbo = new Map(loadPublishedCostings().map((r) => [`${r.indicator}|${r.year}`, r.value]));
const fig = (indicator: string, year: number) => {
  const v = pbo.get(`${indicator}|${year}`);
  if (v === undefined) throw new Error(`no ${indicator} ${year} in the costings file`);
  return v;
};

describe("PBO's Canadian costing, reproduced on PBO's stated assumptions", () => {
  const from = fig("pbo_core_defence_share_gdp_pct", 2025);
  const to = fig("pbo_core_defence_share_gdp_pct", 2035);
  const c = costShareScenario(ds, "weo-2026-04", {
    ally: "CAN",
    fromYear: 2025,
    fromPct: from,
    toYear: 2035,
    toPct: to,
    financing: "borrow",
  });
  const last = c.years.length - 1;

  it("the scenario is PBO's: 2.0 % → 3.5 %, linear, nothing extra in the first year", () => {
    expect([from, to]).toEqual([2, 3.5]);
    expect(c.sharePct[0]).toBe(2);
    expect(c.sharePct[last]).toBeCloseTo(3.5, 12);
    expect(c.extraPct[5]).toBeCloseTo(0.75, 12);
  });

  it(`core spending in 2035 within ${TOLERANCE.moneyRel * 100} % of PBO's C$159 bn`, () => {
    const published = fig("pbo_core_defence_cad_bn", 2035);
    expect(Math.abs((c.spendingNcBn[last] as number) / published - 1)).toBeLessThan(TOLERANCE.moneyRel);
  });

  it(`average extra spending within ${TOLERANCE.moneyRel * 100} % of PBO's C$33.5 bn a year`, () => {
    const published = fig("pbo_average_additional_cad_bn_per_year", 2035);
    expect(Math.abs(c.meanExtraNcBn / published - 1)).toBeLessThan(TOLERANCE.moneyRel);
  });

  it(`the deficit in 2035 within ${TOLERANCE.deficitPp} points of PBO's +1.4`, () => {
    expect(Math.abs((c.extraDeficitPct[last] as number) - fig("pbo_deficit_increase_pct_gdp", 2035))).toBeLessThan(TOLERANCE.deficitPp);
  });

  it(`the debt ratio in 2035 within ${TOLERANCE.debtPp} points of PBO's +6.3`, () => {
    expect(Math.abs((c.extraDebtPct[last] as number) - fig("pbo_debt_ratio_increase_pp", 2035))).toBeLessThan(TOLERANCE.debtPp);
  });

  it("by hand: the 2026 step adds 0.15 points of GDP to the debt, at the IMF's 2026 GDP", () => {
    expect(c.extraDebtPct[1]).toBeCloseTo(0.15, 12);
    expect(c.extraNcBn[1]).toBeCloseTo(0.0015 * (ds.get("weo-2026-04", "CAN", "gdp_nc_current_bn", 2026)?.value as number), 9);
  });
});

describe("UPB's Italian moderate scenario, run mechanically (docs/affordability.md sets it beside UPB's +0.7)", () => {
  const extra = [2025, 2026, 2027, 2028].map((y) => fig("upb_extra_defence_pct_gdp", y));
  const c = costExtraScenario(ds, "weo-2026-04", { ally: "ITA", fromYear: 2025, extraPct: extra, financing: "borrow" });

  it("is UPB's path: 0.25 points in 2025, then 0.5 a year to 2028, borrowed", () => {
    expect(extra).toEqual([0.25, 0.5, 0.5, 0.5]);
  });

  it("adds debt by the recursion, with the WEO's Italian growth and effective rates, computed here by hand", () => {
    const v = (indicator: string, y: number) => ds.get("weo-2026-04", "ITA", indicator as never, y)?.value as number;
    let x = extra[0] as number;
    for (let k = 1; k < 4; k++) {
      const y = 2025 + k;
      const i = (v("gg_primary_net_lending_nc_bn", y) - v("gg_net_lending_nc_bn", y)) / v("gg_gross_debt_nc_bn", y - 1);
      const g = v("gdp_nc_current_bn", y) / v("gdp_nc_current_bn", y - 1) - 1;
      x = (x * (1 + i)) / (1 + g) + (extra[k] as number);
    }
    expect(c.extraDebtPct[3]).toBeCloseTo(x, 12);
    // Mechanical accounting (no feedback on GDP or revenue) gives more than UPB's published +0.7: the doc explains why.
    expect(c.extraDebtPct[3] as number).toBeGreaterThan(fig("upb_debt_ratio_increase_pp", 2028));
  });
});
