import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestStore, type TestStore } from "../../test/support/stores.ts";
import { SEED_ACTOR, type SeedPlan, seedPlansFromClaims } from "../core/plan-seed.ts";
import { loadPlanClaims } from "../data/claimed-plans.ts";
import { addVersion, getPlan, listPlans, withdrawPlan } from "./plans-repository.ts";
import { seedPlans, seedPlansIfEmpty } from "./seed-plans.ts";

let seeds: SeedPlan[];
beforeAll(() => {
  seeds = seedPlansFromClaims(loadPlanClaims());
});

describe.each(DIALECTS)("seeding the plan registry (%s)", (dialect) => {
  let t: TestStore;
  afterEach(async () => {
    await t?.cleanup();
  });
  const counts = async () => ({
    versions: Number(
      (
        await t.store.db
          .selectFrom("plan_versions")
          .select((e) => e.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    audit: Number(
      (
        await t.store.db
          .selectFrom("audit_log")
          .select((e) => e.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });

  it("a fresh database gets every seed plan, recorded as by the system with its sources; seeding twice changes nothing", async () => {
    t = await openTestStore(dialect);
    const first = await seedPlansIfEmpty(t.store, seeds);
    expect(first?.map((o) => o.action)).toEqual(seeds.map(() => "created"));
    const after = await counts();
    expect(after.versions).toBe(seeds.length);
    const again = await seedPlans(t.store, seeds);
    expect(again.every((o) => o.action === "unchanged")).toBe(true);
    expect(await counts()).toEqual(after);
    expect(await seedPlansIfEmpty(t.store, seeds)).toBeNull();
    const listed = await listPlans(t.store, { limit: 500 });
    expect(listed).toHaveLength(seeds.length);
    for (const p of listed) {
      expect(p.latest.createdBy).toBe(SEED_ACTOR);
      const seed = seeds.find((s) => s.plan.ally === p.ally && s.plan.submissionYear === p.submissionYear);
      // Every URL of every statement behind the plan is among its sources.
      const urls = new Set(p.latest.sources.map((s) => s.url));
      expect(p.latest.sources.length).toBeGreaterThan(0);
      for (const c of seed?.claims ?? []) for (const u of c.urls) expect(urls.has(u)).toBe(true);
    }
  });

  it("a person's version is never overwritten: an edit and a withdrawal are kept when seeding again", async () => {
    t = await openTestStore(dialect);
    await seedPlans(t.store, seeds);
    const pol = await getPlan(t.store, "POL-2025");
    if (!pol) throw new Error("POL-2025 was not seeded");
    const { planId: _p, version: _v, status: _s, createdAt: _c, createdBy: _b, ...content } = pol.latest;
    await addVersion(t.store, "POL-2025", { ...content, years: [{ year: 2026, corePct: 4.7 }] }, "alice");
    await withdrawPlan(t.store, "DEU-2025", "bob", "superseded by the 2026 budget");
    const before = await counts();
    const outcomes = await seedPlans(t.store, seeds);
    expect(outcomes.find((o) => o.planId === "POL-2025")).toEqual({ planId: "POL-2025", action: "kept_user_version", latestBy: "alice" });
    expect(outcomes.find((o) => o.planId === "DEU-2025")).toEqual({ planId: "DEU-2025", action: "kept_user_version", latestBy: "bob" });
    expect(await counts()).toEqual(before);
    expect((await getPlan(t.store, "POL-2025"))?.latest.years).toEqual([{ year: 2026, corePct: 4.7 }]);
    expect((await getPlan(t.store, "DEU-2025"))?.latest.status).toBe("withdrawn");
  });

  it("changed seed data adds a version by the system (history kept), only for the plan that changed", async () => {
    t = await openTestStore(dialect);
    await seedPlans(t.store, seeds);
    const changed = seeds.map((s) =>
      s.plan.ally === "SWE" ? { ...s, plan: { ...s.plan, notes: `${s.plan.notes ?? ""}\ncorrected` } } : s,
    );
    const outcomes = await seedPlans(t.store, changed);
    expect(outcomes.filter((o) => o.action === "updated").map((o) => o.planId)).toEqual(["SWE-2025"]);
    const swe = await getPlan(t.store, "SWE-2025");
    expect(swe?.history.map((v) => v.createdBy)).toEqual([SEED_ACTOR, SEED_ACTOR]);
  });
});
