import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
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

let bundledWorker: string | undefined;

async function startWorker(): Promise<Worker> {
  // The built bundle ships simulation-worker.js beside it.
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./simulation-worker.js", import.meta.url));
  // From source (tsx, vitest, bench) the worker is TypeScript. Bundling it once with esbuild (already
  // loaded by tsx) and starting it from the bundle takes ~20 ms; loading tsx in each thread takes ~200 ms.
  if (bundledWorker === undefined) {
    // esbuild is a development dependency, there wherever the sources run; the specifier is a variable
    // so that a bundler packing the compiled library does not try to resolve it.
    const esbuild = "esbuild";
    const { buildSync } = (await import(/* @vite-ignore */ esbuild)) as typeof import("esbuild");
    const file = new URL("./simulation-worker.ts", import.meta.url).pathname;
    const out = buildSync({
      entryPoints: [file],
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      write: false,
      logLevel: "silent",
    });
    bundledWorker = out.outputFiles[0]?.text ?? "";
  }
  return new Worker(bundledWorker, { eval: true });
}

/**
 * The Monte Carlo split across worker threads by ally. Each ally has its own random stream and the
 * alliance totals are summed exactly (fixed point), so the numbers are the same for any worker count.
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
  const groups: AllyPathway[][] = Array.from({ length: workers }, () => []);
  paths.forEach((p, i) => {
    groups[i % workers]?.push(p);
  });
  const byAlly = new Map<string, AllySimulation>();
  const total = accumulatorLength ? new Float64Array(accumulatorLength) : null;
  let done = 0;
  const started = await Promise.all(groups.map(() => startWorker()));
  let timer: NodeJS.Timeout | undefined;
  const timeout =
    opts.timeoutMs === undefined
      ? null
      : new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            for (const w of started) void w.terminate();
            reject(new SimulationTimeoutError(opts.timeoutMs as number));
          }, opts.timeoutMs);
        });
  const work = Promise.all(
    groups.map(
      (group, g) =>
        new Promise<void>((resolve, reject) => {
          const w = started[g] as Worker;
          w.on("message", (m: { kind: "ally"; result: AllySimulation } | { kind: "done"; fixed?: Float64Array }) => {
            if (m.kind === "ally") {
              byAlly.set(m.result.ally, m.result);
              opts.onProgress?.(++done, paths.length);
              return;
            }
            if (total && m.fixed) for (let i = 0; i < total.length; i++) total[i] = (total[i] as number) + (m.fixed[i] as number);
            void w.terminate();
            resolve();
          });
          w.on("error", reject);
          w.on("exit", (code) => {
            if (code !== 0 && code !== 1) reject(new Error(`simulation worker exited with code ${code}`));
          });
          const task: WorkerTask = {
            paths: group,
            volatility: group.map((p) => volatilityOf(cal, p.ally)),
            options,
            accumulatorLength,
            models: group.map((p) => opts.models?.[p.ally]),
          };
          w.postMessage(task);
        }),
    ),
  );
  try {
    await (timeout ? Promise.race([work, timeout]) : work);
  } finally {
    clearTimeout(timer);
  }
  return {
    paths: opts.paths,
    seed: opts.seed,
    allies: paths.map((p) => byAlly.get(p.ally) as AllySimulation),
    alliance: years && total ? allianceFromFixedPoint(years, total, opts.paths, options.percentiles ?? DEFAULT_PERCENTILES) : null,
    calibration: cal.description,
  };
}
