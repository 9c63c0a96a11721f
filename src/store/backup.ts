import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { type Kysely, sql } from "kysely";
import { z } from "zod";
import { AnnualPlanSchema, PlanStatusSchema, RoleSchema } from "../model/plan.ts";
import { VintageSchema } from "../model/vintage.ts";
import type { Store } from "./database.ts";
import { LATEST_MIGRATION } from "./migrations/index.ts";
import type { TableName } from "./schema.ts";
import { servingHolder } from "./serving-marker.ts";
import { StoreError } from "./store-error.ts";
import { inTransaction } from "./transaction.ts";

/**
 * A backup is JSON lines: a header, then one `{"table":…,"row":{…}}` per row, tables in foreign-key
 * order and rows sorted by primary key in JavaScript (not by the database's collation), columns in a
 * fixed order. The same data gives the same bytes from SQLite and from PostgreSQL.
 */
export const BACKUP_FORMAT = "pledge-backup";
export const BACKUP_VERSION = 1;
/** The schema a backup belongs to: the newest migration's name. */
export const SCHEMA_VERSION = LATEST_MIGRATION;

const text = z.string();
const nullableText = z.string().nullable();
const int = z.number().int();
const jsonText = (inner: z.ZodType = z.unknown()) =>
  z.string().transform((s, ctx) => {
    try {
      const parsed = inner.safeParse(JSON.parse(s));
      if (!parsed.success)
        ctx.addIssue({
          code: "custom",
          message: `invalid content: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`,
        });
    } catch {
      ctx.addIssue({ code: "custom", message: "not JSON text" });
    }
    return s;
  });
const nullableJsonText = jsonText().nullable();

/** Tables in insertion (foreign-key) order; each with its columns in output order and its key. */
const TABLES = {
  users: {
    key: ["id"],
    row: z.strictObject({
      id: text,
      name: text,
      password_hash: text,
      role: RoleSchema,
      allies: jsonText(z.array(z.string())),
      created_at: text,
      disabled: z.union([z.literal(0), z.literal(1)]),
    }),
  },
  api_tokens: {
    key: ["id"],
    row: z.strictObject({ id: text, user_id: text, token_hash: text, label: text, created_at: text, revoked_at: nullableText }),
  },
  sessions: { key: ["id"], row: z.strictObject({ id: text, user_id: text, csrf_token: text, created_at: text, expires_at: text }) },
  plans: { key: ["id"], row: z.strictObject({ id: text, ally: text, submission_year: int, created_at: text }) },
  plan_versions: {
    key: ["plan_id", "version"],
    row: z.strictObject({
      plan_id: text,
      version: int,
      status: PlanStatusSchema,
      payload: jsonText(AnnualPlanSchema),
      created_at: text,
      created_by: text,
    }),
  },
  scenarios: { key: ["id"], row: z.strictObject({ id: text, json: jsonText(), created_at: text, created_by: text }) },
  imported_vintages: {
    key: ["id"],
    row: z.strictObject({
      id: text,
      vintage: jsonText(VintageSchema),
      observations: jsonText(z.array(z.unknown())),
      created_at: text,
      created_by: text,
    }),
  },
  audit_log: {
    key: ["id"],
    row: z.strictObject({
      id: int,
      at: text,
      actor: text,
      action: text,
      entity: text,
      entity_id: text,
      before: nullableJsonText,
      after: nullableJsonText,
    }),
  },
} satisfies Record<TableName, { key: string[]; row: z.ZodObject }>;

const TABLE_ORDER = Object.keys(TABLES) as TableName[];
type Row = Record<string, string | number | null>;
type AnyDb = Kysely<Record<string, Row>>;

const HeaderSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  schema: z.literal(SCHEMA_VERSION),
});
const LineSchema = z.strictObject({ table: z.enum(TABLE_ORDER as [TableName, ...TableName[]]), row: z.record(z.string(), z.unknown()) });

function compareKeys(a: Row, b: Row, key: readonly string[]): number {
  for (const k of key) {
    const x = a[k] as string | number;
    const y = b[k] as string | number;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

/** Columns in the table's declared order, numbers as numbers (PostgreSQL and SQLite agree after this). */
function normalise(table: TableName, raw: Record<string, unknown>): Row {
  const shape = TABLES[table].row.shape as Record<string, z.ZodType>;
  const out: Row = {};
  for (const column of Object.keys(shape)) {
    const v = raw[column];
    out[column] = typeof v === "bigint" ? Number(v) : (v as string | number | null);
  }
  return out;
}

/** The backup as lines (without trailing newlines). */
export async function backupLines(store: Store): Promise<string[]> {
  // One read transaction: a consistent snapshot while writers carry on.
  return inTransaction(store, async (trx) => {
    const lines = [JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, schema: SCHEMA_VERSION })];
    for (const table of TABLE_ORDER) {
      const rows = (await (trx as unknown as AnyDb).selectFrom(table).selectAll().execute()).map((r) => normalise(table, r));
      rows.sort((a, b) => compareKeys(a, b, TABLES[table].key));
      for (const row of rows) lines.push(JSON.stringify({ table, row }));
    }
    return lines;
  });
}

/** Writes every table to `file` (via a temporary file and a rename, so a crash never leaves half a backup). */
export async function backupStore(store: Store, file: string): Promise<{ rows: number }> {
  const lines = await backupLines(store);
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, `${lines.join("\n")}\n`);
  renameSync(tmp, file);
  return { rows: lines.length - 1 };
}

function lineError(file: string, line: number, reason: string): StoreError {
  return new StoreError("invalid", `${basename(file)} line ${line}: ${reason}`);
}

/** Reads and checks the whole file: every line, keys unique, references resolvable. Throws on the first bad line. */
export function readBackup(file: string, content: string): Map<TableName, Row[]> {
  const lines = content.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const tables = new Map<TableName, Row[]>(TABLE_ORDER.map((t) => [t, []]));
  const keys = new Map<TableName, Set<string>>(TABLE_ORDER.map((t) => [t, new Set()]));
  let last = -1;
  lines.forEach((lineText, i) => {
    const n = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(lineText);
    } catch {
      throw lineError(file, n, "not valid JSON");
    }
    if (n === 1) {
      const header = HeaderSchema.safeParse(value);
      if (!header.success) throw lineError(file, n, `not a ${BACKUP_FORMAT} v${BACKUP_VERSION} header for schema ${SCHEMA_VERSION}`);
      return;
    }
    const parsed = LineSchema.safeParse(value);
    if (!parsed.success) throw lineError(file, n, 'expected {"table": <known table>, "row": {…}}');
    const { table, row } = parsed.data;
    const order = TABLE_ORDER.indexOf(table);
    if (order < last) throw lineError(file, n, `${table} row after a later table: tables must come in the order ${TABLE_ORDER.join(", ")}`);
    last = order;
    const checked = TABLES[table].row.safeParse(row);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw lineError(file, n, `${table}.${issue?.path.join(".") || "row"}: ${issue?.message}`);
    }
    const clean = normalise(table, checked.data);
    const key = JSON.stringify(TABLES[table].key.map((k) => clean[k]));
    if (keys.get(table)?.has(key)) throw lineError(file, n, `duplicate ${table} key ${key}`);
    keys.get(table)?.add(key);
    const parent = (t: TableName, id: unknown, column: string) => {
      if (!keys.get(t)?.has(JSON.stringify([id])))
        throw lineError(file, n, `${table}.${column} ${JSON.stringify(id)} refers to no ${t} row`);
    };
    if (table === "api_tokens" || table === "sessions") parent("users", clean.user_id, "user_id");
    if (table === "plan_versions") parent("plans", clean.plan_id, "plan_id");
    tables.get(table)?.push(clean);
  });
  if (lines.length === 0) throw lineError(file, 1, "empty file: no header");
  return tables;
}

/**
 * Replaces the store's contents with the backup, in one transaction, after validating the whole file.
 * A bad line is reported with the file and line number, and nothing is changed.
 */
export async function restoreStore(store: Store, file: string, options: { force?: boolean } = {}): Promise<{ rows: number }> {
  if (store.dialect === "sqlite" && !options.force) {
    const holder = servingHolder(store.location);
    if (holder)
      throw new StoreError(
        "conflict",
        `${store.location} is in use by pledge serve (process ${holder.pid} on ${holder.host}, since ${holder.since}${holder.url ? `, ${holder.url}` : ""}): stop the server before restoring, or pass --force (its writes then answer 503 until the restore ends)`,
      );
  }
  let content: string;
  try {
    content = readFileSync(file, "utf8");
  } catch (error) {
    throw new StoreError("not_found", `cannot read ${basename(file)}: ${(error as NodeJS.ErrnoException).code ?? "error"}`);
  }
  const tables = readBackup(file, content);
  let rows = 0;
  await inTransaction(store, async (trx) => {
    const db = trx as unknown as AnyDb;
    for (const table of [...TABLE_ORDER].reverse()) await db.deleteFrom(table).execute();
    for (const table of TABLE_ORDER) {
      const all = tables.get(table) ?? [];
      // 100 rows × ≤ 8 columns stays far below both databases' bound-parameter limits.
      for (let i = 0; i < all.length; i += 100)
        await db
          .insertInto(table)
          .values(all.slice(i, i + 100))
          .execute();
      rows += all.length;
    }
    // PostgreSQL's identity counter does not follow explicit ids (SQLite's AUTOINCREMENT does).
    if (store.dialect === "postgres")
      await sql`select setval(pg_get_serial_sequence('audit_log', 'id'), coalesce(max(id), 0) + 1, false) from audit_log`.execute(trx);
  });
  return { rows };
}
