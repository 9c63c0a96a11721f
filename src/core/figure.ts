import type { EstimateFlag, Observation } from "../model/observation.ts";

/** A number with what its source says about it. Absent figures are `null`, never 0. */
export interface Figure {
  value: number;
  estimate: EstimateFlag;
}

export const figureOf = (o: Observation | undefined): Figure | null => (o ? { value: o.value, estimate: o.estimate } : null);

/** The weakest flag of the inputs a derived figure was computed from. */
export function combinedEstimate(...flags: EstimateFlag[]): EstimateFlag {
  if (flags.includes("uncertain")) return "uncertain";
  if (flags.includes("estimate")) return "estimate";
  if (flags.includes("not_flagged")) return "not_flagged";
  return "reported";
}

/**
 * NATO publishes shares to two decimals and reports compliance on the published figure
 * (Slovakia 2024: 2.00 in the table, counted at 2%). Comparing full-precision cells would disagree
 * with every published count, so thresholds compare the value rounded half away from zero to 2 dp.
 */
export function publishedPct(value: number): number {
  return (Math.sign(value) * Math.round(Math.abs(value) * 100 + 1e-9)) / 100;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
