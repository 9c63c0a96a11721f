/**
 * The forecast engine at the size issue 16 names (100,000 paths × every ally × 11 projected years,
 * percentiles and probabilities included) for the path and trajectory models, against an expert numpy
 * implementation of the same models (bench/forecast_numpy.py) in float64 and float32, run in the same session.
 *
 * Times are medians of three runs, numpy's too. The worker threads stay warm between runs (as in
 * `pledge serve`); the first run in the process, which starts them, is printed on its own.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { trajectorySetup } from "../src/core/forecast/trajectory-models.ts";
import { completeTarget } from "../src/core/hague-figures.ts";
import { computePathways } from "../src/core/pathway.ts";
import { preparePathwayContext } from "../src/core/pathway-context.ts";
import { type AllyModel, simulatePathways } from "../src/core/simulation.ts";
import { calibrateVolatility } from "../src/core/simulation-calibration.ts";
import { loadDataset } from "../src/data/load-dataset.ts";
import { EconomicAssumptionsSchema, PathwayTargetSchema } from "../src/model/pathway.ts";
import { simulateInParallel } from "../src/runtime/parallel-simulation.ts";
import { goal, median, ms } from "./timing.ts";

const PATHS = 100_000;
const RUNS = 3;
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
const set = computePathways(ds, ctx, completeTarget(ds, PathwayTargetSchema.parse({})));
const cal = calibrateVolatility(ds, { imfVintageId: "weo-2026-04", fromVintage: "2024-06", toVintage: vintage, firstYear: 2000 });
const trajectory = trajectorySetup(ds, vintage, set.allies);
const allies = set.allies.length;
const years = (set.allies[0]?.years.length ?? 1) - 1;
const dir = mkdtempSync(join(tmpdir(), "pledge-forecast-"));

/** The trajectory's yearly step sizes, as the engine derives them (sd_k² − sd_{k−1}², never negative). */
function steps(m: AllyModel | undefined): number[] {
  if (m?.kind !== "trajectory") return [];
  let prev = 0;
  return Array.from(m.logSd, (sd, k) => {
    const s = k === 0 ? 0 : Math.max(prev, sd);
    const step = Math.sqrt(s * s - prev * prev);
    prev = s;
    return step;
  });
}

function numpy(
  model: "path" | "trajectory",
  dtype: "float64" | "float32",
): { seconds: number; medianShareLastYear: Record<string, number>; numpy: string } {
  const spec = join(dir, `${model}.json`);
  writeFileSync(
    spec,
    JSON.stringify({
      paths: PATHS,
      seed: SEED,
      model,
      allies: set.allies.map((p) => {
        const v = cal.allies.get(p.ally);
        const m = trajectory.models[p.ally] as Extract<AllyModel, { kind: "trajectory" }>;
        const s0 = p.columns.coreSharePct[0] as number;
        // The trajectory's median path and spending, as the engine's reference (share × GDP at the year's rate).
        const share = model === "path" ? Array.from(p.columns.coreSharePct) : Array.from(m.logDrift, (d) => s0 * Math.exp(d));
        const spending =
          model === "path"
            ? Array.from(p.columns.coreUsdCurrentM)
            : share.map((s, k) =>
                k === 0
                  ? (p.columns.coreUsdCurrentM[0] as number)
                  : ((s / 100) * (p.columns.gdpNcM[k] as number)) / (p.columns.ncPerUsd[k] as number),
              );
        return {
          ally: p.ally,
          share,
          spending,
          step: steps(m),
          gdpSigma: v?.gdpSigma,
          executionSigma: v?.executionSigma,
          targetIndex: p.targetIndex,
          target: p.target.corePct,
        };
      }),
    }),
  );
  const py = spawnSync("python3", [join(import.meta.dirname, "forecast_numpy.py"), spec, dtype, String(RUNS)], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  if (py.status !== 0) throw new Error(`numpy baseline failed: ${py.stderr}`);
  return JSON.parse(py.stdout);
}

console.log(
  `Forecast engine: ${PATHS.toLocaleString("en")} paths × ${allies} allies × ${years} years; percentiles of share, spending and the alliance total; P(in) and P(by)`,
);
let failed = false;
const opts = { paths: PATHS, seed: SEED };
{
  const t = performance.now();
  await simulateInParallel(set.allies, cal, { ...opts, workers: 2 });
  console.log(`  first run in this process, starting 2 worker threads (path model): ${ms(performance.now() - t)}`);
}
const timed = async <T>(fn: () => T | Promise<T>): Promise<{ value: T; ms: number }> => {
  const times: number[] = [];
  let value: T | undefined;
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    value = await fn();
    times.push(performance.now() - t);
  }
  return { value: value as T, ms: median(times) };
};
for (const model of ["path", "trajectory"] as const) {
  const models = model === "path" ? {} : trajectory.models;
  const f64 = numpy(model, "float64");
  const f32 = numpy(model, "float32");
  const { value: single, ms: singleMs } = await timed(() => simulatePathways(set.allies, cal, opts, undefined, undefined, models));
  const { value: parallel, ms: parallelMs } = await timed(() => simulateInParallel(set.allies, cal, { ...opts, workers: 2, models }));
  const same =
    single.allies.every(
      (a, i) =>
        a.coreSharePct.every((v, j) => v === parallel.allies[i]?.coreSharePct[j]) &&
        a.pTargetByTargetYear === parallel.allies[i]?.pTargetByTargetYear,
    ) &&
    (single.alliance?.coreUsdCurrentM.every((v, j) => v === parallel.alliance?.coreUsdCurrentM[j]) ?? false);
  let worst = 0;
  for (const a of parallel.allies) {
    const mine = a.coreSharePct[(a.years.length - 1) * a.percentiles.length + 2] as number;
    worst = Math.max(worst, Math.abs(mine / (f64.medianShareLastYear[a.ally] as number) - 1));
  }
  const n64 = f64.seconds * 1000;
  const n32 = f32.seconds * 1000;
  console.log(`  ${model}:`);
  console.log(`    numpy ${f64.numpy} float64 (expert): ${ms(n64)}; float32: ${ms(n32)} (medians of ${RUNS})`);
  console.log(
    `    Pledge, one thread: ${ms(singleMs)} (${(n64 / singleMs).toFixed(2)}× numpy float64, ${(n32 / singleMs).toFixed(2)}× float32)`,
  );
  console.log(
    `    Pledge, 2 warm worker threads: ${ms(parallelMs)} (${(n64 / parallelMs).toFixed(2)}× numpy float64, ${(n32 / parallelMs).toFixed(2)}× float32) — goals ≤ 1.0 s: ${goal(parallelMs <= 1000)}; ≥ 3× numpy float64: ${goal(n64 / parallelMs >= 3)}`,
  );
  console.log(
    `    same numbers with 1 and 2 threads: ${same ? "yes" : "NO"}; medians of the last year agree with numpy within ${(worst * 100).toFixed(2)}%`,
  );
  if (!same) failed = true;
}
if (failed) process.exitCode = 1;
