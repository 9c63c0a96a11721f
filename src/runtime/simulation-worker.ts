/**
 * A worker thread's share of a Monte Carlo run: the allies it was given, with the same pure core the
 * browser's Worker uses. Results per ally depend only on the seed and the ally, never on the split.
 */
import { parentPort } from "node:worker_threads";
import type { AllyPathway } from "../core/pathway.ts";
import { type AllyModel, createScratch, type SimulationOptions, simulateAlly } from "../core/simulation.ts";
import type { AllyVolatility } from "../core/simulation-calibration.ts";

export interface WorkerTask {
  paths: AllyPathway[];
  volatility: AllyVolatility[];
  options: SimulationOptions;
  /** What the run assumes for each ally (index-aligned with `paths`); absent: on the path. */
  models?: (AllyModel | undefined)[];
  /** Length of the alliance accumulator (years × paths), or 0 when the allies' years differ. */
  accumulatorLength: number;
}

parentPort?.on("message", (task: WorkerTask) => {
  const maxYears = task.paths.reduce((m, p) => Math.max(m, p.years.length), 0);
  const scratch = createScratch(task.options.paths, maxYears);
  const fixed = task.accumulatorLength ? new Float64Array(task.accumulatorLength) : undefined;
  task.paths.forEach((p, i) => {
    const result = simulateAlly(p, task.volatility[i] as AllyVolatility, task.options, scratch, fixed, task.models?.[i]);
    parentPort?.postMessage({ kind: "ally", result });
  });
  parentPort?.postMessage({ kind: "done", fixed }, fixed ? [fixed.buffer] : []);
});
