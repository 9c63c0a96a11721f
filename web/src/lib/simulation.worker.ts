/// <reference lib="webworker" />
/**
 * The Monte Carlo in a Web Worker, so sliders stay responsive. The page posts the deterministic paths
 * and the calibration (plain data); the worker answers with progress after each ally and the result.
 * The page cancels a run by terminating the worker.
 */
import type { AllyPathway } from "../../../src/core/pathway.ts";
import { type SimulationOptions, type SimulationResult, simulatePathways } from "../../../src/core/simulation.ts";
import type { Calibration } from "../../../src/core/simulation-calibration.ts";

export interface SimulationRequest {
  paths: AllyPathway[];
  calibration: Calibration;
  options: SimulationOptions;
}

export type SimulationMessage =
  | { type: "progress"; done: number; total: number }
  | { type: "result"; result: SimulationResult; ms: number }
  | { type: "error"; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (e: MessageEvent<SimulationRequest>) => {
  const { paths, calibration, options } = e.data;
  const t0 = performance.now();
  try {
    const result = simulatePathways(paths, calibration, options, (done, total) =>
      scope.postMessage({ type: "progress", done, total } satisfies SimulationMessage),
    );
    scope.postMessage({ type: "result", result, ms: performance.now() - t0 } satisfies SimulationMessage);
  } catch (err) {
    scope.postMessage({ type: "error", message: (err as Error).message } satisfies SimulationMessage);
  }
};
