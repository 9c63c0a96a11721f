import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

/**
 * Simulation threads kept warm between runs. Starting a thread and loading the engine into it costs
 * about 100 ms a thread on this kind of machine, a fifth of a 100,000-path run; a warm thread also
 * keeps its compiled code. Idle threads are unref'd, so they never keep a process alive; a thread that
 * failed or was stopped (a timeout) is discarded, never reused.
 */
const idle: Worker[] = [];
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

/** A warm thread if one is idle, else a new one; held (ref'd) until released or discarded. */
export async function acquireWorker(): Promise<Worker> {
  const w = idle.pop() ?? (await startWorker());
  w.removeAllListeners();
  w.ref();
  return w;
}

/** Back to the pool, its run's listeners removed; beyond one idle thread per core it is stopped. */
export function releaseWorker(w: Worker): void {
  w.removeAllListeners();
  if (idle.length >= availableParallelism()) {
    void w.terminate();
    return;
  }
  w.unref();
  // An idle thread that dies (it should not) leaves the pool rather than being handed out dead.
  w.once("exit", () => {
    const i = idle.indexOf(w);
    if (i >= 0) idle.splice(i, 1);
  });
  w.once("error", () => {});
  idle.push(w);
}

export function discardWorker(w: Worker): void {
  w.removeAllListeners();
  w.on("error", () => {});
  void w.terminate();
}

/** Threads waiting in the pool (for tests). */
export function idleWorkers(): number {
  return idle.length;
}
