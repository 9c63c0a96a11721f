import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assessClassification } from "../../core/classification/against-guidelines.ts";
import { classifyBudget } from "../../core/classification/classify.ts";
import { loadDataset } from "../load-dataset.ts";
import { readBudget } from "./budget-file.ts";
import { loadDefaultRuleSet } from "./rules-file.ts";

const EXAMPLES = join(import.meta.dirname, "../../../examples/budgets");
const read = (file: string, currency: string) => readBudget(new Uint8Array(readFileSync(join(EXAMPLES, file))), "csv", file, { currency });
const rules = loadDefaultRuleSet();
const ds = loadDataset();

// The oracle: totals printed in each source document (examples/budgets/README.md cites page and table).
describe("sample budgets reproduce their documents' published totals", () => {
  it("Canada, DND Main Estimates 2023–24: Total Voted 24,755,881,185 and Total Budgetary 26,489,124,243 dollars", async () => {
    const b = await read("canada-dnd-main-estimates-2023-24.csv", "CAD");
    const voted = b.lines.filter((l) => l.chapter.startsWith("Vote")).reduce((s, l) => s + l.amount, 0);
    expect(voted).toBe(24_755_881_185);
    expect(b.lines.reduce((s, l) => s + l.amount, 0)).toBe(26_489_124_243);
  });
  it("United States, DoD budget authority FY 2001 (Table B-1): Total, current $ 291,087 million", async () => {
    const b = await read("usa-dod-fy2001-budget-authority.csv", "USD");
    expect(b.lines.reduce((s, l) => s + l.amount, 0)).toBe(291_087 * 1e6);
    expect(b.lines.find((l) => l.id === "TRUST")?.amount).toBe(-1_266e6);
  });
});

describe("the samples, classified and set against GDP and NATO's figure", () => {
  it("Canada 2023: every line is core; share of IMF GDP and the gap to NATO's July 2026 figure, by hand", async () => {
    const c = classifyBudget((await read("canada-dnd-main-estimates-2023-24.csv", "CAD")).lines, rules);
    expect(c.groupTotals).toEqual({ core: 26_489_124_243, related: 0, not_counted: 0, needs_review: 0 });
    expect(c.lines.find((l) => l.id === "V15")).toMatchObject({ category: "core_personnel", ruleId: "military-personnel" });
    expect(c.lines.find((l) => l.id === "V1")).toMatchObject({ category: "core_operations_other", ruleId: "operations-maintenance" });
    const a = assessClassification(ds, "CAN", 2023, c);
    // data/imf/weo-2026-04: CAN 2023 gdp_nc_current_bn = 2965.201 (billion CAD).
    expect(a.gdp?.amount).toBe(2965.201e9);
    expect(a.sharesPct.core).toBeCloseTo((100 * 26.489124243) / 2965.201, 10);
    // data/guidelines.csv: hague_core 3.5, hague_total 5 → related up to 1.5.
    expect(a.guidelines.map((g) => [g.id, g.thresholdPct])).toEqual([
      ["hague_core", 3.5],
      ["hague_related", 1.5],
    ]);
    // data/nato/2026-07: CAN 2023 defexp_nc_current = 38385 (million CAD).
    expect(a.nato).toMatchObject({ vintage: "2026-07", amount: 38_385e6, difference: 26_489_124_243 - 38_385e6 });
  });
  it("United States 2001: no NATO figure in the dataset for that year, so no difference is shown", async () => {
    const c = classifyBudget((await read("usa-dod-fy2001-budget-authority.csv", "USD")).lines, rules);
    expect(c.lines.find((l) => l.id === "RDTE")?.category).toBe("core_equipment");
    expect(c.lines.find((l) => l.id === "MILCON")?.category).toBe("core_infrastructure");
    const a = assessClassification(ds, "USA", 2001, c);
    expect(a.nato).toBeNull();
    // data/imf/weo-2026-04: USA 2001 gdp_nc_current_bn = 10581.925.
    expect(a.sharesPct.core).toBeCloseTo((100 * 291_087) / 10_581_925, 10);
  });
  it("NATO's difference names, in millions of the currency, what the rules left out of core", async () => {
    const b = await read("canada-dnd-main-estimates-2023-24.csv", "CAD");
    const extra = [
      { ...(b.lines[0] as (typeof b.lines)[number]), id: "WD", name: "War damage claims", ministry: "", amount: 2_500_000 },
      { ...(b.lines[0] as (typeof b.lines)[number]), id: "X", name: "Odd item", ministry: "", amount: 1_250_000 },
    ];
    const a = assessClassification(ds, "CAN", 2023, classifyBudget([...b.lines, ...extra], rules));
    expect(a.nato?.explanation).toContain("Lines the rules do not count: 2.5 million CAD.");
    expect(a.nato?.explanation).toContain("Lines that need review, in no total: 1.3 million CAD.");
  });

  it("no GDP for the year: shares are null, never 0, and a note says so", async () => {
    const c = classifyBudget((await read("canada-dnd-main-estimates-2023-24.csv", "CAD")).lines, rules);
    const a = assessClassification(ds, "CAN", 1960, c);
    expect(a.gdp).toBeNull();
    expect(a.sharesPct.core).toBeNull();
    expect(a.guidelines[0]?.sharePct).toBeNull();
    expect(a.notes.join(" ")).toMatch(/no IMF GDP/);
  });
});
