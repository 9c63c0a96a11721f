/**
 * Issue 15, item 8: while something else holds the SQLite database's write lock (a `pledge db restore`
 * on a live database), writes answer 503 with Retry-After (they used to answer 500 "database is
 * locked"), reads go on, and writes succeed again once the lock is released.
 */
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test/support/test-server.ts";
import { SQLITE_FILE_NAME } from "../store/database.ts";

describe("a SQLite database held by another writer", () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer("sqlite");
  });
  afterAll(() => s?.stop());

  it("writes answer 503 with Retry-After while the lock is held, 201 after", async () => {
    const holder = new SQLite(join(s.dataDir, SQLITE_FILE_NAME));
    const plan = { ally: "POL", submissionYear: 2031, unit: "share", years: [{ year: 2031, corePct: 3 }] };
    try {
      holder.exec("BEGIN EXCLUSIVE");
      // The server waits its busy timeout (5 s) for the lock, then gives up.
      const refused = await s.api("/api/v1/plans", { body: plan, token: s.editor.token });
      expect(refused.status, refused.text).toBe(503);
      expect(refused.json.error.code).toBe("unavailable");
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await s.api("/api/v1/plans")).status).toBe(200);
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
    const written = await s.api("/api/v1/plans", { body: plan, token: s.editor.token });
    expect(written.status, written.text).toBe(201);
    expect(s.logs.join("\n")).not.toMatch(/error [0-9a-f-]{36} POST/);
  }, 30_000);
});
