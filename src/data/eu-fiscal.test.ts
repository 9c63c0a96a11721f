import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { EU_FISCAL_FILE, loadEuInstruments } from "./eu-fiscal.ts";
import { findDataDir } from "./load-dataset.ts";
import { loadPublishedCostings } from "./published-costings.ts";

const tmp = mkdtempSync(join(tmpdir(), "pledge-eu-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The shipped file with one line's text replaced, in a fresh data folder. */
function withLine(row: number, edit: (line: string) => string): string {
  const dir = mkdtempSync(join(tmp, "d-"));
  const lines = readFileSync(join(findDataDir(), EU_FISCAL_FILE), "utf8").split("\n");
  lines[row - 1] = edit(lines[row - 1] as string);
  mkdirSync(join(dir, "eu"), { recursive: true });
  writeFileSync(join(dir, EU_FISCAL_FILE), lines.join("\n"));
  return dir;
}

/** An independent reading of the CSV: the rows as the file gives them. */
const raw = parse(readFileSync(join(findDataDir(), EU_FISCAL_FILE), "utf8"), { columns: true, bom: true }) as Record<string, string>[];

describe("the EU's defence instruments (data/eu/eu_defence_fiscal.csv)", () => {
  const eu = loadEuInstruments();

  it("holds the 19 tentative SAFE allocations, summing as the provenance says to 149.9337 (≈ €150 bn)", () => {
    const rows = raw.filter((r) => r.indicator === "safe_loan_tentative_allocation_eur_bn");
    expect(eu.safe).toHaveLength(rows.length);
    expect(eu.safe).toHaveLength(19);
    expect(eu.safe.reduce((s, a) => s + a.tentativeEurBn, 0)).toBeCloseTo(149.9337, 6);
    expect(eu.safe.find((a) => a.ally === "POL")?.tentativeEurBn).toBe(43.7);
  });

  it("keeps Latvia's approved amount beside its tentative one: both figures, never merged", () => {
    const lva = eu.safe.find((a) => a.ally === "LVA");
    expect([lva?.tentativeEurBn, lva?.approvedPlanEurBn]).toEqual([5.68, 3.49]);
    expect(eu.safe.filter((a) => a.approvedPlanEurBn !== null).map((a) => a.ally)).toEqual(["LVA"]);
  });

  it("activates the escape clause for 16 allies, 2025 to 2028, with a 1.5 % ceiling, as the rows say", () => {
    const allies = new Set(eu.escapeClause.map((c) => c.ally));
    expect(allies.size).toBe(16);
    expect(allies.has("DEU")).toBe(true);
    expect(allies.has("FRA")).toBe(false);
    expect([...new Set(eu.escapeClause.map((c) => c.year))].sort()).toEqual([2025, 2026, 2027, 2028]);
    for (const c of eu.escapeClause) {
      const row = raw.find(
        (r) => r.ally_iso3 === c.ally && Number(r.year) === c.year && r.indicator === "sgp_nec_defence_max_flex_pct_gdp",
      );
      expect(Number(row?.value)).toBe(c.maxFlexPct);
    }
  });

  it("names the file, the row and the field of a bad row, and reads nothing", () => {
    expect(() => loadEuInstruments(withLine(2, (l) => l.replace(",43.7,", ",-43.7,")))).toThrow(
      /^eu\/eu_defence_fiscal\.csv, row 2, field "value"/,
    );
    expect(() => loadEuInstruments(withLine(2, (l) => l.replace("safe_loan_tentative_allocation_eur_bn", "safe_grant")))).toThrow(
      /^eu\/eu_defence_fiscal\.csv, row 2, field "indicator": unknown indicator "safe_grant"/,
    );
  });
});

describe("published costings (data/costings/published_costings.csv)", () => {
  it("every row names a page and its publication (PBO, UPB)", () => {
    const rows = loadPublishedCostings();
    expect(rows.length).toBe(14);
    for (const r of rows) {
      expect(r.source).toMatch(/https:\/\//);
      expect(r.vintage).toMatch(/^(PBO|UPB) /);
    }
  });
});
