import type { Generated } from "kysely";

/**
 * The tables as both dialects hold them. Everything that is not a key or a counter is text: times are
 * ISO 8601 strings (UTC, milliseconds), JSON is canonical JSON text, booleans are 0/1. That keeps the
 * two databases byte-for-byte comparable through a backup.
 */
export interface PlansTable {
  id: string;
  ally: string;
  submission_year: number;
  created_at: string;
}

export interface PlanVersionsTable {
  plan_id: string;
  version: number;
  status: string;
  payload: string;
  created_at: string;
  created_by: string;
}

export interface ScenariosTable {
  id: string;
  json: string;
  created_at: string;
  created_by: string;
}

export interface UsersTable {
  id: string;
  name: string;
  password_hash: string;
  role: string;
  allies: string;
  created_at: string;
  disabled: number;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  token_hash: string;
  label: string;
  created_at: string;
  revoked_at: string | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  before: string | null;
  after: string | null;
}

export interface ImportedVintagesTable {
  id: string;
  /** JSON of a Vintage. */
  vintage: string;
  /** JSON array of Observations. */
  observations: string;
  created_at: string;
  created_by: string;
}

export interface Database {
  plans: PlansTable;
  plan_versions: PlanVersionsTable;
  scenarios: ScenariosTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  imported_vintages: ImportedVintagesTable;
}

export type TableName = keyof Database;
