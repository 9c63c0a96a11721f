/**
 * Issue 15, item 4: a large export is priced against the read limit by its rows and format, so one
 * address cannot make the server build 10,000-row workbooks in a loop; small reads stay at one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/stores.ts";
import { startTestServer, type TestServer } from "../../test/support/test-server.ts";
import { tableCost } from "./routes/route-kit.ts";

describe("tableCost", () => {
  it("is one for small answers and grows with rows, twenty-five times faster for XLSX", () => {
    expect(tableCost(10, "json")).toBe(1);
    expect(tableCost(10_000, "csv")).toBe(21);
    expect(tableCost(10_000, "xlsx")).toBe(501);
  });
});

describe.each(DIALECTS)("%s", (dialect) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(dialect, { rateLimits: { read: 600, compute: 600, write: 120, login: 10, loginPerAccount: 20 } });
  });
  afterAll(() => s?.stop());

  it("a workbook of up to 10,000 rows costs one read per 20 rows: the second distinct one within the minute is refused with 429", async () => {
    const total = (await s.api("/api/v1/observations?limit=1", { token: s.reader.token })).json.total as number;
    const rows = Math.min(10_000, total);
    expect(tableCost(rows, "xlsx")).toBeGreaterThan(500);
    const first = await s.api("/api/v1/observations?limit=10000&offset=0&format=xlsx", { token: s.reader.token });
    expect(first.status, first.text.slice(0, 200)).toBe(200);
    const second = await s.api("/api/v1/observations?limit=10000&offset=1&format=xlsx", { token: s.reader.token });
    expect(second.status, `${total} ${second.headers.get("content-type")} ${second.bytes.length}`).toBe(429);
    expect(second.json.error.message).toMatch(new RegExp(`costs ${tableCost(Math.min(10_000, total - 1), "xlsx")} reads`));
    expect(Number(second.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another client is not affected, and a small read still goes through for this one.
    expect((await s.api("/api/v1/allies", { token: s.editor.token })).status).toBe(200);
    expect((await s.api("/api/v1/observations?limit=10&format=xlsx", { token: s.reader.token })).status).toBe(200);
  });
});
