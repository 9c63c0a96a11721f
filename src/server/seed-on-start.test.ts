import { afterEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/stores.ts";
import { startTestServer, type TestServer } from "../../test/support/test-server.ts";
import { SEED_ACTOR } from "../core/plan-seed.ts";

describe.each(DIALECTS)("a fresh server's plan registry (%s)", (dialect) => {
  let s: TestServer;
  afterEach(async () => {
    await s?.stop();
  });

  it("starts full: the allies' statements as plans by the system, each with its source URL; a restart adds nothing", async () => {
    s = await startTestServer(dialect, { seedPlans: true });
    const list = (await s.api("/api/v1/plans?limit=500")).json.plans;
    expect(list).toHaveLength(17);
    for (const p of list) {
      expect(p.latest.createdBy).toBe(SEED_ACTOR);
      expect(p.latest.sources[0].url).toMatch(/^https?:\/\//);
    }
    expect(s.logs.some((l) => l.includes("loaded 17 plans"))).toBe(true);
    await s.restart({ seedPlans: true });
    const again = (await s.api("/api/v1/plans?limit=500")).json.plans;
    expect(again.map((p: { latest: { version: number } }) => p.latest.version)).toEqual(list.map(() => 1));
  });

  it("a seeded plan's assessment carries the restated amounts and a grade with its reasons", async () => {
    s = await startTestServer(dialect, { seedPlans: true });
    const a = (await s.api("/api/v1/plans/POL-2025/assessment")).json;
    // Poland 2026: PLN 200 bn over the IMF's 4,140.988 bn.
    expect(a.restatements[0].pctOfImfGdp).toBeCloseTo((200 / 4140.988) * 100, 9);
    expect(a.credibility.reasons.length).toBeGreaterThan(0);
    expect(a.credibility.grade).toMatch(/^[ABCD]$/);
    // Poland's base share (4.68 %, 2026) is above 3.5 %: the path holds it.
    expect(a.assessment.distanceFromLinearPathPp[0].pathPct).toBe(4.68);
  });

  it("a person's plan that was never seeded is judged on its own figures only", async () => {
    s = await startTestServer(dialect, { seedPlans: true });
    const plan = { ally: "POL", submissionYear: 2027, unit: "share", years: [{ year: 2030, corePct: 5 }] };
    expect((await s.api("/api/v1/plans", { body: plan, token: s.editor.token })).status).toBe(201);
    const a = (await s.api("/api/v1/plans/POL-2027/assessment")).json;
    expect(a.restatements).toEqual([]);
    expect(a.previousPlan).toEqual({ planId: "POL-2025", version: 1 });
  });
});
