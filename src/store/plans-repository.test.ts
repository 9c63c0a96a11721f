import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { polandPlan } from "../../test/support/plans.ts";
import { DIALECTS, openTestStore, type TestStore } from "../../test/support/stores.ts";
import { AnnualPlanSchema } from "../model/plan.ts";
import { listAudit } from "./audit-repository.ts";
import type { Store } from "./database.ts";
import { addVersion, createPlan, getPlan, listPlans, previousPlanOf, withdrawPlan, writePlanVersion } from "./plans-repository.ts";
import { StoreError } from "./store-error.ts";
import { inTransaction } from "./transaction.ts";

async function countRows(store: Store, table: "plans" | "plan_versions" | "audit_log"): Promise<number> {
  const row = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function storeErrorOf(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe.each(DIALECTS)("plans repository on %s", (dialect) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(dialect);
  });
  afterEach(async () => {
    await t?.cleanup();
  });

  it("migrates an empty database, and reopening runs no migration twice", async () => {
    expect(t.store.dialect).toBe(dialect);
    await createPlan(t.store, polandPlan(), "alice");
    const again = await t.reopen();
    expect((await getPlan(again, "POL-2025"))?.latest.version).toBe(1);
  });

  it("creates version 1 of POL-2025 with its audit row in the same write", async () => {
    const v = await createPlan(t.store, polandPlan(), "alice");
    expect(v).toMatchObject({ planId: "POL-2025", version: 1, status: "active", createdBy: "alice", ally: "POL" });
    expect(v.createdAt).toBe("2025-06-01T00:00:00.000Z");
    const { entries } = await listAudit(t.store);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: "alice", action: "plan.create", entity: "plan", entityId: "POL-2025", before: null });
    expect(entries[0]?.after).toEqual(v);
  });

  it("a second plan for the same ally and year is a conflict naming planId", async () => {
    await createPlan(t.store, polandPlan(), "alice");
    const e = await storeErrorOf(createPlan(t.store, polandPlan(), "bob"));
    expect(e).toMatchObject({ code: "conflict", field: "planId" });
    expect(await countRows(t.store, "plan_versions")).toBe(1);
  });

  it("invalid input names the field and writes nothing", async () => {
    const bad = { ...polandPlan(), years: [{ year: 2026, coreNcM: 100 }] };
    const e = await storeErrorOf(createPlan(t.store, bad, "alice"));
    expect(e.code).toBe("invalid");
    expect(e.field).toBe("years.0.corePct");
    expect(e.issues.map((i) => i.field)).toEqual(["years.0.corePct", "years.0.coreNcM"]);
    expect(e.message).not.toMatch(/at .*\.ts/);
    for (const table of ["plans", "plan_versions", "audit_log"] as const) expect(await countRows(t.store, table)).toBe(0);
  });

  it("addVersion appends an immutable version; history keeps every one", async () => {
    await createPlan(t.store, polandPlan(), "alice");
    const v2 = await addVersion(t.store, "POL-2025", polandPlan(2025, 3.8), "bob");
    expect(v2.version).toBe(2);
    const record = await getPlan(t.store, "POL-2025");
    expect(record?.latest.years[1]?.corePct).toBe(3.8);
    expect(record?.history.map((h) => [h.version, h.years[1]?.corePct, h.createdBy])).toEqual([
      [1, 4.0, "alice"],
      [2, 3.8, "bob"],
    ]);
    const { entries } = await listAudit(t.store, { entity: "plan", entityId: "POL-2025" });
    expect(entries[0]).toMatchObject({ action: "plan.version", before: { version: 1 }, after: { version: 2 } });
  });

  it("addVersion refuses a plan whose ally/year do not match, and an unknown plan", async () => {
    await createPlan(t.store, polandPlan(), "alice");
    expect(await storeErrorOf(addVersion(t.store, "POL-2025", { ...polandPlan(), ally: "DEU" }, "bob"))).toMatchObject({
      code: "invalid",
      field: "ally",
    });
    expect(await storeErrorOf(addVersion(t.store, "POL-2026", polandPlan(2026), "bob"))).toMatchObject({ code: "not_found" });
    expect(await storeErrorOf(addVersion(t.store, "pol", polandPlan(), "bob"))).toMatchObject({ code: "invalid", field: "planId" });
    expect(await countRows(t.store, "plan_versions")).toBe(1);
  });

  it("concurrent versions get distinct numbers and every one its audit row", async () => {
    await createPlan(t.store, polandPlan(), "alice");
    const versions = await Promise.all(
      [1, 2, 3, 4, 5].map((i) => addVersion(t.store, "POL-2025", polandPlan(2025, 4 + i / 10), `user${i}`)),
    );
    expect(versions.map((v) => v.version).sort()).toEqual([2, 3, 4, 5, 6]);
    expect(await countRows(t.store, "plan_versions")).toBe(6);
    expect(await countRows(t.store, "audit_log")).toBe(6);
  });

  it("a failure after the version insert rolls the version back with its audit row", async () => {
    await expect(
      inTransaction(t.store, async (trx) => {
        await writePlanVersion(trx, "2025-06-01T00:00:00.000Z", "alice", AnnualPlanSchema.parse(polandPlan()), "active", "create");
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    for (const table of ["plans", "plan_versions", "audit_log"] as const) expect(await countRows(t.store, table)).toBe(0);
  });

  it("withdrawal is a new version; the previous plan skips withdrawn submissions", async () => {
    await createPlan(t.store, polandPlan(2024, 3.0), "alice");
    await createPlan(t.store, polandPlan(2025, 3.5), "alice");
    await createPlan(t.store, polandPlan(2026, 4.0), "alice");
    expect((await previousPlanOf(t.store, "POL", 2026))?.submissionYear).toBe(2025);
    const w = await withdrawPlan(t.store, "POL-2025", "alice", "superseded");
    expect(w).toMatchObject({ version: 2, status: "withdrawn", notes: "Ministry of National Defence budget law\n\nWithdrawn: superseded" });
    expect((await previousPlanOf(t.store, "POL", 2026))?.submissionYear).toBe(2024);
    expect(await previousPlanOf(t.store, "POL", 2024)).toBeNull();
    expect(await storeErrorOf(withdrawPlan(t.store, "POL-2025", "alice"))).toMatchObject({ code: "conflict" });
    const { entries } = await listAudit(t.store, { entityId: "POL-2025" });
    expect(entries[0]?.action).toBe("plan.withdraw");
  });

  it("lists the latest version of each plan, filtered by ally and year, in a bounded page", async () => {
    await createPlan(t.store, polandPlan(2025), "alice");
    await addVersion(t.store, "POL-2025", polandPlan(2025, 3.9), "alice");
    await createPlan(t.store, polandPlan(2026), "alice");
    await createPlan(t.store, { ...polandPlan(2025), ally: "DEU" }, "alice");
    const all = await listPlans(t.store);
    expect(all.map((p) => [p.planId, p.latest.version])).toEqual([
      ["DEU-2025", 1],
      ["POL-2026", 1],
      ["POL-2025", 2],
    ]);
    expect((await listPlans(t.store, { ally: "POL" })).map((p) => p.planId)).toEqual(["POL-2026", "POL-2025"]);
    expect((await listPlans(t.store, { submissionYear: 2025 })).map((p) => p.planId)).toEqual(["DEU-2025", "POL-2025"]);
    expect((await listPlans(t.store, { limit: 1, offset: 1 })).map((p) => p.planId)).toEqual(["POL-2026"]);
    await expect(listPlans(t.store, { limit: 501 })).rejects.toMatchObject({ code: "invalid", field: "limit" });
  });

  it("a corrupt stored payload is reported with plan and version, never returned", async () => {
    await createPlan(t.store, polandPlan(), "alice");
    // Simulates damage from outside the application (the repositories have no UPDATE path).
    await t.store.db.updateTable("plan_versions").set({ payload: '{"ally":"POL"}' }).execute();
    await expect(getPlan(t.store, "POL-2025")).rejects.toThrow(/^plan POL-2025 version 1: stored payload does not validate/);
  });
});
