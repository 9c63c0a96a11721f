/**
 * The Monte Carlo at the size issue 3 names (100,000 paths × every ally × 11 projected years) against
 * a numpy float64 reference of the same model run in the same session, and the deterministic pathway
 * recompute that the dashboard's sliders drive.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { completeTarget } from "../src/core/hague-figures.ts";
import { computePathways } from "../src/core/pathway.ts";
import { preparePathwayContext } from "../src/core/pathway-context.ts";
import { simulatePathways } from "../src/core/simulation.ts";
import { calibrateVolatility } from "../src/core/simulation-calibration.ts";
import { loadDataset } from "../src/data/load-dataset.ts";
import { EconomicAssumptionsSchema, PathwayTargetSchema } from "../src/model/pathway.ts";
import { simulateInParallel } from "../src/runtime/parallel-simulation.ts";
import { goal, medianMs, ms } from "./timing.ts";

const PATHS = 100_000;
const SEED = 2035;
const ds = loadDataset();
const vintage = ds.latestNatoVintage().id;
const base = Math.max(...ds.years(vintage));
const ctx = preparePathwayContext(ds, {
  vintageId: vintage,
  imfVintageId: "weo-2026-04",
  horizon: base + 11,
  economy: EconomicAssumptionsSchema.parse({}),
});
const target = completeTarget(ds, PathwayTargetSchema.parse({}));
const set = computePathways(ds, ctx, target);
const cal = calibrateVolatility(ds, { imfVintageId: "weo-2026-04", fromVintage: "2024-06", toVintage: vintage, firstYear: 2000 });
const allies = set.allies.length;
const years = (set.allies[0]?.years.length ?? 1) - 1;

const recompute = medianMs(() => computePathways(ds, ctx, target), 201, 50);
console.log(
  `deterministic pathways, all ${allies} allies to ${base + 11}: ${ms(recompute)} per recompute — goal < 1 ms: ${goal(recompute < 1)}`,
);

const dir = mkdtempSync(join(tmpdir(), "pledge-mc-"));
const spec = join(dir, "model.json");
writeFileSync(
  spec,
  JSON.stringify({
    paths: PATHS,
    seed: SEED,
    allies: set.allies.map((p) => {
      const v = cal.allies.get(p.ally);
      return {
        ally: p.ally,
        share: Array.from(p.columns.coreSharePct),
        spending: Array.from(p.columns.coreUsdCurrentM),
        gdpSigma: v?.gdpSigma,
        executionSigma: v?.executionSigma,
        targetIndex: p.targetIndex,
        target: p.target.corePct,
      };
    }),
  }),
);
const py = spawnSync("python3", [join(import.meta.dirname, "monte_carlo_reference.py"), spec], { encoding: "utf8", maxBuffer: 1 << 24 });
if (py.status !== 0) {
  console.log(`numpy reference failed: ${py.stderr}`);
  process.exit(1);
}
const ref = JSON.parse(py.stdout) as { seconds: number; medianShareLastYear: Record<string, number>; numpy: string };
const numpyMs = ref.seconds * 1000;

const t1 = performance.now();
const single = simulatePathways(set.allies, cal, { paths: PATHS, seed: SEED });
const singleMs = performance.now() - t1;
const workers = availableParallelism();
const t2 = performance.now();
const parallel = await simulateInParallel(set.allies, cal, { paths: PATHS, seed: SEED, workers });
const parallelMs = performance.now() - t2;

const same = single.allies.every((a, i) => a.coreSharePct.every((v, j) => v === parallel.allies[i]?.coreSharePct[j]));
let worst = 0;
for (const a of parallel.allies) {
  const last = a.coreSharePct[(a.years.length - 1) * a.percentiles.length + 2] as number;
  const theirs = ref.medianShareLastYear[a.ally] as number;
  worst = Math.max(worst, Math.abs(last / theirs - 1));
}
console.log(
  `Monte Carlo: ${PATHS.toLocaleString("en")} paths × ${allies} allies (Iceland has no armed forces) × ${years} years, 5 percentiles of share, spending and the alliance total`,
);
console.log(`  numpy ${ref.numpy} float64 reference: ${ms(numpyMs)}`);
console.log(`  Pledge, one thread: ${ms(singleMs)} (${(numpyMs / singleMs).toFixed(2)}× numpy)`);
console.log(
  `  Pledge, ${workers} worker threads: ${ms(parallelMs)} (${(numpyMs / parallelMs).toFixed(2)}× numpy) — goal ≥ 1.5×: ${goal(numpyMs / parallelMs >= 1.5)}`,
);
console.log(
  `  same numbers with 1 and ${workers} threads: ${same ? "yes" : "NO"}; medians agree with numpy within ${(worst * 100).toFixed(2)}%`,
);
if (!same) process.exitCode = 1;
