/// <reference lib="webworker" />
/**
 * The forecast in a Web Worker, so sliders stay responsive. The page posts one run per model (the
 * deterministic paths, each ally's model, plain data) and the calibration; the worker answers with
 * progress after each ally and the results. The page cancels a run by terminating the worker.
 */
import type { AllyPathway } from "../../../src/core/pathway.ts";
import { type AllyModel, type SimulationOptions, type SimulationResult, simulatePathways } from "../../../src/core/simulation.ts";
import type { Calibration } from "../../../src/core/simulation-calibration.ts";
import type { ForecastModel } from "../../../src/model/forecast-models.ts";

export interface ModelRunRequest {
  model: ForecastModel;
  paths: AllyPathway[];
  models: Record<string, AllyModel>;
}

export interface SimulationRequest {
  runs: ModelRunRequest[];
  calibration: Calibration;
  options: SimulationOptions;
}

export type SimulationMessage =
  | { type: "progress"; done: number; total: number }
  | { type: "result"; results: { model: ForecastModel; result: SimulationResult; ms: number }[]; ms: number }
  | { type: "error"; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (e: MessageEvent<SimulationRequest>) => {
  const { runs, calibration, options } = e.data;
  const t0 = performance.now();
  const total = runs.reduce((n, r) => n + r.paths.length, 0);
  let before = 0;
  try {
    const results = runs.map((r) => {
      const start = performance.now();
      const result = simulatePathways(
        r.paths,
        calibration,
        options,
        (done) => scope.postMessage({ type: "progress", done: before + done, total } satisfies SimulationMessage),
        undefined,
        r.models,
      );
      before += r.paths.length;
      return { model: r.model, result, ms: performance.now() - start };
    });
    scope.postMessage({ type: "result", results, ms: performance.now() - t0 } satisfies SimulationMessage);
  } catch (err) {
    scope.postMessage({ type: "error", message: (err as Error).message } satisfies SimulationMessage);
  }
};
