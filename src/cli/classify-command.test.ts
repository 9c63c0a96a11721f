import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test/support/fake-io.ts";
import { CLASSIFIED_LINE_COLUMNS } from "../core/classification/published-columns.ts";

const CANADA = "examples/budgets/canada-dnd-main-estimates-2023-24.csv";
const tmp = mkdtempSync(join(tmpdir(), "pledge-classify-"));

describe("pledge classify", () => {
  it("prints each line with the rule that decided it, totals, the Hague thresholds from guidelines.csv and NATO's figure", async () => {
    const r = await runCli(["classify", CANADA, "--ally", "CAN", "--year", "2023"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/│ V15\s+│ Payments in respect .*│\s+446,727,532 │ core_personnel\s+│ military-personnel/);
    expect(r.stdout).toContain("Classified by the user from canada-dnd-main-estimates-2023-24.csv");
    expect(r.stdout).toMatch(/at least 3\.5 % by 2035 \(guidelines\.csv hague_core\); this budget: 0\.89 % of GDP/);
    expect(r.stdout).toMatch(/up to 1\.5 % by 2035/);
    // 26,489,124,243 − 38,385 million (NATO July 2026, CAN 2023) = −11,895.9 million.
    expect(r.stdout).toMatch(/38,385 m CAD; classified core minus NATO: -11,896 m CAD/);
  });

  it("writes the published columns as CSV, and everything as JSON", async () => {
    const csv = await runCli(["classify", CANADA, "--ally", "Canada", "--year", "2023", "--format", "csv"]);
    const rows = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([...CLASSIFIED_LINE_COLUMNS]);
    expect(rows.map((x) => x.amount)).toEqual(["17912761663", "6076583477", "319808513", "446727532", "1733243058"]);
    const json = JSON.parse((await runCli(["classify", CANADA, "--ally", "CAN", "--year", "2023", "--format", "json"])).stdout);
    expect(json.status).toBe("classified by the user from canada-dnd-main-estimates-2023-24.csv");
    expect(json.groupTotals.core).toBe(26_489_124_243);
    expect(json.lines[0].explanation).toMatch(/Operations and maintenance/);
  });

  it("records an override with its reason, and writes an xlsx workbook with --output", async () => {
    const overrides = join(tmp, "decisions.csv");
    writeFileSync(overrides, "line_id,category,reason\nV5,core_equipment,Vote 5 is capital: equipment and infrastructure\n");
    const out = join(tmp, "classified.xlsx");
    const r = await runCli([
      "classify",
      CANADA,
      "--ally",
      "CAN",
      "--year",
      "2023",
      "--overrides",
      overrides,
      "--format",
      "xlsx",
      "--output",
      out,
    ]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const lines = wb.getWorksheet("lines");
    if (!lines) throw new Error("no sheet named lines");
    const header = (lines.getRow(1).values as unknown[]).slice(1);
    const v5 = (lines.getRow(3).values as unknown[]).slice(1);
    expect(v5[header.indexOf("category")]).toBe("core_equipment");
    expect(v5[header.indexOf("override_reason")]).toBe("Vote 5 is capital: equipment and infrastructure");
    expect(wb.worksheets.map((w) => w.name)).toEqual(["lines", "totals", "guidelines"]);
  });

  it("refuses bad input with the file, row and column, exit 1; usage mistakes exit 2", async () => {
    const bad = join(tmp, "bad.csv");
    writeFileSync(bad, "id,name,amount\nA,Personnel,10\nA,Procurement,5\n");
    const r = await runCli(["classify", bad, "--ally", "CAN", "--year", "2023"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('pledge: bad data: bad.csv, row 3, field "id": the line id "A" is also used in row 2\n');
    const eur = join(tmp, "eur.csv");
    writeFileSync(eur, "id,name,amount\nA,Personnel,10 €\n");
    expect((await runCli(["classify", eur, "--ally", "CAN", "--year", "2023"])).stderr).toMatch(
      /the line is in EUR, not in the ally's currency CAD/,
    );
    expect((await runCli(["classify", CANADA, "--ally", "CAN", "--year", "2023", "--format", "xlsx"])).code).toBe(2);
    expect((await runCli(["classify", "budget.pdf", "--ally", "CAN", "--year", "2023"])).stderr).toMatch(/\.csv or \.xlsx/);
  });
});
