/**
 * Crash-test load: `node --import tsx test/support/write-load.ts <dbfile>` opens the SQLite store and
 * adds plan versions in a loop, printing `<planId> <version>` to stdout only after each commit.
 * src/store/crash.test.ts kills it with SIGKILL and checks that every reported version survived.
 */
import { openStore } from "../../src/store/database.ts";
import { addVersion, createPlan, getPlan } from "../../src/store/plans-repository.ts";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: write-load.ts <dbfile>\n");
  process.exit(2);
}

const store = await openStore({ url: `sqlite:${file}` });
const allies = ["POL", "EST", "LTU"];
for (const ally of allies)
  if (!(await getPlan(store, `${ally}-2025`))) {
    const v = await createPlan(store, planFor(ally, 0), "load");
    process.stdout.write(`${v.planId} ${v.version}\n`);
  }

for (let i = 1; ; i++) {
  const ally = allies[i % allies.length] as string;
  const v = await addVersion(store, `${ally}-2025`, planFor(ally, i), "load");
  process.stdout.write(`${v.planId} ${v.version}\n`);
}

function planFor(ally: string, i: number) {
  return {
    ally,
    submissionYear: 2025,
    unit: "share" as const,
    years: Array.from({ length: 11 }, (_, k) => ({ year: 2025 + k, corePct: 2 + k * 0.15 + (i % 100) / 1000, relatedPct: 0.1 * k })),
    // A long note makes each payload span several database pages, so a torn write would show.
    notes: `load iteration ${i} `.repeat(200),
    sources: [{ title: `iteration ${i}`, url: "https://example.org/plan" }],
  };
}
