/**
 * `pledge/core`: the pure core and the domain model, for Node and for browsers alike. Nothing here
 * reads a file, the clock or global randomness; give it a `Dataset` (from `pledge/data` in Node, or
 * `decodeBundle` + `createDataset` on the JSON bundle in a browser) and a seeded generator where one is needed.
 */
export * from "../core/aggregates.ts";
export * from "../core/ally-lookup.ts";
export * from "../core/comparisons.ts";
export * from "../core/compliance.ts";
export * from "../core/dataset-query.ts";
export * from "../core/figure.ts";
export * from "../core/guideline-targets.ts";
export * from "../core/parameter-error.ts";
export * from "../core/path-shapes.ts";
export * from "../core/pathway.ts";
export * from "../core/pathway-context.ts";
export * from "../core/pathway-request.ts";
export * from "../core/percentiles.ts";
export * from "../core/plan-assessment.ts";
export * from "../core/plan-assessment-inputs.ts";
export * from "../core/published-precision.ts";
export * from "../core/published-table/csv.ts";
export * from "../core/random.ts";
export * from "../core/rankings.ts";
export * from "../core/revisions.ts";
export * from "../core/scenarios.ts";
export * from "../core/simulation.ts";
export * from "../core/simulation-calibration.ts";
export * from "../core/simulation-rows.ts";
export { type Bundle, type DecodedBundle, decodeBundle } from "../data/bundle.ts";
export * from "../model/ally.ts";
export * from "../model/dataset.ts";
export * from "../model/entities.ts";
export * from "../model/guideline.ts";
export * from "../model/hague.ts";
export * from "../model/indicator.ts";
export * from "../model/observation.ts";
export * from "../model/pathway.ts";
export * from "../model/plan.ts";
export * from "../model/scenario.ts";
export * from "../model/source.ts";
export * from "../model/vintage.ts";
export * from "../model/vintage-record.ts";
