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
