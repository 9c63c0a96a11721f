import { createHash } from "node:crypto";
import { writeAudit } from "./audit.ts";
import { canonicalJson } from "./canonical-json.ts";
import { isoNow, type Store } from "./database.ts";
import { StoreError } from "./store-error.ts";
import { checkActor, inTransaction } from "./transaction.ts";

/** A saved scenario is at most this much canonical JSON. */
export const MAX_SCENARIO_BYTES = 256 * 1024;

export interface StoredScenario {
  id: string;
  json: unknown;
  createdAt: string;
  createdBy: string;
}

/** First 12 hex characters of the sha256 of the canonical JSON: the same scenario always gets the same id. */
export function scenarioIdOf(json: unknown): string {
  return createHash("sha256").update(canonicalJson(json)).digest("hex").slice(0, 12);
}

/**
 * Saves a scenario's JSON (the caller validates it against ScenarioSchema) and returns its stable id.
 * Idempotent: saving the same JSON again returns the same id and writes nothing (no second audit row).
 */
export async function saveScenario(store: Store, json: unknown, actor: string): Promise<{ id: string; created: boolean }> {
  checkActor(actor);
  let text: string;
  try {
    text = canonicalJson(json);
  } catch (error) {
    throw new StoreError("invalid", (error as Error).message, "scenario");
  }
  if (json === null || typeof json !== "object" || Array.isArray(json))
    throw new StoreError("invalid", "a scenario is a JSON object", "scenario");
  if (Buffer.byteLength(text) > MAX_SCENARIO_BYTES) throw new StoreError("invalid", `larger than ${MAX_SCENARIO_BYTES} bytes`, "scenario");
  const id = scenarioIdOf(json);
  return inTransaction(store, async (trx) => {
    const at = isoNow(store);
    const inserted = await trx
      .insertInto("scenarios")
      .values({ id, json: text, created_at: at, created_by: actor })
      .onConflict((oc) => oc.column("id").doNothing())
      .executeTakeFirst();
    const created = Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
    if (created) await writeAudit(trx, at, { actor, action: "scenario.save", entity: "scenario", entityId: id, before: null, after: json });
    else {
      const existing = await trx.selectFrom("scenarios").select("json").where("id", "=", id).executeTakeFirstOrThrow();
      // 48 bits of sha256 make a collision between two different scenarios practically impossible; still, never return the wrong one.
      if (existing.json !== text) throw new StoreError("conflict", `scenario id ${id} is taken by a different scenario`, "scenario");
    }
    return { id, created };
  });
}

export async function getScenario(store: Store, id: string): Promise<StoredScenario | null> {
  if (!/^[0-9a-f]{12}$/.test(id)) return null;
  const row = await store.db.selectFrom("scenarios").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return null;
  return { id: row.id, json: JSON.parse(row.json), createdAt: row.created_at, createdBy: row.created_by };
}
