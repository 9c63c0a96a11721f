/**
 * Admins import the publishers' own files through the API (same bounded reader, same all-or-nothing
 * rule), and GET /vintages/diff says what the release changed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/stores.ts";
import { startTestServer, type TestServer } from "../../test/support/test-server.ts";
import { readZip, sheetPaths, writeZip } from "../../test/support/xlsx-zip.ts";

const fixtures = join(import.meta.dirname, "../../test/fixtures/releases");
const NATO = readFileSync(join(fixtures, "nato-2024-tables-extract.xlsx"));
const xlsx = { "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };

describe.each(DIALECTS)("importing a publisher's release file (%s)", (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => server?.stop());
  const path = (extra: string) => `/api/v1/vintages/import-release?file=tables.xlsx${extra}`;
  const ids = async () => (await server.api("/api/v1/vintages")).json.vintages.map((v: { id: string }) => v.id) as string[];

  it("refuses non-admins", async () => {
    expect((await server.api(path(""), { method: "POST", token: server.editor.token, body: NATO, headers: xlsx })).status).toBe(403);
  });

  it("a damaged workbook: 400 naming the file, nothing stored", async () => {
    const before = await ids();
    const r = await server.api(path("&vintage=nato-bad"), {
      method: "POST",
      token: server.admin.token,
      body: NATO.subarray(0, 5000),
      headers: xlsx,
    });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toMatch(/^tables\.xlsx: 1 problem/);
    expect(await ids()).toEqual(before);
  });

  it("a zip bomb (a sheet that unpacks to 120 MB) is refused with 413 naming the limit, nothing stored", async () => {
    const before = await ids();
    const zip = readZip(NATO);
    const sheets = sheetPaths(zip);
    zip.set(sheets.get("TABLE1") as string, new Uint8Array(120_000_000).fill(32));
    const r = await server.api(path("&vintage=nato-bomb"), {
      method: "POST",
      token: server.admin.token,
      body: writeZip(zip),
      headers: xlsx,
    });
    expect(r.status).toBe(413);
    expect(r.json.error.issues[0].message).toMatch(/exceeds the limit maxEntryBytes/);
    expect(await ids()).toEqual(before);
  });

  it("a dry run summarises, then the import stores the vintage, served at once, with its provenance; the diff route compares it", async () => {
    const dry = await server.api(path("&vintage=nato-x&published=2024-06-17&dryRun=true"), {
      method: "POST",
      token: server.admin.token,
      body: NATO,
      headers: xlsx,
    });
    expect(dry.status).toBe(200);
    expect(dry.json.summary.layout).toBe("NATO tables workbook, 2024 layout");
    expect(await ids()).not.toContain("nato-x");
    const r = await server.api(path("&vintage=nato-x&published=2024-06-17"), {
      method: "POST",
      token: server.admin.token,
      body: NATO,
      headers: xlsx,
    });
    expect(r.status).toBe(201);
    expect(r.json.vintage.file).toMatch(/^imported: tables\.xlsx \(NATO, .*sha256 [0-9a-f]{64}\)$/);
    expect(await ids()).toContain("nato-x");
    const again = await server.api(path("&vintage=nato-x"), { method: "POST", token: server.admin.token, body: NATO, headers: xlsx });
    expect(again.status).toBe(409);
    const diff = await server.api("/api/v1/vintages/diff?from=2024-06&to=nato-x");
    expect(diff.status).toBe(200);
    // The extract is the June 2024 release's own figures for three allies: nothing revised.
    expect(diff.json.counts).toMatchObject({ revised: 0, crossed_guideline: 0, new_year: 0 });
    // Every route sees it: the compliance table of the imported vintage.
    const compliance = await server.api("/api/v1/compliance?vintage=nato-x&year=2024");
    expect(compliance.status).toBe(200);
    expect(JSON.stringify(compliance.json)).toContain("POL");
  });
});
