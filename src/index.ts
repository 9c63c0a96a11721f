/**
 * Pledge as a TypeScript library: load the dataset, then ask the pure core.
 *
 *   import { loadDataset, allianceAggregates } from "pledge";
 *   const ds = loadDataset();
 *   allianceAggregates(ds, 2024, "2024-06").counts[0].met.length; // 23
 *
 * Everything from src/core and src/model also runs in a browser; there, decode the bundle with
 * `decodeBundle` and `createDataset` instead of `loadDataset` (which reads a file).
 */
export * from "./core/aggregates.ts";
export * from "./core/ally-lookup.ts";
export * from "./core/comparisons.ts";
export * from "./core/compliance.ts";
export * from "./core/figure.ts";
export * from "./core/guideline-targets.ts";
export * from "./core/rankings.ts";
export * from "./core/revisions.ts";
export { type Bundle, type DecodedBundle, decodeBundle } from "./data/bundle.ts";
export { findDataDir, loadDataset } from "./data/load-dataset.ts";
export type { Ally } from "./model/ally.ts";
export { createDataset, type Dataset, type DatasetParts } from "./model/dataset.ts";
export { COMPARATORS } from "./model/entities.ts";
export type { Guideline, GuidelineId, TargetOverride } from "./model/guideline.ts";
export { findIndicator, INDICATORS, type Indicator, unitFor } from "./model/indicator.ts";
export type { EstimateFlag, Observation } from "./model/observation.ts";
export type { Source } from "./model/source.ts";
export type { Vintage } from "./model/vintage.ts";
