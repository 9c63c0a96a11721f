import { sql } from "kysely";
import { z } from "zod";
import { EstimateFlagSchema, type Observation } from "../model/observation.ts";
import { type Vintage, VintageSchema } from "../model/vintage.ts";
import { writeAudit } from "./audit.ts";
import { isoNow, type Store } from "./database.ts";
import { isUniqueViolation, StoreError } from "./store-error.ts";
import { checkActor, inTransaction } from "./transaction.ts";

export interface ImportedVintage {
  vintage: Vintage;
  observations: Observation[];
  createdAt: string;
  createdBy: string;
}

const ObservationSchema = z.strictObject({
  entity: z.string(),
  year: z.number().int(),
  indicator: z.string(),
  value: z.number().finite(),
  vintageId: z.string(),
  estimate: EstimateFlagSchema,
  sourceUnit: z.string(),
  sourceTable: z.string(),
  sourceLabel: z.string(),
  citation: z.string(),
});

/** The PostgreSQL channel an import is announced on (`LISTEN pledge_imports`). */
export const IMPORTS_CHANNEL = "pledge_imports";

/** At most this many rows per import: a NATO release has about 5,000. */
export const MAX_IMPORTED_ROWS = 200_000;

/**
 * Stores a validated vintage with its observations in one row, in one transaction with its audit
 * entry. A vintage id is taken once: a second import of the same id is a conflict, never an overwrite.
 */
export async function saveImportedVintage(
  store: Store,
  vintage: Vintage,
  observations: readonly Observation[],
  actor: string,
): Promise<ImportedVintage> {
  checkActor(actor);
  const v = VintageSchema.parse(vintage);
  if (observations.length === 0 || observations.length > MAX_IMPORTED_ROWS)
    throw new StoreError("invalid", `an import holds 1 to ${MAX_IMPORTED_ROWS} observations, not ${observations.length}`, "observations");
  if (observations.some((o) => o.vintageId !== v.id))
    throw new StoreError("invalid", `every observation must belong to vintage ${v.id}`, "observations");
  const at = isoNow(store);
  try {
    await inTransaction(store, async (trx) => {
      await trx
        .insertInto("imported_vintages")
        .values({ id: v.id, vintage: JSON.stringify(v), observations: JSON.stringify(observations), created_at: at, created_by: actor })
        .execute();
      await writeAudit(trx, at, {
        actor,
        action: "vintage.import",
        entity: "vintage",
        entityId: v.id,
        before: null,
        after: { vintage: v, rows: observations.length },
      });
      // Delivered to every instance LISTENing when (and only if) this transaction commits.
      if (store.dialect === "postgres") await sql`select pg_notify(${IMPORTS_CHANNEL}, ${v.id})`.execute(trx);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new StoreError("conflict", `vintage ${v.id} has already been imported`, "vintage");
    throw error;
  }
  return { vintage: v, observations: [...observations], createdAt: at, createdBy: actor };
}

/** Every imported vintage, oldest import first, read back through the schemas. */
export async function listImportedVintages(store: Store): Promise<ImportedVintage[]> {
  const rows = await store.db.selectFrom("imported_vintages").selectAll().orderBy("created_at").orderBy("id").execute();
  return rows.map((r) => {
    const vintage = VintageSchema.safeParse(JSON.parse(r.vintage));
    const observations = z.array(ObservationSchema).safeParse(JSON.parse(r.observations));
    if (!vintage.success || !observations.success) throw new StoreError("unavailable", `the stored import of vintage ${r.id} is corrupt`);
    return { vintage: vintage.data, observations: observations.data, createdAt: r.created_at, createdBy: r.created_by };
  });
}

/** Which vintages are stored (ids, sorted): cheap enough to poll, so that every instance notices another's import. */
export async function importedVintageIds(store: Store): Promise<string[]> {
  const rows = await store.db.selectFrom("imported_vintages").select("id").orderBy("id").execute();
  return rows.map((r) => r.id);
}
