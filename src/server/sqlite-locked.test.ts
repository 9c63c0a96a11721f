/**
 * Issue 15, item 8: while something else holds the SQLite database's write lock (a `pledge db restore`
 * on a live database), writes answer 503 with Retry-After (they used to answer 500 "database is
 * locked"), reads go on, and writes succeed again once the lock is released. And `pledge db restore`
 * refuses to run while a server holds the embedded database, unless forced.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../test/support/fake-io.ts";
import { spawnServer } from "../../test/support/server-process.ts";
import { startTestServer, type TestServer } from "../../test/support/test-server.ts";
import { SQLITE_FILE_NAME } from "../store/database.ts";
import { backupStore, createPlan, getPlan, markerFileOf, openStore, servingHolder } from "../store/index.ts";

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

describe("pledge db restore beside a running pledge serve (embedded database)", () => {
  const dir = mkdtempSync(join(tmpdir(), "pledge-restore-live-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const args = ["--data-dir", dir];

  it("is refused while the server runs, naming its process; nothing is replaced; --force and a stopped server let it run", async () => {
    const before = await openStore({ dataDir: dir });
    const emptyBackup = join(dir, "empty.jsonl");
    await backupStore(before, emptyBackup);
    await createPlan(before, { ally: "POL", submissionYear: 2025, unit: "share", years: [{ year: 2026, corePct: 4.7 }] }, "test");
    await before.close();

    const server = await spawnServer(args);
    try {
      const marker = markerFileOf(join(dir, SQLITE_FILE_NAME));
      expect(existsSync(marker)).toBe(true);
      const refused = await runCli(["db", "restore", emptyBackup, ...args]);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(new RegExp(`in use by pledge serve \\(process ${server.child.pid} `));
      expect(refused.stderr).toMatch(/stop the server before restoring, or pass --force/);
      const still = await openStore({ dataDir: dir });
      expect((await getPlan(still, "POL-2025"))?.latest.years[0]?.corePct).toBe(4.7);
      await still.close();

      const forced = await runCli(["db", "restore", emptyBackup, "--force", ...args]);
      expect(forced.stderr).toBe("");
      expect(forced.code).toBe(0);
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
    }
    // A server that stops removes its marker: a restore needs no --force.
    expect(existsSync(markerFileOf(join(dir, SQLITE_FILE_NAME)))).toBe(false);
    const after = await runCli(["db", "restore", emptyBackup, ...args]);
    expect(after.code, after.stderr).toBe(0);
  }, 60_000);

  it("ignores the marker of a server that was killed (its process is gone)", async () => {
    const gone = spawnSync(process.execPath, ["-e", ""]).pid;
    const database = join(dir, SQLITE_FILE_NAME);
    writeFileSync(markerFileOf(database), JSON.stringify({ pid: gone, host: hostname(), since: "2026-12-01T00:00:00.000Z" }));
    expect(servingHolder(database)).toBeNull();
    writeFileSync(markerFileOf(database), JSON.stringify({ pid: process.pid, host: hostname(), since: "2026-12-01T00:00:00.000Z" }));
    expect(servingHolder(database)?.pid).toBe(process.pid);
    rmSync(markerFileOf(database));
  });
});
