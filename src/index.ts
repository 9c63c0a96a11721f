/**
 * Pledge as a library, for Node: everything in `pledge/core` (the pure computations and the domain
 * model), `pledge/data` (the shipped dataset) and the Monte Carlo on worker threads.
 *
 *   import { allianceAggregates, loadDataset } from "pledge";
 *   const ds = loadDataset();
 *   const at2pct = allianceAggregates(ds, 2024, "2024-06").counts[0]?.met.length;
 *
 * In a browser, import `pledge/core` (no Node built-ins) and decode the JSON bundle
 * (`pledge/data/dataset.json`) with `decodeBundle` and `createDataset`. docs/library.md has the tour.
 */
export * from "./library/core.ts";
export * from "./library/data.ts";
export { type ParallelOptions, SimulationTimeoutError, simulateInParallel } from "./runtime/parallel-simulation.ts";
