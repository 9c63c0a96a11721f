import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, type Store, type StoreDialect } from "../../src/store/database.ts";
import { freshPostgresDatabase } from "./postgres.ts";

/** Every store suite runs once per database (style guide §8): an SQLite file and a real PostgreSQL. */
export const DIALECTS: StoreDialect[] = ["sqlite", "postgres"];

/** A clock that starts at `start` and moves one second per reading: deterministic times in tests. */
export function tickingClock(start = "2025-06-01T00:00:00.000Z"): () => Date {
  let t = Date.parse(start);
  return () => {
    const d = new Date(t);
    t += 1000;
    return d;
  };
}

export interface TestStore {
  store: Store;
  /** Reopens the same database (a new connection, same data). */
  reopen(): Promise<Store>;
  cleanup(): Promise<void>;
}

export async function openTestStore(dialect: StoreDialect, clock: () => Date = tickingClock()): Promise<TestStore> {
  const opened: Store[] = [];
  const database = dialect === "postgres" ? await freshPostgresDatabase() : null;
  const target: { url: string } | { dataDir: string } = database
    ? { url: database.url }
    : { dataDir: mkdtempSync(join(tmpdir(), "pledge-store-")) };
  const open = async () => {
    const s = await openStore({ ...target, clock });
    opened.push(s);
    return s;
  };
  const store = await open();
  return {
    store,
    reopen: open,
    cleanup: async () => {
      for (const s of opened) await s.close().catch(() => {});
      if ("dataDir" in target) rmSync(target.dataDir, { recursive: true, force: true });
      await database?.drop();
    },
  };
}
