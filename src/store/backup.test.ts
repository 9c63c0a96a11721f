import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { polandPlan } from "../../test/support/plans.ts";
import { DIALECTS, openTestStore, type TestStore, tickingClock } from "../../test/support/stores.ts";
import { listAudit } from "./audit-repository.ts";
import { backupStore, restoreStore } from "./backup.ts";
import type { Store } from "./database.ts";
import { saveImportedVintage } from "./imported-vintages-repository.ts";
import { addVersion, createPlan, getPlan, withdrawPlan } from "./plans-repository.ts";
import { saveScenario } from "./scenarios-repository.ts";
import { createSession } from "./sessions-repository.ts";
import { createApiToken, revokeApiToken } from "./tokens-repository.ts";
import { createUser } from "./users-repository.ts";

/** Some of everything, including text that sorts differently under a locale collation than byte-wise. */
async function populate(store: Store): Promise<void> {
  const admin = await createUser(store, { name: "admin", password: "correct horse battery", role: "admin" }, "setup");
  const editor = await createUser(
    store,
    { name: "elise", password: "correct horse battery", role: "editor", allies: ["POL", "EST"] },
    "admin",
  );
  await createUser(store, { name: "Zed".toLowerCase(), password: "correct horse battery", role: "reader" }, "admin");
  const token = await createApiToken(store, editor.id, "ci", "admin");
  await createApiToken(store, admin.id, "laptop", "admin");
  await revokeApiToken(store, token.id, "admin");
  await createSession(store, editor.id, { now: new Date("2025-06-01T00:00:00Z"), ttlMs: 3_600_000 });
  await createPlan(store, polandPlan(2025), "elise");
  await addVersion(store, "POL-2025", polandPlan(2025, 3.9), "elise");
  await createPlan(store, { ...polandPlan(2025), ally: "EST", notes: 'Ääni "quoted"\nnew line ✓' }, "admin");
  await withdrawPlan(store, "EST-2025", "admin", "resubmitted");
  await createPlan(store, { ally: "DNK", submissionYear: 2025, unit: "amount", years: [{ year: 2026, coreNcM: 80_000.5 }] }, "admin");
  await saveScenario(store, { name: "Zeta", b: [1, 2, { z: 1, a: null }] }, "admin");
  await saveScenario(store, { name: "alpha" }, "admin");
  const vintage = {
    id: "nato-2027-test",
    series: "nato" as const,
    sourceId: "nato-defexp-2026",
    label: "A test release",
    file: "imported: test.csv",
    published: "2027-07-01",
    status: "official" as const,
    priceBaseYear: 2021,
    estimateYears: [2027],
    rows: 2,
  };
  const cell = { vintageId: vintage.id, sourceUnit: "percent", sourceTable: "Table 3", sourceLabel: "share", citation: "NATO" };
  await saveImportedVintage(
    store,
    vintage,
    [
      { ...cell, entity: "POL", year: 2027, indicator: "defexp_share_gdp_pct", value: 4.81, estimate: "estimate" },
      { ...cell, entity: "EST", year: 2026, indicator: "defexp_share_gdp_pct", value: 3.3333333333333335, estimate: "reported" },
    ],
    "admin",
  );
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "pledge-backup-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const opened: TestStore[] = [];
async function open(dialect: (typeof DIALECTS)[number]): Promise<Store> {
  const t = await openTestStore(dialect, tickingClock());
  opened.push(t);
  return t.store;
}
afterEach(async () => {
  for (const t of opened.splice(0)) await t.cleanup();
});

describe.each(DIALECTS)("backup and restore on %s", (dialect) => {
  it("backup → restore into a fresh database → backup gives the same bytes", async () => {
    const source = await open(dialect);
    await populate(source);
    const first = join(dir, `${dialect}-1.jsonl`);
    const second = join(dir, `${dialect}-2.jsonl`);
    expect((await backupStore(source, first)).rows).toBe(3 + 2 + 1 + 3 + 5 + 2 + 1 + 14);
    const target = await open(dialect);
    await restoreStore(target, first);
    await backupStore(target, second);
    expect(readFileSync(second, "utf8")).toBe(readFileSync(first, "utf8"));
    expect((await getPlan(target, "POL-2025"))?.history.map((v) => v.version)).toEqual([1, 2]);
  });

  it("restore replaces what was there, and new audit ids continue after the restored ones", async () => {
    const source = await open(dialect);
    await populate(source);
    const file = join(dir, `${dialect}-replace.jsonl`);
    await backupStore(source, file);
    const target = await open(dialect);
    await createPlan(target, { ...polandPlan(2030), ally: "FRA" }, "someone");
    await restoreStore(target, file);
    expect(await getPlan(target, "FRA-2030")).toBeNull();
    await createPlan(target, { ...polandPlan(2030), ally: "FRA" }, "someone");
    const { entries } = await listAudit(target, { limit: 2 });
    expect(entries.map((e) => e.id)).toEqual([15, 14]);
  });

  it("a bad line is reported with file and line, and nothing changes", async () => {
    const source = await open(dialect);
    await populate(source);
    const good = join(dir, `${dialect}-good.jsonl`);
    await backupStore(source, good);
    const lines = readFileSync(good, "utf8").split("\n");
    // Line numbers are found by content: user ids are random, so their rows sort differently each run.
    const at = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix));
    const pol = at('{"table":"plan_versions","row":{"plan_id":"POL-2025","version":1');
    const dnk = at('{"table":"plan_versions","row":{"plan_id":"DNK-2025"');
    expect(pol).toBeGreaterThan(0);
    expect(dnk).toBeGreaterThan(0);
    const cases: [(ls: string[]) => void, RegExp][] = [
      [(ls) => (ls[4] = "{not json"), /^bad\.jsonl line 5: not valid JSON$/],
      [(ls) => (ls[1] = '{"table":"secrets","row":{}}'), /^bad\.jsonl line 2: expected/],
      [
        (ls) => (ls[pol] = (ls[pol] as string).replace('\\"corePct\\":4.5', '\\"corePct\\":-1')),
        new RegExp(`^bad\\.jsonl line ${pol + 1}: plan_versions\\.payload: invalid content: years\\.0\\.corePct`),
      ],
      [
        (ls) => (ls[dnk] = (ls[dnk] as string).replace('"plan_id":"DNK-2025"', '"plan_id":"XXX-2025"')),
        new RegExp(`^bad\\.jsonl line ${dnk + 1}: plan_versions\\.plan_id "XXX-2025" refers to no plans row`),
      ],
      [(ls) => (ls[0] = '{"format":"other"}'), /^bad\.jsonl line 1: not a pledge-backup v1 header/],
      [(ls) => ls.splice(1, 3), /refers to no users row/],
      [(ls) => ls.reverse(), /^bad\.jsonl line 1: /],
    ];
    const target = await open(dialect);
    await createPlan(target, { ...polandPlan(2030), ally: "FRA" }, "someone");
    const before = join(dir, `${dialect}-before.jsonl`);
    await backupStore(target, before);
    for (const [damage, expected] of cases) {
      const copy = [...lines];
      damage(copy);
      const bad = join(dir, "bad.jsonl");
      writeFileSync(bad, copy.join("\n"));
      await expect(restoreStore(target, bad)).rejects.toThrow(expected);
    }
    const after = join(dir, `${dialect}-after.jsonl`);
    await backupStore(target, after);
    expect(readFileSync(after, "utf8")).toBe(readFileSync(before, "utf8"));
  });
});

describe("moving between databases", () => {
  it.each([
    ["sqlite", "postgres"],
    ["postgres", "sqlite"],
  ] as const)("%s → %s keeps every byte", async (from, to) => {
    const source = await open(from);
    await populate(source);
    const a = join(dir, `${from}-to-${to}-a.jsonl`);
    const b = join(dir, `${from}-to-${to}-b.jsonl`);
    await backupStore(source, a);
    const target = await open(to);
    await restoreStore(target, a);
    await backupStore(target, b);
    expect(readFileSync(b, "utf8")).toBe(readFileSync(a, "utf8"));
  });
});
