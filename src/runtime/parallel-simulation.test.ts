import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { trajectorySetup } from "../core/forecast/trajectory-models.ts";
import { completeTarget } from "../core/hague-figures.ts";
import { computePathways } from "../core/pathway.ts";
import { preparePathwayContext } from "../core/pathway-context.ts";
import { simulatePathways } from "../core/simulation.ts";
import { calibrateVolatility } from "../core/simulation-calibration.ts";
import { loadDataset } from "../data/load-dataset.ts";
import { EconomicAssumptionsSchema, PathwayTargetSchema } from "../model/pathway.ts";
import { SimulationTimeoutError, simulateInParallel } from "./parallel-simulation.ts";
import { idleWorkers } from "./simulation-pool.ts";

const ds = loadDataset();
const ctx = preparePathwayContext(ds, {
  vintageId: "2026-07",
  imfVintageId: "weo-2026-04",
  horizon: 2035,
  economy: EconomicAssumptionsSchema.parse({}),
});
const set = computePathways(ds, ctx, completeTarget(ds, PathwayTargetSchema.parse({})), { allies: ["USA", "DEU", "FRA", "POL", "CAN"] });
const cal = calibrateVolatility(ds, { imfVintageId: "weo-2026-04", fromVintage: "2024-06", toVintage: "2026-07", firstYear: 2000 });

describe("the Monte Carlo across worker threads", () => {
  it("gives exactly the numbers of a single thread, alliance totals included, and reports progress per ally", async () => {
    // 5 allies × 10 years × 30,000 paths × 2 draws = 3M draws: above the threshold where threads start.
    const opts = { paths: 30_000, seed: 2029 };
    const single = simulatePathways(set.allies, cal, opts);
    const progress: number[] = [];
    const parallel = await simulateInParallel(set.allies, cal, { ...opts, workers: 2, onProgress: (done) => progress.push(done) });
    expect(parallel.allies.map((a) => a.ally)).toEqual(["CAN", "FRA", "DEU", "POL", "USA"]);
    for (let i = 0; i < single.allies.length; i++) {
      expect(parallel.allies[i]?.coreSharePct).toEqual(single.allies[i]?.coreSharePct);
      expect(parallel.allies[i]?.pTargetInTargetYear).toBe(single.allies[i]?.pTargetInTargetYear);
    }
    expect(parallel.alliance?.coreUsdCurrentM).toEqual(single.alliance?.coreUsdCurrentM);
    expect(progress).toEqual([1, 2, 3, 4, 5]);
  }, 60_000);

  it("the trajectory and plan models too: each ally's model travels to its worker", async () => {
    const opts = { paths: 30_000, seed: 7 };
    const models = { ...trajectorySetup(ds, "2026-07", set.allies).models, POL: { kind: "plan" as const, executionBias: -0.05 } };
    const single = simulatePathways(set.allies, cal, opts, undefined, undefined, models);
    const parallel = await simulateInParallel(set.allies, cal, { ...opts, workers: 2, models });
    for (let i = 0; i < single.allies.length; i++) {
      expect(parallel.allies[i]?.model).toBe(single.allies[i]?.model);
      expect(parallel.allies[i]?.coreSharePct).toEqual(single.allies[i]?.coreSharePct);
      expect(parallel.allies[i]?.coreNcM).toEqual(single.allies[i]?.coreNcM);
      expect(parallel.allies[i]?.pTargetByTargetYear).toBe(single.allies[i]?.pTargetByTargetYear);
      expect(parallel.allies[i]?.pTargetByReviewYear).toBe(single.allies[i]?.pTargetByReviewYear);
    }
    expect(parallel.allies.find((a) => a.ally === "POL")?.model).toBe("plan");
    expect(parallel.allies.find((a) => a.ally === "DEU")?.model).toBe("trajectory");
    expect(parallel.alliance?.coreUsdCurrentM).toEqual(single.alliance?.coreUsdCurrentM);
  }, 60_000);

  it("keeps its threads warm between runs, and never reuses one stopped by a timeout", async () => {
    const opts = { paths: 30_000, seed: 11, workers: 2 };
    await simulateInParallel(set.allies, cal, opts);
    expect(idleWorkers()).toBe(2);
    const again = await simulateInParallel(set.allies, cal, opts);
    expect(idleWorkers()).toBe(2); // the same two, not two more
    expect(again.allies).toHaveLength(5);
    await expect(simulateInParallel(set.allies, cal, { ...opts, paths: 200_000, timeoutMs: 1 })).rejects.toBeInstanceOf(
      SimulationTimeoutError,
    );
    expect(idleWorkers()).toBe(0);
    // The next run starts fresh threads and gives the same numbers as before.
    const fresh = await simulateInParallel(set.allies, cal, opts);
    expect(fresh.allies.map((a) => a.coreSharePct)).toEqual(again.allies.map((a) => a.coreSharePct));
    expect(idleWorkers()).toBe(2);
  }, 60_000);

  it("idle threads do not keep a process alive: a script that ran a parallel forecast exits by itself", () => {
    const root = new URL("../..", import.meta.url).pathname;
    const src = (file: string) => JSON.stringify(join(root, "src", file));
    const script = join(mkdtempSync(join(tmpdir(), "pledge-pool-")), "run.mts");
    writeFileSync(
      script,
      `import { loadDataset } from ${src("data/load-dataset.ts")};
      import { computePathways } from ${src("core/pathway.ts")};
      import { preparePathwayContext } from ${src("core/pathway-context.ts")};
      import { completeTarget } from ${src("core/hague-figures.ts")};
      import { calibrateVolatility } from ${src("core/simulation-calibration.ts")};
      import { EconomicAssumptionsSchema, PathwayTargetSchema } from ${src("model/pathway.ts")};
      import { simulateInParallel } from ${src("runtime/parallel-simulation.ts")};
      const ds = loadDataset();
      const ctx = preparePathwayContext(ds, { vintageId: "2026-07", imfVintageId: "weo-2026-04", horizon: 2035, economy: EconomicAssumptionsSchema.parse({}) });
      const set = computePathways(ds, ctx, completeTarget(ds, PathwayTargetSchema.parse({})), { allies: ["USA", "DEU"] });
      const cal = calibrateVolatility(ds, { imfVintageId: "weo-2026-04", fromVintage: "2024-06", toVintage: "2026-07", firstYear: 2000 });
      const r = await simulateInParallel(set.allies, cal, { paths: 2000, seed: 1, workers: 2, offThread: true });
      console.log(r.allies.length);`,
    );
    const run = spawnSync(process.execPath, ["--import", "tsx", script], { cwd: root, encoding: "utf8", timeout: 40_000 });
    expect(run.error).toBeUndefined(); // a timeout (the process hanging on a thread) sets this
    expect(run.stdout.trim(), run.stderr).toBe("2");
    expect(run.status).toBe(0);
  }, 60_000);
});
