import { describe, expect, it } from "vitest";
import { loadDataset } from "../../data/load-dataset.ts";
import { type BurdenParamsInput, BurdenParamsSchema } from "../../model/affordability.ts";
import { completeTarget, hagueFigures } from "../hague-figures.ts";
import { ParameterError } from "../parameter-error.ts";
import { preparePathwayContext } from "../pathway-context.ts";
import { computeBurden } from "./burden.ts";
import { burdenAllyRows, burdenGapRows } from "./burden-tables.ts";

const ds = loadDataset();
const h = hagueFigures(ds);
const target = completeTarget(ds, { relatedBasePct: 0, shape: "linear" }, h);
const ctx = preparePathwayContext(ds, {
  vintageId: "2026-07",
  imfVintageId: "weo-2026-04",
  horizon: h.targetYear,
  economy: { gdpGrowthBeyondWeoPct: null, inflationBeyondWeoPct: null, gdpShockPp: 0, inflationShockPp: 0 },
});
const run = (p: BurdenParamsInput) => computeBurden(ds, ctx, target, BurdenParamsSchema.parse(p));
const us = ctx.economies.find((e) => e.ally === "USA");
if (!us) throw new Error("no US economy");

describe("who covers a US cut", () => {
  it("against a freeze: the gap is the base-year share minus the cut share, times US GDP (by hand, target year)", () => {
    const r = run({ usSharePct: 2, byYear: 2029, against: "freeze" });
    const k = h.targetYear - us.baseYear;
    const byHand = (((us.baseSharePct - 2) / 100) * (us.gdpNcM[k] as number)) / (us.ncPerUsd[k] as number);
    expect(r.gapUsdM[k]).toBeCloseTo(byHand, 6);
    // Halfway to the cut year the US share is halfway between its base share and 2 %.
    const mid = (2029 - us.baseYear) / 2;
    if (Number.isInteger(mid)) expect(r.usSharePct[mid]).toBeCloseTo((us.baseSharePct + 2) / 2, 10);
  });

  it("against the US's own path the gap is larger once that path climbs above the base share", () => {
    const freeze = run({ usSharePct: 2, byYear: 2029, against: "freeze" });
    const path = run({ usSharePct: 2, byYear: 2029, against: "path" });
    const k = h.targetYear - us.baseYear;
    expect(path.referenceSharePct[k]).toBe(h.corePct);
    expect(path.gapUsdM[k] as number).toBeGreaterThan(freeze.gapUsdM[k] as number);
  });

  it("each year, the allies' parts sum to the covered gap, for every key", () => {
    for (const key of ["gdp", "effort", "spending"] as const) {
      const r = run({ usSharePct: 2.5, byYear: 2030, key, coverPct: 60 });
      r.years.forEach((_, k) => {
        const sum = r.allies.reduce((s, a) => s + (a.costUsdM[k] as number), 0);
        expect(sum).toBeCloseTo(r.coveredUsdM[k] as number, 4);
        expect(r.coveredUsdM[k]).toBeCloseTo((r.gapUsdM[k] as number) * 0.6, 6);
      });
    }
  });

  it("by GDP, every ally pays the same points of GDP; a part in national currency is the dollar part at the path's rate", () => {
    const r = run({ key: "gdp" });
    const k = h.targetYear - us.baseYear;
    const pps = r.allies.map((a) => a.costPctGdp[k] as number);
    for (const pp of pps) expect(pp).toBeCloseTo(pps[0] as number, 10);
    const deu = r.allies.find((a) => a.ally === "DEU");
    const rate = ctx.economies.find((e) => e.ally === "DEU")?.ncPerUsd[k] as number;
    expect(deu?.costNcM[k]).toBeCloseTo((deu?.costUsdM[k] as number) * rate, 6);
  });

  it("states every choice in its statement and in every published row", () => {
    const r = run({ usSharePct: 2, byYear: 2030, against: "path", key: "effort", coverPct: 50 });
    expect(r.statement).toMatch(/2% of GDP by 2030/);
    expect(r.statement).toMatch(/its own path to 3.5% core by 2035/);
    expect(r.statement).toMatch(/cover 50%/);
    expect(r.statement).toMatch(/equal effort/);
    for (const row of [...burdenGapRows(r), ...burdenAllyRows(r)]) expect([row.against, row.key]).toEqual(["path", "effort"]);
  });

  it("borrowing its part adds debt to an ally; no part, no debt", () => {
    const r = run({ coverPct: 100 });
    const k = h.targetYear - us.baseYear;
    for (const a of r.allies) if (!Number.isNaN(a.extraDebtPct[k] as number)) expect(a.extraDebtPct[k] as number).toBeGreaterThan(0);
    const none = run({ coverPct: 0 });
    for (const a of none.allies) if (!Number.isNaN(a.extraDebtPct[k] as number)) expect(a.extraDebtPct[k]).toBe(0);
  });

  it("refuses a cut year that is not after the US base year, naming the field", () => {
    expect(() => run({ byYear: us.baseYear })).toThrow(ParameterError);
    expect(() => run({ byYear: us.baseYear })).toThrow(/byYear/);
  });
});
