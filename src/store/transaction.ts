import type { Kysely } from "kysely";
import type { Store } from "./database.ts";
import type { Database } from "./schema.ts";
import { isStorableText, UNSTORABLE_MESSAGE } from "./storable-text.ts";
import { isRetryable, isUniqueViolation, StoreError } from "./store-error.ts";

export const MAX_PAGE_SIZE = 500;
/** The largest value of an `integer` column in PostgreSQL (SQLite's are 64-bit): the common bound. */
export const MAX_INT32 = 2_147_483_647;

export function checkActor(actor: string): void {
  if (typeof actor !== "string" || actor.trim() === "" || actor.length > 200)
    throw new StoreError("invalid", "the acting user's name must be 1-200 characters", "actor");
  if (!isStorableText(actor)) throw new StoreError("invalid", UNSTORABLE_MESSAGE, "actor");
}

export function checkPage(limit: number | undefined, offset: number | undefined): { limit: number; offset: number } {
  const l = limit ?? 100;
  const o = offset ?? 0;
  if (!Number.isInteger(l) || l < 1 || l > MAX_PAGE_SIZE)
    throw new StoreError("invalid", `must be a whole number from 1 to ${MAX_PAGE_SIZE}`, "limit");
  if (!Number.isInteger(o) || o < 0) throw new StoreError("invalid", "must be a whole number ≥ 0", "offset");
  return { limit: l, offset: o };
}

/** Runs `work` in one transaction, again on contention (busy SQLite, PostgreSQL serialization) or a lost version-number race. */
export async function inTransaction<T>(
  store: Store,
  work: (trx: Kysely<Database>) => Promise<T>,
  retryUniqueViolation = false,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.db.transaction().execute(work);
    } catch (error) {
      const again = isRetryable(error) || (retryUniqueViolation && isUniqueViolation(error));
      if (!again || attempt >= 8) throw error;
      await new Promise((r) => setTimeout(r, 5 * attempt));
    }
  }
}
