import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import type { AllyPathway } from "../core/pathway.ts";
import {
  type AllyModel,
  type AllySimulation,
  allianceFromFixedPoint,
  commonYears,
  DEFAULT_PERCENTILES,
  type SimulationOptions,
  type SimulationResult,
  simulatePathways,
  volatilityOf,
} from "../core/simulation.ts";
import type { Calibration } from "../core/simulation-calibration.ts";
import { acquireWorker, discardWorker, releaseWorker } from "./simulation-pool.ts";
import type { WorkerTask } from "./simulation-worker.ts";

export interface ParallelOptions extends SimulationOptions {
  /** Worker threads; 1 runs in this thread. Default: the machine's cores, at most the number of allies. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
  /** Run even a small or single-worker job off this thread (a server keeps its event loop free). */
  offThread?: boolean;
  /** Stop the workers and reject with SimulationTimeoutError after this many milliseconds. */
  timeoutMs?: number;
  /** What the run assumes for each ally (by ISO3); absent: on the path. */
  models?: Readonly<Record<string, AllyModel>>;
}

export class SimulationTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the simulation did not finish within ${timeoutMs} ms`);
    this.name = "SimulationTimeoutError";
  }
}

/** Below this many draws, starting threads costs more than it saves. */
const PARALLEL_THRESHOLD = 2_000_000;
/** Allies handed to a thread ahead of its results, so that it never waits for the next one. */
const AHEAD = 2;

type WorkerReply = { kind: "ally"; result: AllySimulation } | { kind: "done"; fixed?: Float64Array };

/**
 * The Monte Carlo across worker threads, one ally at a time to whichever thread is free (threads on a
 * shared machine do not run at the same speed). Each ally has its own random stream and the alliance
 * totals are summed exactly (fixed point), so the numbers are the same for any worker count and split.
 */
export async function simulateInParallel(
  paths: readonly AllyPathway[],
  cal: Calibration,
  opts: ParallelOptions,
): Promise<SimulationResult> {
  const draws = paths.reduce((s, p) => s + p.years.length, 0) * opts.paths * 2;
  const workers = Math.max(1, Math.min(opts.workers ?? availableParallelism(), paths.length));
  const options: SimulationOptions = { paths: opts.paths, seed: opts.seed, percentiles: opts.percentiles ?? DEFAULT_PERCENTILES };
  if (!opts.offThread && (workers === 1 || draws < PARALLEL_THRESHOLD))
    return simulatePathways(paths, cal, options, opts.onProgress, undefined, opts.models);

  const years = commonYears(paths);
  const accumulatorLength = years ? years.length * opts.paths : 0;
  // Every ally's calibration is looked up before a thread is taken: a missing one fails here.
  const volatility = paths.map((p) => volatilityOf(cal, p.ally));
  const byAlly = new Map<string, AllySimulation>();
  const total = accumulatorLength ? new Float64Array(accumulatorLength) : null;
  let done = 0;
  let next = 0;
  const started = await Promise.all(Array.from({ length: workers }, () => acquireWorker()));
  let timer: NodeJS.Timeout | undefined;
  let failed = false;
  const timeout =
    opts.timeoutMs === undefined
      ? null
      : new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new SimulationTimeoutError(opts.timeoutMs as number)), opts.timeoutMs);
        });
  const handOut = (w: Worker): boolean => {
    const i = next;
    const p = paths[i];
    if (!p) return false;
    next++;
    w.postMessage({ kind: "ally", path: p, volatility: volatility[i], model: opts.models?.[p.ally] } as WorkerTask);
    return true;
  };
  const run = (w: Worker) =>
    new Promise<void>((resolve, reject) => {
      let inFlight = 0;
      w.on("message", (m: WorkerReply) => {
        if (m.kind === "done") {
          if (total && m.fixed) for (let i = 0; i < total.length; i++) total[i] = (total[i] as number) + (m.fixed[i] as number);
          resolve();
          return;
        }
        byAlly.set(m.result.ally, m.result);
        opts.onProgress?.(++done, paths.length);
        inFlight--;
        if (handOut(w)) inFlight++;
        else if (inFlight === 0) w.postMessage({ kind: "end" } satisfies WorkerTask);
      });
      w.on("error", reject);
      w.on("exit", (code) => reject(new Error(`simulation worker exited with code ${code}`)));
      w.postMessage({ kind: "begin", options, accumulatorLength } satisfies WorkerTask);
      while (inFlight < AHEAD && handOut(w)) inFlight++;
      if (inFlight === 0) w.postMessage({ kind: "end" } satisfies WorkerTask);
    });
  const work = Promise.all(started.map(run));
  try {
    await (timeout ? Promise.race([work, timeout]) : work);
  } catch (e) {
    failed = true;
    throw e;
  } finally {
    clearTimeout(timer);
    // A thread stopped mid-run (a timeout, an error) is never reused.
    for (const w of started) (failed ? discardWorker : releaseWorker)(w);
  }
  return {
    paths: opts.paths,
    seed: opts.seed,
    allies: paths.map((p) => byAlly.get(p.ally) as AllySimulation),
    alliance: years && total ? allianceFromFixedPoint(years, total, opts.paths, options.percentiles ?? DEFAULT_PERCENTILES) : null,
    calibration: cal.description,
  };
}
