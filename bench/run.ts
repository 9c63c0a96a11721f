/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process, one after another (they time
 * things, so they must not share the two cores). Each prints its own figures, ratios against a
 * baseline measured in the same run, and the goal it is held to.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const f of files) {
  console.log(`\n━━ ${f} ━━`);
  const r = spawnSync(process.execPath, ["--import", "tsx", join(dir, f)], { stdio: "inherit", env: process.env });
  if (r.status !== 0) {
    failed++;
    console.log(`✗ ${f} exited with ${r.status ?? r.signal}`);
  }
}
console.log(`\n${files.length - failed} benchmarks ran, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
