/**
 * Issue 15, item 10: two real instances on one PostgreSQL enforce one rate limit, and a vintage
 * imported on one is served by the other at once (NOTIFY), with the periodic check turned off.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request, startTestServer, type TestServer } from "../../test/support/test-server.ts";
import type { RunningServer } from "./start.ts";

const EXTRACT = readFileSync(join(import.meta.dirname, "../../test/fixtures/data-extract/nato/2026-07/nato_defexp_2026_edition.csv"));

describe("two instances on one PostgreSQL", () => {
  let a: TestServer;
  let b: RunningServer;
  beforeAll(async () => {
    const options = { importPollSeconds: 0, rateLimits: { read: 6000, compute: 600, write: 120, login: 10, loginPerAccount: 100 } };
    a = await startTestServer("postgres", options);
    b = await a.restart(options);
  });
  afterAll(() => a?.stop());

  it("share one sign-in limit: 5 bad sign-ins on each, and the 11th on either is refused", async () => {
    const bad = { name: "nobody", password: "wrong password!" };
    for (let i = 0; i < 5; i++) {
      expect((await request(a.url, "/api/v1/auth/login", { body: bad })).status).toBe(401);
      expect((await request(b.url, "/api/v1/auth/login", { body: bad })).status).toBe(401);
    }
    expect((await request(a.url, "/api/v1/auth/login", { body: bad })).status).toBe(429);
    expect((await request(b.url, "/api/v1/auth/login", { body: bad })).status).toBe(429);
  });

  it("a vintage imported on one is served by the other at once, without polling", async () => {
    const before = await request(b.url, "/api/v1/vintages");
    expect(before.text.includes("multi-2026")).toBe(false);
    const r = await a.api(
      "/api/v1/vintages/import?vintage=multi-2026&series=nato&source=nato-defexp-2026&label=Multi&published=2026-07-03",
      { body: EXTRACT, token: a.admin.token, headers: { "content-type": "text/csv" } },
    );
    expect(r.status, r.text).toBe(201);
    const started = Date.now();
    let seen = false;
    while (!seen && Date.now() - started < 5_000) {
      seen = (await request(b.url, "/api/v1/vintages?format=csv")).text.includes("multi-2026");
      if (!seen) await new Promise((ok) => setTimeout(ok, 50));
    }
    // With the periodic check off, only the notification can have told the second instance.
    expect(seen, "the second instance serves the import").toBe(true);
  });
});
