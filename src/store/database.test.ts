import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
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
