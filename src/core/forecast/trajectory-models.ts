import type { Dataset } from "../../model/dataset.ts";
import type { AllyPathway } from "../pathway.ts";
import type { AllyModel } from "../simulation.ts";
import { natoShares, recentTrend, type ShareSeries, sipriShares } from "./share-history.ts";
import { fitTrajectory, TRAJECTORY_DEFAULTS, type TrajectoryFit, trajectoryPath, volatilityScale } from "./trajectory.ts";

/** The trajectory model for a set of paths, with what it was learned from. */
export interface TrajectorySetup {
  fit: TrajectoryFit;
  models: Record<string, AllyModel>;
  /** Per ally: its own NATO trend, the alliance's, its volatility relative to the pool. */
  inputs: { ally: string; ownTrend: number | null; commonTrend: number; scale: number }[];
  description: string[];
}

/** The newest SIPRI vintage in the dataset. */
export function latestSipriVintage(ds: Dataset): string {
  const v = ds.vintages.findLast((x) => x.series === "sipri");
  if (!v) throw new Error("the dataset has no SIPRI vintage");
  return v.id;
}

/**
 * Fits the trajectory on SIPRI's share of GDP of every ally (years up to the path's base year), then
 * applies it to each ally's NATO series of the paths' vintage: its own trend over the last W years
 * of NATO figures, the alliance's mean of those, its volatility from its SIPRI series.
 */
export function trajectorySetup(
  ds: Dataset,
  natoVintageId: string,
  paths: readonly AllyPathway[],
  sipriVintageId = latestSipriVintage(ds),
): TrajectorySetup {
  const base = paths[0]?.baseYear;
  if (base === undefined) throw new Error("no path to forecast");
  const allies = ds.allies.map((a) => a.iso3);
  const sipri = sipriShares(ds, sipriVintageId, allies, base);
  const lastSipri = Math.max(...sipri.flatMap((s) => [...s.byYear.keys()]));
  const fit = fitTrajectory(sipri, { ...TRAJECTORY_DEFAULTS, origin: Math.min(base, lastSipri) });
  const W = fit.window;
  const nato = new Map<string, ShareSeries>(allies.map((a) => [a, natoShares(ds, natoVintageId, a, base)]));
  const trends = allies.flatMap((a) => {
    const t = recentTrend(nato.get(a) as ShareSeries, base, W);
    return t === null ? [] : [t];
  });
  const common = trends.length ? trends.reduce((x, y) => x + y, 0) / trends.length : 0;
  const models: Record<string, AllyModel> = {};
  const inputs: TrajectorySetup["inputs"] = [];
  for (const p of paths) {
    const own = recentTrend(nato.get(p.ally) ?? { entity: p.ally, byYear: new Map() }, p.baseYear, W);
    const sipriOwn = sipri.find((s) => s.entity === p.ally);
    const scale = sipriOwn ? volatilityScale(sipriOwn, fit.origin, W, fit, TRAJECTORY_DEFAULTS.volatilityPrior) : 1;
    // Without W years of NATO figures the ally is given the alliance's trend (its departure counts as 0).
    const tp = trajectoryPath(fit, own ?? common, common, scale, p.years.length - 1);
    const logDrift = new Float64Array(p.years.length);
    const logSd = new Float64Array(p.years.length);
    logDrift.set(tp.drift, 1);
    logSd.set(tp.sd, 1);
    models[p.ally] = { kind: "trajectory", logDrift, logSd };
    inputs.push({ ally: p.ally, ownTrend: own, commonTrend: common, scale });
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return {
    fit,
    models,
    inputs,
    description: [
      `Trajectory: coefficients learned from SIPRI ${sipriVintageId} share of GDP, ${fit.entities} allies, origins ${TRAJECTORY_DEFAULTS.firstOrigin}–${fit.origin - 1} (${fit.samples.toLocaleString("en")} ally-years): of the alliance's ${W}-year trend ${fit.commonCarry[0]?.toFixed(2)} carries into the next year and ${fit.commonCarry[fit.horizons - 1]?.toFixed(2)} ${fit.horizons} years on; of an ally's departure from it ${fit.ownCarry[0]?.toFixed(2)} and ${fit.ownCarry[fit.horizons - 1]?.toFixed(2)}.`,
      `Trajectory: applied to NATO ${natoVintageId} shares, ${base - W}–${base}: alliance trend ${pct(common)} a year (log share); spread of the log share from the rule's past errors, ${pct(fit.sigma[0] ?? 0)} one year ahead to ${pct(fit.sigma[fit.horizons - 1] ?? 0)} ${fit.horizons} years ahead, scaled by each ally's own volatility.`,
    ],
  };
}
