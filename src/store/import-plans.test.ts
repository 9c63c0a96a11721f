import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS, openTestStore, type TestStore } from "../../test/support/stores.ts";
import { listAudit } from "./audit-repository.ts";
import { importPlansCsv, importPlansCsvUpload, importPlansXlsx, MAX_PLAN_ROWS, savePlansImport } from "./import-plans.ts";
import { getPlan, listPlans } from "./plans-repository.ts";
import { StoreError } from "./store-error.ts";

const fixtures = join(import.meta.dirname, "../../test/fixtures/plans");
const validCsv = readFileSync(join(fixtures, "valid.csv"), "utf8");
const malformedCsv = readFileSync(join(fixtures, "malformed.csv"), "utf8");

describe("importPlansCsv", () => {
  it("reads the valid fixture into two plans, one in shares and one in amounts", () => {
    const result = importPlansCsv(validCsv, "valid.csv");
    expect(result.issues).toEqual([]);
    expect(result.rows).toBe(7);
    const [pol, dnk] = result.plans;
    expect(pol).toMatchObject({
      ally: "POL",
      submissionYear: 2025,
      unit: "share",
      notes: 'Budget law 2025; "Armed Forces Support Fund" included',
    });
    expect(pol?.years).toEqual([
      { year: 2025, corePct: 4.48, relatedPct: 0.3 },
      { year: 2026, corePct: 4.7, relatedPct: 0.4 },
      { year: 2030, corePct: 5, relatedPct: 1 },
      { year: 2035, corePct: 5, relatedPct: 1.5 },
    ]);
    expect(pol?.sources).toEqual([
      { title: "Ministry of National Defence", url: "https://www.gov.pl/web/obrona-narodowa" },
      { title: "Budget outlook 2026-2029" },
    ]);
    expect(dnk).toMatchObject({ ally: "DNK", unit: "amount" });
    expect(dnk?.years[1]).toEqual({ year: 2027, coreNcM: 90000 });
  });

  it("reports every problem of the malformed fixture with its row and column, and returns no plans", () => {
    const result = importPlansCsv(malformedCsv, "malformed.csv");
    expect(result.plans).toEqual([]);
    const f = "malformed.csv";
    expect(result.issues).toEqual([
      { file: f, row: 3, column: "year", reason: "year 2026 appears twice (plan POL-2025)" },
      { file: f, row: 4, column: "ally", reason: '"pol" is not an ISO3 code in capitals (e.g. POL)' },
      { file: f, row: 5, column: "core_pct", reason: "decimal comma: write numbers with a dot (3.5)" },
      {
        file: f,
        row: 6,
        column: "core_nc_m",
        reason: "give shares (core_pct, related_pct) or amounts (core_nc_m, related_nc_m), not both",
      },
      { file: f, row: 7, column: "core_pct", reason: "missing: give core_pct (percent of GDP) or core_nc_m (million national currency)" },
      { file: f, row: 8, column: "year", reason: expect.stringMatching(/^plans cover 2025 to 2050 \(plan LVA-2025\)$/) },
      { file: f, row: 9, column: "source_title", reason: "a source URL needs a title" },
      { file: f, row: 9, column: "source_url", reason: 'not an http(s) URL: "not-a-url"' },
      { file: f, row: 10, column: "core_nc_m", reason: "plan LVA-2025 is in shares (row 8); one plan uses one unit" },
    ]);
  });

  it("checks the header: unknown and missing columns", () => {
    const result = importPlansCsv("ally,year,core_pct,colour\nPOL,2026,4\n", "h.csv");
    expect(result.issues).toEqual([
      { file: "h.csv", row: 1, column: "colour", reason: expect.stringMatching(/^unknown column/) },
      { file: "h.csv", row: 1, column: "submission_year", reason: "required column missing" },
    ]);
  });

  it("counts lines, not records, when a quoted note spans lines; blank lines are ignored", () => {
    const text = 'ally,submission_year,year,core_pct,notes\nPOL,2025,2026,4.7,"two\nlines"\n\nPOL,2025,2027,x,\n';
    expect(importPlansCsv(text, "m.csv").issues).toEqual([{ file: "m.csv", row: 5, column: "core_pct", reason: '"x" is not a number' }]);
  });

  it("reports unreadable CSV instead of throwing", () => {
    const result = importPlansCsv('ally,submission_year,year,core_pct\nPOL,2025,"2026,4\n', "q.csv");
    expect(result.plans).toEqual([]);
    expect(result.issues[0]?.reason).toMatch(/^not readable as CSV/);
  });
});

describe("importPlansCsvUpload", () => {
  const header = "ally,submission_year,year,core_pct\n";
  const rowsOf = (n: number) => header + "POL,2025,2030,3.5\n".repeat(n);

  it("stops reading at the first row beyond MAX_PLAN_ROWS and names its line", async () => {
    const result = await importPlansCsvUpload(new TextEncoder().encode(rowsOf(MAX_PLAN_ROWS + 10)), "big.csv");
    expect(result.plans).toEqual([]);
    expect(result.issues).toHaveLength(1);
    // Line 1 is the header, so the first row too many starts on line MAX_PLAN_ROWS + 2.
    expect(result.issues[0]).toMatchObject({ file: "big.csv", row: MAX_PLAN_ROWS + 2 });
    expect(result.issues[0]?.reason).toMatch(/more than 25,000 rows/);
  });

  it("reads a file of exactly MAX_PLAN_ROWS rows to its end", async () => {
    const result = await importPlansCsvUpload(new TextEncoder().encode(rowsOf(MAX_PLAN_ROWS)), "full.csv");
    expect(result.issues.some((i) => /more than/.test(i.reason))).toBe(false);
    expect(result.rows).toBe(MAX_PLAN_ROWS);
  });
});

async function workbookOf(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("plans");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe("importPlansXlsx", () => {
  it("reads a workbook with the same columns into the same plans as the CSV", async () => {
    const lines = validCsv.trim().split("\n");
    const fromCsv = importPlansCsv(validCsv, "valid.csv");
    // Numbers as numbers, as Excel stores them; the quoted note is a cell of its own.
    const rows = [
      (lines[0] as string).split(","),
      [
        "POL",
        2025,
        2025,
        4.48,
        0.3,
        null,
        null,
        'Budget law 2025; "Armed Forces Support Fund" included',
        "Ministry of National Defence",
        { text: "link", hyperlink: "https://www.gov.pl/web/obrona-narodowa" },
      ],
      ["POL", 2025, 2026, 4.7, 0.4],
      ["POL", 2025, 2030, 5, 1, null, null, null, "Budget outlook 2026-2029"],
      ["POL", 2025, 2035, 5, 1.5],
      [
        "DNK",
        2025,
        2026,
        null,
        null,
        80000,
        9000,
        "Acceleration fund, amounts in DKK million",
        "Danish Ministry of Defence",
        "https://www.fmn.dk/",
      ],
      ["DNK", 2025, 2027, null, null, { formula: "45000*2", result: 90000 }],
      ["DNK", 2025, 2030, null, null, 110000, 20000],
    ];
    const result = await importPlansXlsx(await workbookOf(rows), "valid.xlsx");
    expect(result.issues).toEqual([]);
    expect(result.plans).toEqual(fromCsv.plans);
  });

  it("names the sheet row and column of bad cells", async () => {
    const rows = [
      ["ally", "submission_year", "year", "core_pct"],
      ["POL", 2025, 2026, "4.7%"],
      ["POL", 2025, 2027, { error: "#N/A" }],
    ];
    const result = await importPlansXlsx(await workbookOf(rows), "bad.xlsx");
    expect(result.plans).toEqual([]);
    expect(result.issues).toEqual([
      { file: "bad.xlsx", row: 2, column: "core_pct", reason: '"4.7%" is not a number' },
      { file: "bad.xlsx", row: 3, column: "core_pct", reason: "the cell holds the spreadsheet error #N/A" },
      { file: "bad.xlsx", row: 3, column: "core_pct", reason: expect.stringMatching(/^missing/) },
    ]);
  });

  it("reports a file that is not a workbook", async () => {
    const result = await importPlansXlsx(Buffer.from("not a zip"), "x.xlsx");
    expect(result.issues[0]).toMatchObject({
      file: "x.xlsx",
      row: 1,
      reason: expect.stringMatching(/^not readable as an \.xlsx workbook/),
    });
  });
});

describe.each(DIALECTS)("savePlansImport on %s", (dialect) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(dialect);
  });
  afterEach(async () => {
    await t?.cleanup();
  });

  it("writes every plan with its audit row; re-importing the same file writes nothing; a change adds versions", async () => {
    const first = await savePlansImport(t.store, importPlansCsv(validCsv, "valid.csv"), "importer");
    expect(first.created.map((v) => v.planId)).toEqual(["POL-2025", "DNK-2025"]);
    const again = await savePlansImport(t.store, importPlansCsv(validCsv, "valid.csv"), "importer");
    expect(again).toEqual({ created: [], versioned: [], unchanged: ["POL-2025", "DNK-2025"] });
    const changed = await savePlansImport(
      t.store,
      importPlansCsv(validCsv.replace("POL,2025,2030,5.00", "POL,2025,2030,4.50"), "v2.csv"),
      "importer",
    );
    expect(changed.versioned.map((v) => [v.planId, v.version])).toEqual([["POL-2025", 2]]);
    expect((await getPlan(t.store, "POL-2025"))?.latest.years[2]?.corePct).toBe(4.5);
    expect((await listAudit(t.store)).entries.map((e) => e.action)).toEqual(["plan.version", "plan.create", "plan.create"]);
  });

  it("a file with any issue writes nothing, and says so", async () => {
    const error = await savePlansImport(t.store, importPlansCsv(malformedCsv, "malformed.csv"), "importer").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toBe(
      "malformed.csv row 3, year: year 2026 appears twice (plan POL-2025) (and 8 more); nothing imported",
    );
    expect((error as StoreError).issues).toHaveLength(9);
    expect(await listPlans(t.store)).toEqual([]);
  });

  it("a failure while writing the second plan rolls back the first", async () => {
    const parsed = importPlansCsv(validCsv, "valid.csv");
    const broken = { ...parsed, plans: [parsed.plans[0], { ...parsed.plans[1], notes: Number.NaN }] } as typeof parsed;
    await expect(savePlansImport(t.store, broken, "importer")).rejects.toThrow(/not a JSON number/);
    expect(await listPlans(t.store)).toEqual([]);
    expect((await listAudit(t.store)).entries).toEqual([]);
  });
});
