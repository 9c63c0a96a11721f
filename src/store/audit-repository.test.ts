import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS, openTestStore, type TestStore } from "../../test/support/stores.ts";
import { listAudit } from "./audit-repository.ts";
import { saveScenario } from "./scenarios-repository.ts";

describe.each(DIALECTS)("audit log on %s", (dialect) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(dialect);
  });
  afterEach(async () => {
    await t?.cleanup();
  });

  it("pages newest first with nextBeforeId, and filters by actor", async () => {
    for (let i = 0; i < 5; i++) await saveScenario(t.store, { i }, i % 2 ? "odd" : "even");
    const page1 = await listAudit(t.store, { limit: 2 });
    expect(page1.entries.map((e) => e.id)).toEqual([5, 4]);
    const page2 = await listAudit(t.store, { limit: 2, beforeId: page1.nextBeforeId as number });
    expect(page2.entries.map((e) => e.id)).toEqual([3, 2]);
    const page3 = await listAudit(t.store, { limit: 2, beforeId: page2.nextBeforeId as number });
    expect(page3).toMatchObject({
      entries: [{ id: 1, after: { i: 0 }, before: null, at: "2025-06-01T00:00:00.000Z" }],
      nextBeforeId: null,
    });
    expect((await listAudit(t.store, { actor: "odd" })).entries.map((e) => e.id)).toEqual([4, 2]);
  });

  it("the page size is bounded to 500", async () => {
    await expect(listAudit(t.store, { limit: 501 })).rejects.toMatchObject({
      code: "invalid",
      field: "limit",
      message: "limit: must be a whole number from 1 to 500",
    });
    await expect(listAudit(t.store, { limit: 0 })).rejects.toMatchObject({ field: "limit" });
    expect((await listAudit(t.store, { limit: 500 })).entries).toEqual([]);
  });
});
