import type { Dataset } from "../model/dataset.ts";
import { median } from "./figure.ts";
import { estimatesVersusOutturns } from "./forecast/estimate-outturn.ts";

/** Volatilities of one ally's simulation, each with the data it was measured on. */
export interface AllyVolatility {
  ally: string;
  /** Standard deviation of the yearly surprise in log nominal GDP growth. */
  gdpSigma: number;
  gdpYears: [number, number];
  gdpSamples: number;
  /** Standard deviation of the log gap between planned and executed spending (pooled across allies). */
  executionSigma: number;
}

export interface Calibration {
  allies: Map<string, AllyVolatility>;
  execution: {
    sigma: number;
    /** Median log revision (outturn ÷ estimate): reported, but the model keeps shocks centred. */
    medianLogRevision: number;
    meanLogRevision: number;
    samples: number;
    fromVintage: string;
    toVintage: string;
    /** Allies whose series changed unit between the releases, with the factor removed. */
    unitChanges: string[];
  };
  description: string[];
}

export interface CalibrationOptions {
  imfVintageId: string;
  /** The vintage whose estimates are compared with outturns in `toVintage`. */
  fromVintage: string;
  toVintage: string;
  /** First year of the GDP window; the last is the year before the WEO's first estimate year. */
  firstYear: number;
}

/**
 * GDP: a naive forecast says next year's nominal growth equals this year's; its error, measured on
 * the IMF's actuals, is the surprise a budget set a year ahead meets. σ is the root mean square of
 * those errors divided by √2 (the difference of two independent years has twice the variance).
 *
 * Execution: NATO publishes estimates for its latest years and outturns a release or two later. The
 * log ratio outturn ÷ estimate of spending in national currency for the budget year (the release's own
 * year), unit changes removed (forecast/estimate-outturn.ts), pooled over all allies with a robust
 * scale, measures how far executed budgets land from announced ones.
 */
export function calibrateVolatility(ds: Dataset, opts: CalibrationOptions): Calibration {
  const imf = ds.vintage(opts.imfVintageId);
  if (!imf) throw new Error(`unknown vintage ${opts.imfVintageId}`);
  const lastActual = Math.min(...(imf.estimateYears.length ? imf.estimateYears : [Number.POSITIVE_INFINITY])) - 1;
  if (!ds.vintage(opts.fromVintage)) throw new Error(`unknown vintage ${opts.fromVintage}`);

  // Budget year only (lag 0): the release's estimate of its own year is a budget; the previous year's
  // "estimates" were near-final accounts and pooling them halves the apparent execution risk.
  const budgetYears = estimatesVersusOutturns(ds, opts.toVintage).filter(
    (r) => r.lag === 0 && r.estimateVintage === opts.fromVintage && r.outturnVintage === opts.toVintage,
  );
  const revisions = budgetYears.map((r) => r.logRevision);
  const unitChanges = budgetYears.filter((r) => r.unitChange !== null).map((r) => `${r.ally} (${r.unitChange})`);
  const samples = revisions.length;
  const centre = median(revisions) ?? 0;
  const mean = samples ? revisions.reduce((a, b) => a + b, 0) / samples : 0;
  // Robust scale (1.4826 × median absolute deviation): Albania's 2023–24 figures were cut by a third
  // between releases (a redefinition of some years only, which no level test can tell from execution).
  const executionSigma = samples > 1 ? 1.4826 * (median(revisions.map((r) => Math.abs(r - centre))) ?? 0) : 0;
  const years = [...new Set(budgetYears.map((r) => r.year))].sort((a, b) => a - b).join(", ");

  const allies = new Map<string, AllyVolatility>();
  for (const ally of ds.allies) {
    const g: number[] = [];
    for (let y = opts.firstYear; y <= lastActual; y++) {
      const a = ds.get(opts.imfVintageId, ally.iso3, "gdp_nc_current_bn", y - 1)?.value;
      const b = ds.get(opts.imfVintageId, ally.iso3, "gdp_nc_current_bn", y)?.value;
      if (a && b) g.push(Math.log(b / a));
    }
    let ss = 0;
    for (let i = 1; i < g.length; i++) ss += ((g[i] as number) - (g[i - 1] as number)) ** 2;
    const n = g.length - 1;
    allies.set(ally.iso3, {
      ally: ally.iso3,
      gdpSigma: n > 0 ? Math.sqrt(ss / n / 2) : 0,
      gdpYears: [opts.firstYear, lastActual],
      gdpSamples: Math.max(0, n),
      executionSigma,
    });
  }
  return {
    allies,
    execution: {
      sigma: executionSigma,
      medianLogRevision: centre,
      meanLogRevision: mean,
      samples,
      fromVintage: opts.fromVintage,
      toVintage: opts.toVintage,
      unitChanges,
    },
    description: [
      `GDP surprise: per ally, from the IMF ${opts.imfVintageId} actuals ${opts.firstYear}–${lastActual} (error of a naive same-growth-as-last-year forecast, ÷√2).`,
      samples
        ? `Budget execution: pooled over ${samples} allies' budget year${years.includes(",") ? "s" : ""} (${years}), NATO ${opts.fromVintage} estimates against ${opts.toVintage} outturns (robust σ = ${(executionSigma * 100).toFixed(1)}% in logs, median ${(centre * 100).toFixed(1)}%, mean ${(mean * 100).toFixed(1)}%)${unitChanges.length ? `; unit changes removed: ${unitChanges.join("; ")}` : ""}. Deviations are drawn independently each year: with one budget year per ally, NATO's releases cannot show whether a shortfall persists.`
        : `Budget execution: no NATO release up to ${opts.toVintage} reports an outturn for a year an earlier release estimated as its budget year, so execution shocks are left out (σ = 0).`,
    ],
  };
}

/**
 * The calibration every interface uses for a NATO vintage: execution shocks measured from the
 * previous official release's estimates against this release's outturns, GDP on the IMF since 2000.
 */
export function defaultCalibration(ds: Dataset, natoVintageId: string, imfVintageId: string): Calibration {
  const older = ds
    .natoVintages()
    .filter((v) => v.status === "official" && v.id !== natoVintageId)
    .at(-1);
  return calibrateVolatility(ds, { imfVintageId, fromVintage: older?.id ?? natoVintageId, toVintage: natoVintageId, firstYear: 2000 });
}
