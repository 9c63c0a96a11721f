import type { Dataset } from "../../model/dataset.ts";
import type { ForecastModel } from "../../model/forecast-models.ts";
import type { PathwayRequest } from "../../model/pathway.ts";
import type { AllyPathway, PathwaySet } from "../pathway.ts";
import type { ContextOptions, PathwayContext } from "../pathway-context.ts";
import type { AllyModel } from "../simulation.ts";
import type { Calibration } from "../simulation-calibration.ts";
import { planForecastSetup, type RegistryPlan } from "./plan-models.ts";
import { trajectorySetup } from "./trajectory-models.ts";

/** What one model runs on: the paths (GDP, exchange rates, and for path and plan the share), the per-ally assumptions, and the words that say so. */
export interface ForecastSetup {
  model: ForecastModel;
  paths: AllyPathway[];
  models: Record<string, AllyModel>;
  missing: { ally: string; reason: string }[];
  description: string[];
}

export function forecastSetup(
  ds: Dataset,
  model: ForecastModel,
  req: PathwayRequest,
  set: PathwaySet,
  cal: Calibration,
  plans: readonly RegistryPlan[],
  prepare?: (ds: Dataset, opts: ContextOptions) => PathwayContext,
): ForecastSetup {
  if (model === "trajectory") {
    const t = trajectorySetup(ds, set.vintageId, set.allies);
    return { model, paths: set.allies, models: t.models, missing: [], description: t.description };
  }
  if (model === "plan") {
    const p = planForecastSetup(ds, req, set, plans, cal.execution.medianLogRevision, prepare);
    return { model, paths: p.paths, models: p.models, missing: p.missing, description: [...p.description, ...cal.description] };
  }
  return { model, paths: set.allies, models: {}, missing: [], description: cal.description };
}
