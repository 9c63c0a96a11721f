import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { migrationProvider } from "./migrations/index.ts";
import type { Database } from "./schema.ts";
import { StoreError } from "./store-error.ts";

export type StoreDialect = "sqlite" | "postgres";

/**
 * The database behind the repositories. The SQLite and PostgreSQL stores differ only in how they are
 * built here; every query and migration after that is one code path.
 */
export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
  /** Where times written by the repositories come from; tests pass a fixed clock. */
  readonly clock: () => Date;
  /** For messages: the file path or the URL without its password. */
  readonly location: string;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** `postgres://…` / `postgresql://…`, or `sqlite:<path>`; absent → `<dataDir>/pledge.sqlite`. */
  url?: string;
  /** Default `.pledge` (relative to the working directory). */
  dataDir?: string;
  clock?: () => Date;
  /** Milliseconds SQLite waits for another writer before giving up (default 5000). */
  busyTimeoutMs?: number;
}

export const DEFAULT_DATA_DIR = ".pledge";
export const SQLITE_FILE_NAME = "pledge.sqlite";

/** Opens (creating if needed) the store and brings its schema up to date. */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const clock = options.clock ?? (() => new Date());
  const url = options.url?.trim() || undefined;
  let store: Store;
  if (url && /^postgres(ql)?:\/\//i.test(url)) {
    // connectionTimeoutMillis: while the database is down a request waits at most 5 s for a connection,
    // then fails as "unavailable" (503) instead of queueing without end.
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000 });
    // An idle pooled connection the server ends (a restart, a failover, an administrator) is dropped by
    // the pool and reopened on next use; without a listener its error would end the whole process.
    pool.on("error", () => {});
    // The pool's own listener covers idle clients only: a client checked out by a query when the server
    // goes away emits 'error' too, and that unhandled event killed `pledge serve` under load. The query
    // itself still fails (and is answered 503); the pool drops the broken client when it is released.
    pool.on("connect", (client) => {
      client.on("error", () => {});
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    store = { db, dialect: "postgres", clock, location: redactUrl(url), close: () => db.destroy() };
  } else {
    const file = sqliteFile(url, options.dataDir ?? DEFAULT_DATA_DIR);
    let database: SQLite.Database;
    try {
      if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
      database = new SQLite(file, { timeout: options.busyTimeoutMs ?? 5000 });
      // WAL lets readers run beside the writer; FULL syncs the WAL on every commit, so a committed
      // plan version survives a power cut, not only a crash of the process.
      database.pragma("journal_mode = WAL");
      database.pragma("synchronous = FULL");
      database.pragma("foreign_keys = ON");
      database.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    } catch (error) {
      throw new StoreError("unavailable", `cannot open the SQLite database ${file}: ${(error as Error).message}`);
    }
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
    store = { db, dialect: "sqlite", clock, location: file, close: () => db.destroy() };
  }
  try {
    await migrate(store);
  } catch (error) {
    await store.close().catch(() => {});
    if (error instanceof StoreError) throw error;
    throw new StoreError("unavailable", `cannot prepare the database at ${store.location}: ${(error as Error).message}`);
  }
  return store;
}

function sqliteFile(url: string | undefined, dataDir: string): string {
  if (url === undefined) return resolve(join(dataDir, SQLITE_FILE_NAME));
  const match = /^sqlite:(?:\/\/)?(.+)$/i.exec(url);
  if (!match?.[1]) throw new StoreError("invalid", `expected postgres://… or sqlite:<path>, got "${redactUrl(url)}"`, "url");
  return match[1] === ":memory:" ? ":memory:" : resolve(match[1]);
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@]*@/, "//$1:***@");
}

export async function migrate(store: Store): Promise<void> {
  const migrator = new Migrator({ db: store.db, provider: migrationProvider(store.dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    const reason = (error as Error).message ?? String(error);
    throw new StoreError(
      "unavailable",
      `cannot prepare the database at ${store.location}: ${failed ? `migration ${failed} failed: ${reason}` : reason}`,
    );
  }
}

/** ISO 8601 UTC with milliseconds: the one text form of a time in both databases. */
export function isoNow(store: Pick<Store, "clock">): string {
  return store.clock().toISOString();
}
