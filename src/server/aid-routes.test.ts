import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test/support/test-server.ts";
import { UKRAINE_AID_COLUMNS } from "../core/ukraine-aid.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer("sqlite");
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

describe("GET /api/v1/ukraine-aid", () => {
  it("answers NATO's share with and without Kiel military aid, with the averaging and the double-counting caveat", async () => {
    const res = await server.api("/api/v1/ukraine-aid?ally=Italy&year=2025");
    expect(res.status).toBe(200);
    expect(res.json.caveat).toMatch(/double-count/);
    expect(res.json.window).toEqual({ from: "2022-01-24", to: "2026-02-28" });
    const [italy] = res.json.ukraine_aid;
    expect(italy).toMatchObject({ ally: "ITA", year: 2025, natoSharePct: 2.09, militaryAllocationsEurBn: 3 });
    // Hand computation from the CSVs (see core/ukraine-aid.test.ts): €3.0 bn over €8,850.3 bn of window GDP.
    const windowGdp = 1998.073 * (342 / 365) + 2142.744 + 2202.031 + 2258.049 + 2322.015 * (59 / 365);
    expect(italy.shareWithAllocationsPct).toBeCloseTo(2.09 + (3 / windowGdp) * 100, 12);
  });

  it("CSV carries the declared columns in order; a bad year names the field", async () => {
    const csv = await server.api("/api/v1/ukraine-aid?format=csv&year=2025");
    expect(csv.status).toBe(200);
    const [header] = parseCsv(csv.text) as string[][];
    expect(header).toEqual(UKRAINE_AID_COLUMNS.map((c) => c.key));
    const bad = await server.api("/api/v1/ukraine-aid?year=1990");
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe("year");
  });
});
