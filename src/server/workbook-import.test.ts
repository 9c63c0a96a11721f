/**
 * Issue 15, items 3 and 8, through the API on each database: a workbook whose cells omit their
 * optional reference is read (ExcelJS failed on it and its internal error text reached the client), a
 * zip bomb is refused with 413 naming the limit, and a damaged workbook gets a plain 400.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/stores.ts";
import { startTestServer, type TestServer } from "../../test/support/test-server.ts";
import { SHEET_HEAD, SHEET_TAIL, sheetBomb, workbookWithSheet } from "../../test/support/zip.ts";
import { XLSX_TYPE } from "./tabular.ts";

const inline = (text: string) => `<c t="inlineStr"><is><t>${text}</t></is></c>`;
const NO_REFS = `${SHEET_HEAD}<row>${["ally", "submission_year", "year", "core_pct"].map(inline).join("")}</row><row>${inline("POL")}<c><v>2030</v></c><c><v>2030</v></c><c><v>3.5</v></c></row>${SHEET_TAIL}`;

describe.each(DIALECTS)("%s", (dialect) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(dialect);
  });
  afterAll(() => s?.stop());
  const upload = (body: Uint8Array) =>
    s.api("/api/v1/plans/import?dryRun=true&file=plans.xlsx", { body, token: s.editor.token, headers: { "content-type": XLSX_TYPE } });

  it("reads a workbook whose cells and rows carry no r reference", async () => {
    const r = await upload(workbookWithSheet(NO_REFS));
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ dryRun: true, rows: 1, plans: 1 });
  });

  it("refuses a 4.5 GiB zip bomb with 413 naming the limit", async () => {
    const r = await upload(sheetBomb(4.5));
    expect(r.status).toBe(413);
    expect(r.json.error.code).toBe("too_large");
    expect(r.json.error.message).toMatch(/maxEntryBytes = 100,000,000/);
  });

  it("a damaged workbook gets a plain 400, never a library's internals", async () => {
    const good = workbookWithSheet(NO_REFS);
    const damaged = good.slice(0, good.length - 30);
    const r = await upload(damaged);
    expect(r.status).toBe(400);
    expect(r.text).toMatch(/not readable as an \.xlsx workbook/);
    expect(r.text).not.toMatch(/Cannot read properties|undefined|at \w+ \(/);
  });
});
