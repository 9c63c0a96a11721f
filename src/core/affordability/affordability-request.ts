import type { AffordabilityAssumptions, BurdenParams } from "../../model/affordability.ts";
import type { Dataset } from "../../model/dataset.ts";
import type { Scenario } from "../../model/scenario.ts";
import { completeTarget, hagueFigures } from "../hague-figures.ts";
import { ParameterError } from "../parameter-error.ts";
import { type ContextOptions, type PathwayContext, preparePathwayContext } from "../pathway-context.ts";
import { defaultVintages } from "../pathway-request.ts";
import { runScenario } from "../scenarios.ts";
import { type AffordabilitySet, computeAffordability } from "./affordability.ts";
import { type BurdenResult, computeBurden } from "./burden.ts";
import type { EuDefenceInstruments } from "./eu-instruments.ts";

/** A scenario's paths (every ally, or those asked for) and their affordability: what the CLI and the API both run. */
export function runAffordability(
  ds: Dataset,
  scenario: Scenario,
  opts: AffordabilityAssumptions & { allies?: readonly string[] | undefined },
  eu: EuDefenceInstruments | null,
): AffordabilitySet & { scenario: Scenario; scenarioAssumptions: string[] } {
  const d = defaultVintages(ds);
  if (opts.allies) for (const a of opts.allies) if (!ds.ally(a)) throw new ParameterError("allies", `unknown ally "${a}"`);
  const result = runScenario(ds, scenario, { imfVintageId: d.imf, defaultVintageId: d.nato });
  const wanted = opts.allies ? new Set(opts.allies) : null;
  const set = { ...result.pathways, allies: result.pathways.allies.filter((p) => !wanted || wanted.has(p.ally)) };
  if (wanted && set.allies.length === 0) throw new ParameterError("allies", `no path for ${[...wanted].join(", ")} in this scenario`);
  const h = hagueFigures(ds);
  const a = computeAffordability(ds, set, eu, { ...opts, reviewYear: h.reviewYear, targetYear: h.targetYear });
  return { ...a, scenario: result.scenario, scenarioAssumptions: result.assumptions };
}

/** The burden-sharing calculator on the default vintages and the Hague paths. */
export function runBurden(
  ds: Dataset,
  params: BurdenParams,
  prepare: (ds: Dataset, opts: ContextOptions) => PathwayContext = preparePathwayContext,
): BurdenResult {
  const d = defaultVintages(ds);
  const h = hagueFigures(ds);
  const target = completeTarget(ds, { relatedBasePct: 0, shape: "linear" }, h);
  const ctx = prepare(ds, {
    vintageId: d.nato,
    imfVintageId: d.imf,
    horizon: Math.max(h.targetYear, params.byYear),
    economy: { gdpGrowthBeyondWeoPct: null, inflationBeyondWeoPct: null, gdpShockPp: 0, inflationShockPp: 0 },
  });
  return computeBurden(ds, ctx, target, params);
}
