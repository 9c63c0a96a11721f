/**
 * A worker thread's share of a Monte Carlo run, with the same pure core the browser's Worker uses. The
 * parent hands out allies one at a time (a run's "begin", then "ally" messages, then "end"), so a slow
 * thread takes fewer; results per ally depend only on the seed and the ally, never on the split. The
 * thread stays alive between runs (src/runtime/simulation-pool.ts) and keeps its buffers and its JIT.
 */
import { parentPort } from "node:worker_threads";
import type { AllyPathway } from "../core/pathway.ts";
import { type AllyModel, createScratch, type SimulationOptions, type SimulationScratch, simulateAlly } from "../core/simulation.ts";
import type { AllyVolatility } from "../core/simulation-calibration.ts";

export type WorkerTask =
  | {
      kind: "begin";
      options: SimulationOptions;
      /** Length of the alliance accumulator (years × paths), or 0 when the allies' years differ. */
      accumulatorLength: number;
    }
  | {
      kind: "ally";
      path: AllyPathway;
      volatility: AllyVolatility;
      /** What the run assumes for the ally; absent: on the path. */
      model?: AllyModel;
    }
  | { kind: "end" };

let scratch: SimulationScratch | undefined;
let options: SimulationOptions | undefined;
let fixed: Float64Array | undefined;

parentPort?.on("message", (task: WorkerTask) => {
  if (task.kind === "begin") {
    options = task.options;
    if (scratch?.level.length !== options.paths) scratch = createScratch(options.paths);
    fixed = task.accumulatorLength ? new Float64Array(task.accumulatorLength) : undefined;
    return;
  }
  if (!options || !scratch) throw new Error("simulation worker: an ally arrived before its run began");
  if (task.kind === "ally") {
    const result = simulateAlly(task.path, task.volatility, options, scratch, fixed, task.model);
    parentPort?.postMessage({ kind: "ally", result });
    return;
  }
  parentPort?.postMessage({ kind: "done", fixed }, fixed ? [fixed.buffer as ArrayBuffer] : []);
  fixed = undefined;
  options = undefined;
});
