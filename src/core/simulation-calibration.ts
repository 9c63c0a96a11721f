import type { Dataset } from "../model/dataset.ts";
import { median } from "./figure.ts";

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
    samples: number;
    fromVintage: string;
    toVintage: string;
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
 * log ratio outturn ÷ estimate of spending in national currency, pooled over all allies (each has
 * only one or two such years), with a robust scale, measures how far executed budgets land from announced ones.
 */
export function calibrateVolatility(ds: Dataset, opts: CalibrationOptions): Calibration {
  const imf = ds.vintage(opts.imfVintageId);
  if (!imf) throw new Error(`unknown vintage ${opts.imfVintageId}`);
  const lastActual = Math.min(...(imf.estimateYears.length ? imf.estimateYears : [Number.POSITIVE_INFINITY])) - 1;
  const from = ds.vintage(opts.fromVintage);
  if (!from) throw new Error(`unknown vintage ${opts.fromVintage}`);

  const revisions: number[] = [];
  for (const ally of ds.allies)
    for (const year of from.estimateYears) {
      const est = ds.get(opts.fromVintage, ally.iso3, "defexp_nc_current", year);
      const out = ds.get(opts.toVintage, ally.iso3, "defexp_nc_current", year);
      if (!est || !out || est.estimate === "reported" || out.estimate !== "reported" || est.value <= 0 || out.value <= 0) continue;
      revisions.push(Math.log(out.value / est.value));
    }
  const samples = revisions.length;
  const centre = median(revisions) ?? 0;
  // Robust scale (1.4826 × median absolute deviation): a few allies' series were redefined between
  // releases (Bulgaria 2023–24 fell by two thirds, Albania by a third), which is not budget execution.
  const executionSigma = samples > 1 ? 1.4826 * (median(revisions.map((r) => Math.abs(r - centre))) ?? 0) : 0;

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
    execution: { sigma: executionSigma, medianLogRevision: centre, samples, fromVintage: opts.fromVintage, toVintage: opts.toVintage },
    description: [
      `GDP surprise: per ally, from the IMF ${opts.imfVintageId} actuals ${opts.firstYear}–${lastActual} (error of a naive same-growth-as-last-year forecast, ÷√2).`,
      `Budget execution: pooled over ${samples} ally-years, NATO ${opts.fromVintage} estimates against ${opts.toVintage} outturns (robust σ = ${(executionSigma * 100).toFixed(1)}% in logs, median ${(centre * 100).toFixed(1)}%).`,
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
