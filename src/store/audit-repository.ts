import type { AuditChange } from "./audit.ts";
import type { Store } from "./database.ts";
import { isStorableText, UNSTORABLE_MESSAGE } from "./storable-text.ts";
import { StoreError } from "./store-error.ts";
import { checkPage, MAX_INT32 } from "./transaction.ts";

/** A recorded change: what `writeAudit` was given, with its row id and time. */
export interface AuditEntry extends AuditChange {
  id: number;
  at: string;
}

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actor?: string;
  /** Only entries with an id below this (the `nextBeforeId` of the previous page). */
  beforeId?: number;
  /** 1..500, default 100. */
  limit?: number;
}

/** Newest first, one bounded page at a time; `nextBeforeId` is null on the last page. */
export async function listAudit(store: Store, filter: AuditFilter = {}): Promise<{ entries: AuditEntry[]; nextBeforeId: number | null }> {
  const { limit } = checkPage(filter.limit, 0);
  for (const field of ["entity", "entityId", "actor"] as const) {
    const v = filter[field];
    if (v !== undefined && !isStorableText(v)) throw new StoreError("invalid", UNSTORABLE_MESSAGE, field);
  }
  // The audit id is a 32-bit integer in PostgreSQL (and any larger bound means "no bound" anyway).
  if (filter.beforeId !== undefined && !(Number.isInteger(filter.beforeId) && filter.beforeId >= 1 && filter.beforeId <= MAX_INT32))
    throw new StoreError("invalid", `must be a whole number from 1 to ${MAX_INT32}`, "beforeId");
  let query = store.db.selectFrom("audit_log").selectAll();
  if (filter.entity !== undefined) query = query.where("entity", "=", filter.entity);
  if (filter.entityId !== undefined) query = query.where("entity_id", "=", filter.entityId);
  if (filter.actor !== undefined) query = query.where("actor", "=", filter.actor);
  if (filter.beforeId !== undefined) query = query.where("id", "<", filter.beforeId);
  const rows = await query
    .orderBy("id", "desc")
    .limit(limit + 1)
    .execute();
  const entries = rows.slice(0, limit).map((r) => ({
    id: Number(r.id),
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before === null ? null : JSON.parse(r.before),
    after: r.after === null ? null : JSON.parse(r.after),
  }));
  return { entries, nextBeforeId: rows.length > limit ? (entries.at(-1)?.id ?? null) : null };
}
