import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS, openTestStore, type TestStore } from "../../test/support/stores.ts";
import { listAudit } from "./audit-repository.ts";
import { getScenario, saveScenario, scenarioIdOf } from "./scenarios-repository.ts";

const scenario = {
  id: "rupture",
  name: "US rupture",
  us: { mode: "reduce", corePct: 2, byYear: 2030 },
  overrides: { POL: { corePct: 5 } },
};

describe("scenario ids", () => {
  it("are the first 12 hex characters of sha256 over canonical JSON: key order does not matter", () => {
    const reordered = {
      overrides: { POL: { corePct: 5 } },
      us: { byYear: 2030, corePct: 2, mode: "reduce" },
      name: "US rupture",
      id: "rupture",
    };
    expect(scenarioIdOf(scenario)).toMatch(/^[0-9a-f]{12}$/);
    expect(scenarioIdOf(reordered)).toBe(scenarioIdOf(scenario));
    expect(scenarioIdOf({ ...scenario, name: "US rupture!" })).not.toBe(scenarioIdOf(scenario));
    // sha256('{"a":1}') = 015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862
    expect(scenarioIdOf({ a: 1 })).toBe("015abd7f5cc5");
  });
});

describe.each(DIALECTS)("scenarios repository on %s", (dialect) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(dialect);
  });
  afterEach(async () => {
    await t?.cleanup();
  });

  it("saving is idempotent: the same JSON gives the same id and one row, one audit entry", async () => {
    const first = await saveScenario(t.store, scenario, "alice");
    const second = await saveScenario(t.store, JSON.parse(JSON.stringify(scenario)), "bob");
    expect(first).toEqual({ id: scenarioIdOf(scenario), created: true });
    expect(second).toEqual({ id: first.id, created: false });
    const stored = await getScenario(t.store, first.id);
    expect(stored).toMatchObject({ id: first.id, json: scenario, createdBy: "alice", createdAt: "2025-06-01T00:00:00.000Z" });
    const { entries } = await listAudit(t.store, { entity: "scenario" });
    expect(entries.map((e) => [e.action, e.entityId, e.actor])).toEqual([["scenario.save", first.id, "alice"]]);
  });

  it("refuses what is not a JSON object, naming the field", async () => {
    await expect(saveScenario(t.store, [1, 2], "alice")).rejects.toMatchObject({ code: "invalid", field: "scenario" });
    await expect(saveScenario(t.store, { x: Number.NaN }, "alice")).rejects.toMatchObject({ code: "invalid", field: "scenario" });
    await expect(saveScenario(t.store, { x: "y".repeat(300_000) }, "alice")).rejects.toMatchObject({ code: "invalid", field: "scenario" });
    await expect(saveScenario(t.store, { x: 1 }, " ")).rejects.toMatchObject({ code: "invalid", field: "actor" });
  });

  it("an unknown or malformed id is simply not found", async () => {
    expect(await getScenario(t.store, "000000000000")).toBeNull();
    expect(await getScenario(t.store, "'; drop table scenarios; --")).toBeNull();
  });
});
