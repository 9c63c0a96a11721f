/**
 * Issue 15, item 7, against a real server: text cells a spreadsheet would run as a formula come back
 * defused from the public CSV exports after an import that carries them, on both databases; numbers,
 * negative ones included, are left as numbers. (The writer itself is src/core/published-table/csv.ts.)
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/stores.ts";
import { startTestServer, type TestServer } from "../../test/support/test-server.ts";

const EXTRACT = readFileSync(
  join(import.meta.dirname, "../../test/fixtures/data-extract/nato/2026-07/nato_defexp_2026_edition.csv"),
  "utf8",
);
const FORMULA = '=HYPERLINK("http://attacker.example/","click")';
// The source_table column (second to last; published as source_table) of every row becomes a formula.
const HOSTILE = EXTRACT.trim()
  .split("\n")
  .map((line, i) => (i === 0 ? line : line.replace(/,[^,]*(,[^,]*)$/, `,"${FORMULA.replaceAll('"', '""')}"$1`)))
  .join("\n");
const LABEL = "@SUM(1+1)";

describe.each(DIALECTS)("CSV exports after a hostile import (%s)", (dialect) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(dialect);
    const r = await s.api(
      `/api/v1/vintages/import?vintage=csv-attack&series=nato&source=nato-defexp-2026&label=${encodeURIComponent(LABEL)}&published=2026-07-02`,
      { body: HOSTILE, token: s.admin.token, headers: { "content-type": "text/csv" } },
    );
    expect(r.status, r.text).toBe(201);
  });
  afterAll(() => s?.stop());

  const cells = (text: string) => (parse(text, { relax_column_count: true }) as string[][]).flat();

  it("/observations?format=csv: the formula label starts with a quote mark; values stay numbers", async () => {
    const r = await s.api("/api/v1/observations?vintage=csv-attack&format=csv&limit=100");
    expect(r.status, r.text).toBe(200);
    const all = cells(r.text);
    expect(all).toContain(`'${FORMULA}`);
    expect(all.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^[+-]?\d/.test(c))).toEqual([]);
  });

  it("/vintages?format=csv: the imported label is defused", async () => {
    const r = await s.api("/api/v1/vintages?format=csv");
    expect(r.status).toBe(200);
    const all = cells(r.text);
    expect(all).toContain(`'${LABEL}`);
    expect(all).not.toContain(LABEL);
  });

  it("negative numbers are written as numbers, not defused", async () => {
    const r = await s.api("/api/v1/compliance?format=csv");
    expect(r.status).toBe(200);
    const negatives = cells(r.text).filter((c) => /^-\d/.test(c));
    expect(negatives.length).toBeGreaterThan(0);
    expect(cells(r.text).some((c) => /^'-\d/.test(c))).toBe(false);
  });
});
