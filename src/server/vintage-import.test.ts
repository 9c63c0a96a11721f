import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/stores.ts";
import { startTestServer, type TestServer } from "../../test/support/test-server.ts";
import { type Bundle, decodeBundle } from "../data/bundle.ts";
import { loadDataset } from "../data/load-dataset.ts";
import type { IndicatorId } from "../model/indicator.ts";

// A real extract of NATO's July 2026 release (40 rows), imported again under a new vintage id.
const EXTRACT = readFileSync(join(import.meta.dirname, "../../test/fixtures/data-extract/nato/2026-07/nato_defexp_2026_edition.csv"));
const ds = loadDataset();
const query = (vintage: string, extra = "") =>
  `/api/v1/vintages/import?vintage=${vintage}&series=nato&source=nato-defexp-2026&label=Re-import&published=2026-07-01&file=extract.csv${extra}`;
const csv = { "content-type": "text/csv" };

describe.each(DIALECTS)("importing a vintage (%s)", (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => server?.stop());

  it("refuses editors and readers, and bodies that are not CSV or XLSX", async () => {
    expect((await server.api(query("x-2026"), { method: "POST", token: server.editor.token, body: EXTRACT, headers: csv })).status).toBe(
      403,
    );
    expect((await server.api(query("x-2026"), { method: "POST", token: null, body: EXTRACT, headers: csv })).status).toBe(401);
    const plain = await server.api(query("x-2026"), {
      method: "POST",
      token: server.admin.token,
      body: EXTRACT,
      headers: { "content-type": "text/plain" },
    });
    expect(plain.status).toBe(415);
  });

  it("reports every bad row with row, column and reason, and stores nothing", async () => {
    const lines = EXTRACT.toString("utf8").trimEnd().split("\n");
    lines[3] = lines[3]?.replace(/,defexp_nc_const,/, ",defexp_teapots,") ?? "";
    lines[5] = lines[5]?.replace(/,(\d+),"million/, ',12abc,"million') ?? "";
    lines.push(lines[2] as string);
    const bad = await server.api(query("bad-2026"), {
      method: "POST",
      token: server.admin.token,
      body: `${lines.join("\n")}\n`,
      headers: csv,
    });
    expect(bad.status).toBe(400);
    const report = bad.json.report as { row: number; column: string; reason: string }[];
    expect(report.map((r) => [r.row, r.column])).toEqual([
      [4, "indicator"],
      [6, "value"],
      [lines.length, "ally_iso3"],
    ]);
    expect(report[2]?.reason).toMatch(/duplicate/);
    const vintages = await server.api("/api/v1/vintages");
    expect(vintages.json.vintages.map((v: { id: string }) => v.id)).not.toContain("bad-2026");
  });

  it("stores a clean file, serves it at once from every endpoint and the dashboard's bundle, and keeps it across a restart", async () => {
    const dry = await server.api(query("nato-2026-again", "&dryRun=true"), {
      method: "POST",
      token: server.admin.token,
      body: EXTRACT,
      headers: csv,
    });
    expect(dry.status).toBe(200);
    expect(dry.json.rows).toBe(40);
    expect((await server.api("/api/v1/vintages")).json.vintages.some((v: { id: string }) => v.id === "nato-2026-again")).toBe(false);

    const before = await server.api("/api/v1/vintages");
    const done = await server.api(query("nato-2026-again"), { method: "POST", token: server.admin.token, body: EXTRACT, headers: csv });
    expect(done.status).toBe(201);
    expect(done.json.vintage).toMatchObject({ id: "nato-2026-again", series: "nato", rows: 40, file: "imported: extract.csv" });
    // The read cache was cleared: the list now has the new vintage.
    const after = await server.api("/api/v1/vintages", { headers: { "if-none-match": before.headers.get("etag") ?? "" } });
    expect(after.status).toBe(200);
    expect(after.json.vintages.map((v: { id: string }) => v.id)).toContain("nato-2026-again");

    // Every imported figure is the release's own figure for the same cell.
    const obs = await server.api("/api/v1/observations?vintage=nato-2026-again&limit=100");
    expect(obs.json.total).toBe(40);
    for (const o of obs.json.observations as { entity: string; indicator: IndicatorId; year: number; value: number }[])
      expect(o.value).toBe(ds.get("2026-07", o.entity, o.indicator, o.year)?.value);

    const bundle = (await server.api("/dataset.json")).json as Bundle;
    expect(decodeBundle(bundle, "dataset.json").parts.vintages.map((v) => v.id)).toContain("nato-2026-again");

    const audit = await server.api("/api/v1/audit?entity=vintage", { token: server.admin.token });
    expect(audit.json.entries[0]).toMatchObject({ action: "vintage.import", entityId: "nato-2026-again", actor: "admin" });

    const again = await server.api(query("nato-2026-again"), { method: "POST", token: server.admin.token, body: EXTRACT, headers: csv });
    expect(again.status).toBe(409);

    const second = await server.restart();
    const list = await (await fetch(`${second.url}/api/v1/vintages`)).json();
    expect(list.vintages.map((v: { id: string }) => v.id)).toContain("nato-2026-again");
  });

  it("a second instance on the same database serves a vintage the first one imported, within its poll interval", async () => {
    const other = await server.restart({ importPollSeconds: 0.2 });
    const ids = async () => ((await (await fetch(`${other.url}/api/v1/vintages`)).json()).vintages as { id: string }[]).map((v) => v.id);
    expect(await ids()).not.toContain("nato-2026-polled");
    const done = await server.api(query("nato-2026-polled"), { method: "POST", token: server.admin.token, body: EXTRACT, headers: csv });
    expect(done.status).toBe(201);
    let seen = false;
    for (let i = 0; i < 50 && !seen; i++) {
      await new Promise((r) => setTimeout(r, 100));
      seen = (await ids()).includes("nato-2026-polled");
    }
    expect(seen).toBe(true);
  });

  it("reads the same release from an XLSX workbook", async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("observations");
    const { parse } = await import("csv-parse/sync");
    for (const row of parse(EXTRACT, { bom: true }) as string[][]) sheet.addRow(row);
    const body = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await server.api(query("nato-2026-xlsx"), {
      method: "POST",
      token: server.admin.token,
      body,
      headers: { "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    });
    expect(r.status).toBe(201);
    expect(r.json.rows).toBe(40);
  });
});
