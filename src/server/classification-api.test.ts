/** POST /api/v1/classifications against a real server (SQLite; the endpoint stores nothing). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test/support/test-server.ts";
import { CLASSIFIED_LINE_COLUMNS } from "../core/classification/published-columns.ts";
import { XLSX_TYPE } from "./tabular.ts";

const root = join(import.meta.dirname, "../..");
const CANADA = readFileSync(join(root, "examples/budgets/canada-dnd-main-estimates-2023-24.csv"), "utf8");
const CSV = { "content-type": "text/csv" };

describe("POST /api/v1/classifications", () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer("sqlite", { maxImportBytes: 20_000 });
  });
  afterAll(async () => {
    await s?.stop();
  });
  const post = (query: string, body: string | Uint8Array, headers: Record<string, string> = CSV) =>
    s.api(`/api/v1/classifications?${query}`, { method: "POST", body, headers, token: s.reader.token });

  it("classifies an uploaded CSV: each line's rule and explanation, totals, GDP, the Hague thresholds and NATO's figure", async () => {
    const r = await post("ally=CAN&year=2023&file=canada.csv", CANADA);
    expect(r.status).toBe(200);
    expect(r.json.status).toBe("classified by the user from canada.csv");
    expect(r.json.lines).toHaveLength(5);
    expect(r.json.lines[3]).toMatchObject({ id: "V15", category: "core_personnel", rule: "military-personnel" });
    expect(r.json.lines[3].explanation).toMatch(/personnel/);
    // By hand: the five lines add up to the document's Total Budgetary.
    expect(r.json.groupTotals.core).toBe(26_489_124_243);
    expect(r.json.gdp.amount).toBe(2965.201e9);
    expect(r.json.guidelines.map((g: { threshold_pct: number }) => g.threshold_pct)).toEqual([3.5, 1.5]);
    expect(r.json.nato.amount).toBe(38_385e6);
  });

  it("answers the lines as CSV or XLSX with the published columns", async () => {
    const csv = await post("ally=CAN&year=2023&format=csv", CANADA);
    expect(Object.keys((parseCsv(csv.text, { columns: true }) as object[])[0] ?? {})).toEqual([...CLASSIFIED_LINE_COLUMNS]);
    const x = await post("ally=CAN&year=2023&format=xlsx", CANADA);
    expect(x.headers.get("content-type")).toBe(XLSX_TYPE);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.bytes.buffer.slice(x.bytes.byteOffset, x.bytes.byteOffset + x.bytes.byteLength) as ArrayBuffer);
    expect(wb.worksheets[0]?.rowCount).toBe(6);
  });

  it("reads an XLSX upload", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("b").addRows([
      ["id", "name", "amount"],
      ["A", "Bundeswehr: Personalausgaben", 100],
      ["B", "Zivilschutz", 50],
    ]);
    const r = await post("ally=DEU&year=2024", new Uint8Array(await wb.xlsx.writeBuffer()), { "content-type": XLSX_TYPE });
    expect(r.status).toBe(200);
    expect(r.json.groupTotals).toEqual({ core: 100, related: 50, not_counted: 0, needs_review: 0 });
  });

  it("takes a workbook base64-encoded in JSON, with overrides (how the dashboard re-classifies an uploaded workbook)", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("b").addRows([
      ["id", "name", "amount"],
      ["A", "Bundeswehr: Personalausgaben", 100],
      ["B", "Odd item", 40],
    ]);
    const workbook = Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
    const plain = await s.api("/api/v1/classifications?ally=DEU&year=2024", { body: { workbook }, token: s.reader.token });
    expect(plain.status, plain.text).toBe(200);
    expect(plain.json.groupTotals).toEqual({ core: 100, related: 0, not_counted: 0, needs_review: 40 });
    const decided = await s.api("/api/v1/classifications?ally=DEU&year=2024", {
      body: { workbook, overrides: [{ lineId: "B", category: "related_innovation", reason: "the ministry's innovation fund" }] },
      token: s.reader.token,
    });
    expect(decided.json.groupTotals).toEqual({ core: 100, related: 40, not_counted: 0, needs_review: 0 });
    expect(decided.json.lines[1]).toMatchObject({ category: "related_innovation", override_reason: "the ministry's innovation fund" });
    const both = await s.api("/api/v1/classifications?ally=DEU&year=2024", {
      body: { workbook, budget: "id,name,amount\n" },
      token: s.reader.token,
    });
    expect([both.status, both.json.error.field]).toEqual([400, "budget"]);
    const notBase64 = await s.api("/api/v1/classifications?ally=DEU&year=2024", {
      body: { workbook: "not base64!" },
      token: s.reader.token,
    });
    expect([notBase64.status, notBase64.json.error.field]).toEqual([400, "workbook"]);
    const notWorkbook = await s.api("/api/v1/classifications?ally=DEU&year=2024", {
      body: { workbook: Buffer.from("id,name,amount\n").toString("base64") },
      token: s.reader.token,
    });
    expect(notWorkbook.status).toBe(400);
  });

  it("takes JSON too: the CSV as text, overrides with their reasons, and the user's own rules", async () => {
    const body = {
      budget: "id,name,amount\nA,Military personnel,60\nB,Odd item,40\n",
      overrides: [{ lineId: "B", category: "core_equipment", reason: "spare parts, per the ministry" }],
    };
    const r = await s.api("/api/v1/classifications?ally=CAN&year=2023", { body, token: s.reader.token });
    expect(r.status).toBe(200);
    expect(r.json.lines[1]).toMatchObject({ category: "core_equipment", override_reason: "spare parts, per the ministry" });
    expect(r.json.groupTotals).toEqual({ core: 100, related: 0, not_counted: 0, needs_review: 0 });
    const rules = JSON.parse(readFileSync(join(root, "data/classification/rules-v1.json"), "utf8"));
    rules.rules[0].category = "core_magic";
    const bad = await s.api("/api/v1/classifications?ally=CAN&year=2023", { body: { budget: body.budget, rules }, token: s.reader.token });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/^rules, row \d+, field "rules\.0\.category": .*unknown category "core_magic"/);
    const unknownLine = await s.api("/api/v1/classifications?ally=CAN&year=2023", {
      body: { budget: body.budget, overrides: [{ lineId: "Z", category: "not_counted", reason: "why" }] },
      token: s.reader.token,
    });
    expect(unknownLine.json.error.field).toBe("overrides.0.lineId");
  });

  it("refuses bad input: the file's row and column, an unknown ally, another media type, an oversized body", async () => {
    const dup = await post("ally=CAN&year=2023&file=mine.csv", "id,name,amount\nA,x,1\nA,y,2\n");
    expect(dup.status).toBe(400);
    expect(dup.json.error).toMatchObject({ code: "invalid", field: "id" });
    expect(dup.json.error.message).toBe('mine.csv, row 3, field "id": the line id "A" is also used in row 2');
    const ally = await post("ally=Atlantis&year=2023", CANADA);
    expect(ally.status).toBe(400);
    expect(ally.json.error.field).toBe("ally");
    expect((await post("ally=CAN&year=2023", "%PDF-1.7", { "content-type": "application/pdf" })).status).toBe(415);
    const noBudget = await post("ally=CAN&year=2023", "{}", { "content-type": "application/json" });
    expect([noBudget.status, noBudget.json.error.field]).toEqual([400, "budget"]);
    const big = await post("ally=CAN&year=2023", `id,name,amount\n${"A,x,1\n".repeat(6000)}`);
    expect(big.status).toBe(413);
    expect((await post("ally=CAN&year=20x3", CANADA)).json.error.field).toBe("year");
  });
});
