import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { loadEuInstruments } from "../../data/eu-fiscal.ts";
import { findDataDir, loadDataset } from "../../data/load-dataset.ts";
import { type AffordabilityAssumptions, AffordabilityAssumptionsSchema } from "../../model/affordability.ts";
import { PathwayRequestSchema } from "../../model/pathway.ts";
import { hagueFigures } from "../hague-figures.ts";
import { runPathwayRequest } from "../pathway-request.ts";
import { type AffordabilitySet, computeAffordability } from "./affordability.ts";
import { affordabilitySummaryRows, affordabilityYearRows } from "./affordability-tables.ts";

const ds = loadDataset();
const eu = loadEuInstruments();
const h = hagueFigures(ds);
const years = { reviewYear: h.reviewYear, targetYear: h.targetYear };

/** The WEO cells straight from the CSV, an oracle independent of the dataset code. */
const weo = new Map<string, number>();
for (const r of parse(readFileSync(join(findDataDir(), "imf/weo-2026-04/imf_weo_apr2026.csv"), "utf8"), {
  columns: true,
  bom: true,
}) as Record<string, string>[])
  weo.set(`${r.ally_iso3}|${r.indicator}|${r.year}`, Number(r.value));
const cell = (ally: string, indicator: string, year: number) => weo.get(`${ally}|${indicator}|${year}`) as number;

function run(target: object, a: Partial<AffordabilityAssumptions> = {}): AffordabilitySet {
  const set = runPathwayRequest(ds, PathwayRequestSchema.parse({ target }));
  return computeAffordability(ds, set, eu, { ...AffordabilityAssumptionsSchema.parse(a), ...years });
}

describe("affordability of a path", () => {
  const hague = run({});

  it("derives the effective interest rate from the WEO: (primary − overall balance) ÷ last year's gross debt (Canada 2027, by hand)", () => {
    const can = hague.allies.find((a) => a.ally === "CAN");
    const k = 2027 - (can?.baseYear as number);
    const byHand =
      ((cell("CAN", "gg_primary_net_lending_nc_bn", 2027) - cell("CAN", "gg_net_lending_nc_bn", 2027)) /
        cell("CAN", "gg_gross_debt_nc_bn", 2026)) *
      100;
    // (−71.912 + 88.944) ÷ 3785.399 = 0.4499 %.
    expect(can?.interestRatePct[k]).toBeCloseTo(byHand, 12);
    expect(byHand).toBeCloseTo(0.44995, 4);
  });

  it("keeps the IMF's baseline debt ratio to the WEO horizon, cell for cell", () => {
    for (const a of hague.allies)
      for (let k = 0; k < a.years.length; k++) {
        const y = a.years[k] as number;
        if (y > 2031) continue;
        expect(a.baselineDebtPct[k], `${a.ally} ${y}`).toBe(cell(a.ally, "gg_gross_debt_pct_gdp", y));
        expect(a.fiscalSource[k]).toBe("weo");
      }
  });

  it("a path with no extra spending (a freeze) leaves every ally's debt exactly on the IMF baseline", () => {
    const freeze = run({ shape: "freeze", relatedPct: 0 });
    for (const a of freeze.allies) {
      expect(a.missing).toBeNull();
      for (let k = 0; k < a.years.length; k++) {
        expect(a.debtPct[k], `${a.ally} ${a.years[k]}`).toBe(a.baselineDebtPct[k]);
        expect(Math.abs(a.addedInterestNcM[k] as number)).toBe(0);
      }
    }
  });

  it("offset by other spending or raised in revenue, the debt stays on the baseline; borrowed, it rises with the extra", () => {
    for (const financing of ["offset", "revenue"] as const)
      for (const a of run({}, { financing }).allies)
        for (let k = 0; k < a.years.length; k++) expect(a.debtPct[k]).toBe(a.baselineDebtPct[k]);
    for (const a of hague.allies) {
      const t = h.targetYear - a.baseYear;
      if (a.coreExtraPctGdp[t] as number) expect(a.debtPct[t] as number).toBeGreaterThan(a.baselineDebtPct[t] as number);
    }
  });

  it("measures the extra against government spending and revenue from the IMF's ratios (Germany, target year, by hand)", () => {
    const deu = hague.allies.find((a) => a.ally === "DEU");
    const k = h.targetYear - (deu?.baseYear as number);
    const extra = (deu?.coreExtraPctGdp[k] as number) + (deu?.relatedExtraPctGdp[k] as number);
    // Beyond 2031 the ratios are the last WEO year's, held.
    expect(deu?.extraPctExpenditure[k]).toBeCloseTo((extra / cell("DEU", "gg_expenditure_pct_gdp", 2031)) * 100, 10);
    expect(deu?.extraPctRevenue[k]).toBeCloseTo((extra / cell("DEU", "gg_revenue_pct_gdp", 2031)) * 100, 10);
    expect(deu?.fiscalSource[k]).toBe("assumption");
  });

  it("the escape clause covers core extra up to its ceiling in 2025–2028, only for allies it was activated for", () => {
    const pol = hague.allies.find((a) => a.ally === "POL");
    const fra = hague.allies.find((a) => a.ally === "FRA");
    for (let k = 0; k < (pol?.years.length ?? 0); k++) {
      const y = pol?.years[k] as number;
      const core = Math.max(pol?.coreExtraPctGdp[k] as number, 0);
      if (y <= 2028) {
        expect(pol?.clauseRoomPct[k]).toBe(1.5);
        expect(pol?.clauseCoveredPct[k]).toBeCloseTo(Math.min(core, 1.5), 12);
      } else {
        expect(pol?.clauseRoomPct[k]).toBeNull();
        expect(pol?.outsideClausePct[k]).toBeCloseTo(core, 12);
      }
    }
    expect(fra?.clauseRoomPct.every((v) => v === null)).toBe(true);
    expect(fra?.outsideClausePct.every((v) => v === null)).toBe(true);
  });

  it("the summary sets SAFE beside the extra spending to the review year, and states absent figures as null", () => {
    const rows = affordabilitySummaryRows(hague);
    const pol = rows.find((r) => r.ally === "POL");
    expect(pol?.safe_tentative_eur_bn).toBe(43.7);
    expect(pol?.safe_pct_of_extra_to_review).toBeCloseTo((43.7 / (pol?.extra_eur_bn_to_review as number)) * 100, 2);
    const lva = rows.find((r) => r.ally === "LVA");
    expect([lva?.safe_tentative_eur_bn, lva?.safe_approved_plan_eur_bn]).toEqual([5.68, 3.49]);
    const usa = rows.find((r) => r.ally === "USA");
    expect([usa?.safe_tentative_eur_bn, usa?.clause_covered_pp_total]).toEqual([null, null]);
    expect(pol?.financing).toBe("borrow");
    expect(affordabilityYearRows(hague).every((r) => r.financing === "borrow")).toBe(true);
  });

  it("states the financing and the derived interest rate in its assumptions", () => {
    expect(hague.assumptions.join(" ")).toMatch(/Financing: borrowed/);
    expect(hague.assumptions.join(" ")).toMatch(/no interest series, so the effective rate is derived/);
    expect(run({}, { financing: "revenue" }).assumptions[0]).toMatch(/Financing: revenue/);
  });

  it("without the EU file the instruments are absent, not zero", () => {
    const set = runPathwayRequest(ds, PathwayRequestSchema.parse({ allies: ["POL"] }));
    const a = computeAffordability(ds, set, null, { ...AffordabilityAssumptionsSchema.parse({}), ...years });
    expect(a.allies[0]?.clauseRoomPct.every((v) => v === null)).toBe(true);
    expect(a.allies[0]?.safe).toBeNull();
    expect(a.assumptions.join(" ")).toMatch(/absent, not zero/);
  });
});
