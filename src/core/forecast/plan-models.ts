import type { Dataset } from "../../model/dataset.ts";
import type { PathwayRequest, UserPlan } from "../../model/pathway.ts";
import type { PlanUnit } from "../../model/plan.ts";
import { ParameterError } from "../parameter-error.ts";
import type { AllyPathway, PathwaySet } from "../pathway.ts";
import { type ContextOptions, type PathwayContext, preparePathwayContext } from "../pathway-context.ts";
import { runPathwayRequest } from "../pathway-request.ts";
import type { AllyModel } from "../simulation.ts";

/** What the forecast reads from a registry plan (a stored version or a seed plan). */
export interface RegistryPlan {
  ally: string;
  submissionYear: number;
  unit: PlanUnit;
  years: readonly { year: number; corePct?: number | undefined; coreNcM?: number | undefined }[];
}

/**
 * The ally's newest plan as a path: its core figures for the years after the base year (the base
 * year is NATO's), up to `lastYear`. Null when the registry has no plan or none of its years is ahead.
 */
export function planPathFor(
  plans: readonly RegistryPlan[],
  ally: string,
  baseYear: number,
  lastYear: number,
): { plan: UserPlan; submissionYear: number } | null {
  const newest = plans.filter((p) => p.ally === ally).sort((a, b) => b.submissionYear - a.submissionYear)[0];
  if (!newest) return null;
  const values: Record<string, number> = {};
  for (const y of newest.years) {
    const v = newest.unit === "share" ? y.corePct : y.coreNcM;
    if (v !== undefined && y.year > baseYear && y.year <= lastYear) values[String(y.year)] = v;
  }
  return Object.keys(values).length ? { plan: { kind: newest.unit, values }, submissionYear: newest.submissionYear } : null;
}

export interface PlanForecastSetup {
  paths: AllyPathway[];
  models: Record<string, AllyModel>;
  /** Allies of the request without a usable plan, each with the reason. */
  missing: { ally: string; reason: string }[];
  description: string[];
}

/**
 * Each ally's declared plan as its path (interpolated between plan years, held after the last), with
 * execution missing it by `executionBias` (NATO's median budget-year revision, a log factor).
 */
export function planForecastSetup(
  ds: Dataset,
  req: PathwayRequest,
  set: PathwaySet,
  plans: readonly RegistryPlan[],
  executionBias: number,
  prepare?: (ds: Dataset, opts: ContextOptions) => PathwayContext,
): PlanForecastSetup {
  const paths: AllyPathway[] = [];
  const models: Record<string, AllyModel> = {};
  const missing: PlanForecastSetup["missing"] = [];
  const used: string[] = [];
  // Every ally's plan path is asked with the same economic options: prepare the context once.
  const contexts = new Map<string, PathwayContext>();
  const once = (d: Dataset, o: ContextOptions) => {
    const key = JSON.stringify(o);
    let c = contexts.get(key);
    if (!c) {
      c = (prepare ?? preparePathwayContext)(d, o);
      contexts.set(key, c);
    }
    return c;
  };
  for (const p of set.allies) {
    const found = planPathFor(plans, p.ally, p.baseYear, p.years[p.years.length - 1] as number);
    if (!found) {
      missing.push({ ally: p.ally, reason: `no plan in the registry with a year after ${p.baseYear}` });
      continue;
    }
    try {
      const own = runPathwayRequest(ds, { ...req, allies: [p.ally], target: { ...req.target, shape: "plan", plan: found.plan } }, once);
      const path = own.allies[0];
      if (!path) throw new ParameterError("allies", `no path for ${p.ally}`);
      paths.push(path);
      models[p.ally] = { kind: "plan", executionBias };
      used.push(`${p.ally} ${found.submissionYear}`);
    } catch (e) {
      if (!(e instanceof ParameterError)) throw e;
      missing.push({ ally: p.ally, reason: e.message });
    }
  }
  return {
    paths,
    models,
    missing,
    description: [
      `Plan: each ally's newest plan in the registry (${used.join(", ") || "none"}), its core figures interpolated between its years and held after the last; execution shifted by NATO's median budget-year revision (${(executionBias * 100).toFixed(2)}% in logs).`,
    ],
  };
}
