import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freshPostgresDatabase } from "../../test/support/postgres.ts";
import { openStore } from "./database.ts";

const dir = mkdtempSync(join(tmpdir(), "pledge-db-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("openStore", () => {
  it("defaults to <dataDir>/pledge.sqlite with WAL, synchronous=FULL, foreign keys and a busy timeout", async () => {
    const store = await openStore({ dataDir: join(dir, "nested", "data") });
    try {
      expect(store.dialect).toBe("sqlite");
      expect(existsSync(join(dir, "nested", "data", "pledge.sqlite"))).toBe(true);
      const pragma = async (name: string) => Object.values((await sql.raw(`pragma ${name}`).execute(store.db)).rows[0] as object)[0];
      expect(await pragma("journal_mode")).toBe("wal");
      expect(await pragma("synchronous")).toBe(2); // FULL
      expect(await pragma("foreign_keys")).toBe(1);
      expect(await pragma("busy_timeout")).toBe(5000);
    } finally {
      await store.close();
    }
  });

  it("accepts sqlite:<path> and creates every table from an empty database", async () => {
    const store = await openStore({ url: `sqlite:${join(dir, "x.sqlite")}` });
    try {
      const tables = await store.db.introspection.getTables();
      expect(tables.map((t) => t.name).sort()).toEqual([
        "api_tokens",
        "audit_log",
        "imported_vintages",
        "plan_versions",
        "plans",
        "scenarios",
        "sessions",
        "users",
      ]);
    } finally {
      await store.close();
    }
  });

  it("brings a database made by the first release up to date when it opens it", async () => {
    const file = join(dir, "old.sqlite");
    const fresh = await openStore({ url: `sqlite:${file}` });
    // Turn it back into a 0001-only database, as the first release left it.
    await fresh.db.schema.dropTable("imported_vintages").execute();
    await sql`delete from kysely_migration where name = '0002-imported-vintages'`.execute(fresh.db);
    await fresh.close();
    const reopened = await openStore({ url: `sqlite:${file}` });
    try {
      const names = (await reopened.db.introspection.getTables()).map((t) => t.name);
      expect(names).toContain("imported_vintages");
      const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(reopened.db);
      expect(applied.rows.map((r) => r.name)).toEqual(["0001-initial", "0002-imported-vintages"]);
    } finally {
      await reopened.close();
    }
  });

  it("PostgreSQL: a pooled connection the server terminates is replaced, not a crash of the process", async () => {
    const database = await freshPostgresDatabase();
    const store = await openStore({ url: database.url });
    try {
      await sql`select 1`.execute(store.db);
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      const ended = await admin.query(
        "select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
      );
      await admin.end();
      expect(ended.rows.length).toBeGreaterThan(0);
      // The idle client's error arrives asynchronously; an unhandled one would fail this run.
      await new Promise((r) => setTimeout(r, 200));
      const again = await sql<{ n: number }>`select 2 as n`.execute(store.db);
      expect(again.rows[0]?.n).toBe(2);
    } finally {
      await store.close();
      await database.drop();
    }
  });

  it("refuses an unknown URL scheme, naming the field and hiding the password", async () => {
    await expect(openStore({ url: "mysql://root:secret@localhost/db" })).rejects.toMatchObject({ code: "invalid", field: "url" });
    await expect(openStore({ url: "mysql://root:secret@localhost/db" })).rejects.toThrow(/root:\*\*\*@/);
  });

  it("reports an unreachable PostgreSQL without a stack trace or the password", async () => {
    const error = await openStore({ url: "postgres://u:hunter2@127.0.0.1:1/none" }).catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ code: "unavailable" });
    expect((error as Error).message).toMatch(/^cannot prepare the database at postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/none: /);
    expect((error as Error).message).not.toContain("hunter2");
    expect((error as Error).message).not.toMatch(/\n\s+at /);
  });
});
