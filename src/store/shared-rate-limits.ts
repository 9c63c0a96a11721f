import { sql } from "kysely";
import type { Store } from "./database.ts";

/**
 * Token buckets kept in PostgreSQL, so that every instance on one database enforces one limit. The
 * table is operational state, not data: created on first use, never migrated or backed up. Time is
 * the database's clock, so instances whose clocks differ still agree.
 */
const TABLE = "pledge_rate_limits";
const ready = new WeakMap<Store, Promise<void>>();

function ensureTable(store: Store): Promise<void> {
  let p = ready.get(store);
  if (!p) {
    p =
      sql`CREATE TABLE IF NOT EXISTS ${sql.table(TABLE)} (key text PRIMARY KEY, tokens double precision NOT NULL, at_ms bigint NOT NULL, allowed boolean NOT NULL)`
        .execute(store.db)
        .then(() => undefined)
        .catch((error: unknown) => {
          ready.delete(store);
          throw error;
        });
    ready.set(store, p);
  }
  return p;
}

/** Takes `cost` tokens from bucket `key` (a minute's allowance `perMinute`); seconds to wait, or 0 when allowed. */
export async function takeSharedToken(store: Store, key: string, perMinute: number, cost = 1): Promise<number> {
  if (perMinute === 0) return 0;
  const need = Math.min(Math.max(1, cost), perMinute);
  await ensureTable(store);
  const rate = perMinute / 60_000;
  const burst = perMinute;
  const now = sql`(extract(epoch from clock_timestamp()) * 1000)::bigint`;
  const refill = sql`least(${burst}::double precision, b.tokens + (excluded.at_ms - b.at_ms) * ${rate}::double precision)`;
  const result = await sql<{ tokens: number; allowed: boolean }>`
    INSERT INTO ${sql.table(TABLE)} AS b (key, tokens, at_ms, allowed)
    VALUES (${key.slice(0, 200)}, ${burst - need}::double precision, ${now}, true)
    ON CONFLICT (key) DO UPDATE SET
      tokens = CASE WHEN ${refill} >= ${need}::double precision THEN ${refill} - ${need}::double precision ELSE ${refill} END,
      allowed = ${refill} >= ${need}::double precision,
      at_ms = excluded.at_ms
    RETURNING tokens, allowed`.execute(store.db);
  const row = result.rows[0];
  if (!row || row.allowed) return 0;
  return Math.max(1, Math.ceil((need - Number(row.tokens)) / rate / 1000));
}

/** Drops buckets idle for 10 minutes (they are full again by then); returns how many. */
export async function purgeIdleBuckets(store: Store): Promise<number> {
  await ensureTable(store);
  const r =
    await sql`DELETE FROM ${sql.table(TABLE)} WHERE at_ms < (extract(epoch from clock_timestamp()) * 1000)::bigint - 600000`.execute(
      store.db,
    );
  return Number(r.numAffectedRows ?? 0);
}
