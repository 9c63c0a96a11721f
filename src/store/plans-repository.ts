import type { Kysely } from "kysely";
import {
  type AnnualPlan,
  AnnualPlanSchema,
  PlanIdSchema,
  type PlanStatus,
  type PlanSummary,
  type PlanVersion,
  PlanVersionSchema,
  planIdOf,
} from "../model/plan.ts";
import { writeAudit } from "./audit.ts";
import { canonicalJson } from "./canonical-json.ts";
import { isoNow, type Store } from "./database.ts";
import type { Database, PlanVersionsTable } from "./schema.ts";
import { invalidInput, isUniqueViolation, StoreError } from "./store-error.ts";
import { checkActor, checkPage, inTransaction } from "./transaction.ts";

/** A plan with its latest version first-class and every version, oldest first. */
export interface PlanRecord {
  planId: string;
  ally: string;
  submissionYear: number;
  createdAt: string;
  latest: PlanVersion;
  history: PlanVersion[];
}

export interface PlanFilter {
  ally?: string;
  submissionYear?: number;
  /** 1..500, default 100. */
  limit?: number;
  offset?: number;
}

function parsePlan(input: unknown): AnnualPlan {
  const parsed = AnnualPlanSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error, "the plan");
  return parsed.data;
}

/** Reads a stored row back through the schema: a corrupt payload is reported, never passed on. */
export function versionFromRow(row: PlanVersionsTable): PlanVersion {
  let payload: unknown;
  try {
    payload = JSON.parse(row.payload);
  } catch {
    throw new StoreError("unavailable", `plan ${row.plan_id} version ${row.version}: stored payload is not JSON`);
  }
  const parsed = PlanVersionSchema.safeParse({
    planId: row.plan_id,
    version: Number(row.version),
    status: row.status,
    createdAt: row.created_at,
    createdBy: row.created_by,
    ...(payload as object),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StoreError(
      "unavailable",
      `plan ${row.plan_id} version ${row.version}: stored payload does not validate (${issue?.path.join(".")}: ${issue?.message})`,
    );
  }
  return parsed.data;
}

/**
 * Inserts the next version of a plan (creating the plan when `create` is set) and its audit row,
 * inside the caller's transaction. The only code path that writes plans: there is no UPDATE or DELETE.
 */
export async function writePlanVersion(
  trx: Kysely<Database>,
  at: string,
  actor: string,
  plan: AnnualPlan,
  status: PlanStatus,
  mode: "create" | "add" | "create-or-add",
): Promise<PlanVersion> {
  const planId = planIdOf(plan.ally, plan.submissionYear);
  const existing = await trx.selectFrom("plans").select("id").where("id", "=", planId).executeTakeFirst();
  if (existing && mode === "create") throw new StoreError("conflict", `plan ${planId} already exists: add a version instead`, "planId");
  if (!existing && mode === "add") throw new StoreError("not_found", `no plan ${planId}`, "planId");
  let before: PlanVersion | null = null;
  if (existing) {
    const row = await latestRow(trx, planId);
    if (row) before = versionFromRow(row);
  } else {
    await trx.insertInto("plans").values({ id: planId, ally: plan.ally, submission_year: plan.submissionYear, created_at: at }).execute();
  }
  const version: PlanVersion = { planId, version: (before?.version ?? 0) + 1, status, createdAt: at, createdBy: actor, ...plan };
  await trx
    .insertInto("plan_versions")
    .values({ plan_id: planId, version: version.version, status, payload: canonicalJson(plan), created_at: at, created_by: actor })
    .execute();
  const action = before === null ? "plan.create" : status === "withdrawn" ? "plan.withdraw" : "plan.version";
  await writeAudit(trx, at, { actor, action, entity: "plan", entityId: planId, before, after: version });
  return version;
}

/** A plan's latest version row (inside a transaction: the row that transaction sees). */
export async function latestRow(db: Kysely<Database>, planId: string): Promise<PlanVersionsTable | undefined> {
  return db.selectFrom("plan_versions").selectAll().where("plan_id", "=", planId).orderBy("version", "desc").limit(1).executeTakeFirst();
}

/** Creates plan `ALLY-YEAR` with version 1. Conflict if that ally already has a plan for that year. */
export async function createPlan(store: Store, input: unknown, actor: string): Promise<PlanVersion> {
  checkActor(actor);
  const plan = parsePlan(input);
  try {
    return await inTransaction(store, (trx) => writePlanVersion(trx, isoNow(store), actor, plan, "active", "create"));
  } catch (error) {
    if (isUniqueViolation(error))
      throw new StoreError("conflict", `plan ${planIdOf(plan.ally, plan.submissionYear)} already exists: add a version instead`, "planId");
    throw error;
  }
}

/** Adds a new immutable version; the input's ally and submission year must match the plan's id. */
export async function addVersion(
  store: Store,
  planId: string,
  input: unknown,
  actor: string,
  status: PlanStatus = "active",
  expectedVersion?: number,
): Promise<PlanVersion> {
  checkActor(actor);
  if (!PlanIdSchema.safeParse(planId).success) throw new StoreError("invalid", "ALLY-YEAR, e.g. POL-2025", "planId");
  const plan = parsePlan(input);
  const target = planIdOf(plan.ally, plan.submissionYear);
  if (target !== planId) throw new StoreError("invalid", `the plan's ally and submission year give ${target}, not ${planId}`, "ally");
  return inTransaction(
    store,
    async (trx) => {
      await lockPlan(trx, store.dialect, planId);
      // Checked under the lock: of two editors who both read version 3, only the first writes version 4.
      if (expectedVersion !== undefined) {
        const latest = await latestRow(trx, planId);
        if (latest && Number(latest.version) !== expectedVersion)
          throw new StoreError("conflict", `plan ${planId} is at version ${latest.version}, not ${expectedVersion}`, "expectedVersion");
      }
      return writePlanVersion(trx, isoNow(store), actor, plan, status, "add");
    },
    true,
  );
}

/**
 * Holds the plan's row until the transaction ends, so that writers of one plan go one at a time and
 * each sees the version the previous one wrote. PostgreSQL needs the row lock; SQLite has one writer
 * at a time already (and a transaction that read a stale snapshot fails with SQLITE_BUSY and is run again).
 */
async function lockPlan(trx: Kysely<Database>, dialect: Store["dialect"], planId: string): Promise<boolean> {
  const query = trx.selectFrom("plans").select("id").where("id", "=", planId);
  return (await (dialect === "postgres" ? query.forUpdate() : query).executeTakeFirst()) !== undefined;
}

/**
 * Withdrawal is a new version with status `withdrawn` carrying the latest content (optionally with a
 * note). The latest version is read inside the write transaction, under the plan's lock: of concurrent
 * withdrawals one wins and the others get a conflict, and a withdrawal never copies older content over
 * a version written just before it. With `expectedVersion`, the latest version must be that one.
 */
export async function withdrawPlan(
  store: Store,
  planId: string,
  actor: string,
  note?: string,
  expectedVersion?: number,
): Promise<PlanVersion> {
  checkActor(actor);
  if (!PlanIdSchema.safeParse(planId).success) throw new StoreError("invalid", "ALLY-YEAR, e.g. POL-2025", "planId");
  return inTransaction(
    store,
    async (trx) => {
      if (!(await lockPlan(trx, store.dialect, planId))) throw new StoreError("not_found", `no plan ${planId}`, "planId");
      const row = await latestRow(trx, planId);
      if (!row) throw new StoreError("unavailable", `plan ${planId} has no versions`);
      const latest = versionFromRow(row);
      if (expectedVersion !== undefined && latest.version !== expectedVersion)
        throw new StoreError("conflict", `plan ${planId} is at version ${latest.version}, not ${expectedVersion}`, "expectedVersion");
      if (latest.status === "withdrawn") throw new StoreError("conflict", `plan ${planId} is already withdrawn`, "planId");
      const { planId: _p, version: _v, status: _s, createdAt: _c, createdBy: _b, ...plan } = latest;
      const notes = note ? (plan.notes ? `${plan.notes}\n\nWithdrawn: ${note}` : `Withdrawn: ${note}`) : plan.notes;
      return writePlanVersion(trx, isoNow(store), actor, parsePlan({ ...plan, notes }), "withdrawn", "add");
    },
    true,
  );
}

export async function getPlan(store: Store, planId: string): Promise<PlanRecord | null> {
  const plan = await store.db.selectFrom("plans").selectAll().where("id", "=", planId).executeTakeFirst();
  if (!plan) return null;
  const rows = await store.db.selectFrom("plan_versions").selectAll().where("plan_id", "=", planId).orderBy("version", "asc").execute();
  const history = rows.map(versionFromRow);
  const latest = history.at(-1);
  if (!latest) throw new StoreError("unavailable", `plan ${planId} has no versions`);
  return { planId, ally: plan.ally, submissionYear: Number(plan.submission_year), createdAt: plan.created_at, latest, history };
}

/** Latest version of each plan, by ally then newest submission first. */
export async function listPlans(store: Store, filter: PlanFilter = {}): Promise<PlanSummary[]> {
  const { limit, offset } = checkPage(filter.limit, filter.offset);
  let query = store.db
    .selectFrom("plans as p")
    .innerJoin("plan_versions as v", "v.plan_id", "p.id")
    .where((eb) =>
      eb(
        "v.version",
        "=",
        eb
          .selectFrom("plan_versions as m")
          .select((m) => m.fn.max("m.version").as("max"))
          .whereRef("m.plan_id", "=", "p.id"),
      ),
    )
    .select(["p.ally", "p.submission_year", "p.created_at as plan_created_at"])
    .select(["v.plan_id", "v.version", "v.status", "v.payload", "v.created_at", "v.created_by"]);
  if (filter.ally !== undefined) query = query.where("p.ally", "=", filter.ally);
  if (filter.submissionYear !== undefined) query = query.where("p.submission_year", "=", filter.submissionYear);
  const rows = await query.orderBy("p.ally", "asc").orderBy("p.submission_year", "desc").limit(limit).offset(offset).execute();
  return rows.map((r) => ({
    planId: r.plan_id,
    ally: r.ally,
    submissionYear: Number(r.submission_year),
    createdAt: r.plan_created_at,
    latest: versionFromRow(r),
  }));
}

/**
 * The plan the ally submitted before `submissionYear` (most recent earlier submission whose latest
 * version is active): the baseline for slippage. Null when there is none.
 */
export async function previousPlanOf(store: Store, ally: string, submissionYear: number): Promise<PlanVersion | null> {
  const earlier = await store.db
    .selectFrom("plans")
    .select("id")
    .where("ally", "=", ally)
    .where("submission_year", "<", submissionYear)
    .orderBy("submission_year", "desc")
    .execute();
  for (const { id } of earlier) {
    const row = await latestRow(store.db, id);
    if (row && row.status === "active") return versionFromRow(row);
  }
  return null;
}
