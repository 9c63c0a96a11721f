import type { Kysely } from "kysely";
import { canonicalJson } from "./canonical-json.ts";
import type { Database } from "./schema.ts";

export interface AuditChange {
  actor: string;
  /** `plan.create`, `plan.version`, `plan.withdraw`, `scenario.save`, `user.create`, `token.revoke`… */
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** Writes one audit row; callers pass the transaction that makes the change itself. */
export async function writeAudit(trx: Kysely<Database>, at: string, change: AuditChange): Promise<void> {
  await trx
    .insertInto("audit_log")
    .values({
      at,
      actor: change.actor,
      action: change.action,
      entity: change.entity,
      entity_id: change.entityId,
      before: change.before == null ? null : canonicalJson(change.before),
      after: change.after == null ? null : canonicalJson(change.after),
    })
    .execute();
}

/**
 * Records an access that changed no data: a sign-in (succeeded or failed) or a refused write. Written
 * on its own, outside any transaction; the text fields are cut to what the columns are meant to hold.
 */
export async function recordAccess(
  store: { db: Kysely<Database>; clock: () => Date },
  entry: {
    actor: string;
    action: "auth.login" | "auth.login_failed" | "write.refused" | "user.sessions_end" | "sessions.purge";
    entity: string;
    entityId: string;
    after?: unknown;
  },
): Promise<void> {
  await writeAudit(store.db, store.clock().toISOString(), {
    actor: entry.actor.slice(0, 200),
    action: entry.action,
    entity: entry.entity.slice(0, 80),
    // A refused request's path may hold anything: keep it storable in both databases.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what is replaced
    entityId: entry.entityId.slice(0, 200).replace(/[\u0000\ud800-\udfff]/g, "?"),
    before: null,
    after: entry.after ?? null,
  });
}
