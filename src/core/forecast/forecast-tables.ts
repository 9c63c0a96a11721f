import { type ForecastModel, MODEL_ASSUMPTIONS } from "../../model/forecast-models.ts";
import type { PublishedColumn, PublishedTableSpec } from "../published-table/spec.ts";
import { publishRows } from "../published-table/spec.ts";
import type { SimulationResult } from "../simulation.ts";

export const FORECAST_LEVELS = [5, 25, 50, 75, 95] as const;

const modelColumn: PublishedColumn = {
  key: "model",
  header: "Model",
  type: "text",
  values: ["path", "trajectory", "plan"],
  labels: { path: "on the path", trajectory: "trajectory", plan: "declared plan" },
  description: "path: if the ally budgets on the path; trajectory: on its current trajectory; plan: on its declared plan",
};

const levelColumns = (key: string, header: string, unit: string, decimals: number, shown: (p: number) => boolean): PublishedColumn[] =>
  FORECAST_LEVELS.map((p) => ({
    key: `${key}_p${p}`,
    header: `${header} p${p}`,
    type: "number" as const,
    unit,
    decimals,
    machineOnly: !shown(p),
    description: `${p}th percentile of the simulated ${unit}`,
  }));

/** Percentiles per model, ally and year. */
export const FORECAST_PERCENTILES_SPEC: PublishedTableSpec = {
  name: "forecast",
  description: "Percentiles of the core share of GDP and of core spending (national currency and US dollars) per model, ally and year",
  columns: [
    modelColumn,
    { key: "ally", header: "ISO3", type: "text", description: "ISO 3166 alpha-3 code" },
    { key: "year", header: "Year", type: "year", description: "calendar year (the first is NATO's base year, known)" },
    ...levelColumns("core_share", "%", "% of GDP", 4, () => true),
    ...levelColumns("core_nc_m", "m NC", "million national currency, current prices", 2, () => false),
    ...levelColumns("core_usd_current_m", "$m", "million US dollars, current prices at the path's exchange rates", 2, (p) => p === 50),
  ],
};

/** Probabilities per model and ally. */
export const FORECAST_PROBABILITIES_SPEC: PublishedTableSpec = {
  name: "probabilities",
  description: "Probability of reaching the core target by and in the target year and by the review year, per model and ally",
  columns: [
    modelColumn,
    { key: "ally", header: "ISO3", type: "text", description: "ISO 3166 alpha-3 code" },
    { key: "name", header: "Ally", type: "text", description: "ally name" },
    {
      key: "base_share_pct",
      header: "Base %",
      type: "number",
      unit: "% of GDP",
      decimals: 2,
      description: "NATO's figure for the base year",
    },
    { key: "target_pct", header: "Target %", type: "number", unit: "% of GDP", decimals: 2, description: "core target" },
    { key: "target_year", header: "By", type: "year", description: "target year" },
    {
      key: "p_by_target_year",
      header: "P(by year)",
      type: "number",
      decimals: 4,
      displayDecimals: 2,
      description: "share of paths at or above the target (two decimals, as NATO publishes) in any year up to the target year",
    },
    {
      key: "p_in_target_year",
      header: "P(in year)",
      type: "number",
      decimals: 4,
      displayDecimals: 2,
      description: "share of paths at or above the target in the target year itself",
    },
    { key: "review_year", header: "Review", type: "year", description: "the review year (data/guidelines.csv)" },
    {
      key: "p_by_review_year",
      header: "P(by review)",
      type: "number",
      decimals: 4,
      displayDecimals: 2,
      description:
        "share of paths at or above the target in any year up to the review year; empty when the review year is outside the path",
    },
    {
      key: "share_p5_at_target",
      header: "p5 %",
      type: "number",
      unit: "% of GDP",
      decimals: 2,
      description: "5th percentile of the share in the target year",
    },
    {
      key: "share_p50_at_target",
      header: "p50 %",
      type: "number",
      unit: "% of GDP",
      decimals: 2,
      description: "median share in the target year",
    },
    {
      key: "share_p95_at_target",
      header: "p95 %",
      type: "number",
      unit: "% of GDP",
      decimals: 2,
      description: "95th percentile of the share in the target year",
    },
    { key: "assumes", header: "", type: "text", machineOnly: true, description: "what the model assumes, in one sentence" },
  ],
};

export interface ModelRun {
  model: ForecastModel;
  result: SimulationResult;
  /** Names by ISO3, for the probabilities table. */
  names: ReadonlyMap<string, string>;
  reviewYear: number;
}

export function forecastPercentileRows(runs: readonly ModelRun[]) {
  const P = FORECAST_LEVELS.length;
  return publishRows(
    FORECAST_PERCENTILES_SPEC,
    runs.flatMap(({ model, result }) =>
      result.allies.flatMap((a) =>
        Array.from(a.years, (year, k) => {
          const row: Record<string, string | number> = { model, ally: a.ally, year };
          FORECAST_LEVELS.forEach((p, i) => {
            row[`core_share_p${p}`] = a.coreSharePct[k * P + i] as number;
            row[`core_nc_m_p${p}`] = a.coreNcM[k * P + i] as number;
            row[`core_usd_current_m_p${p}`] = a.coreUsdCurrentM[k * P + i] as number;
          });
          return row;
        }),
      ),
    ),
  );
}

export function forecastProbabilityRows(runs: readonly ModelRun[]) {
  const P = FORECAST_LEVELS.length;
  return publishRows(
    FORECAST_PROBABILITIES_SPEC,
    runs.flatMap(({ model, result, names, reviewYear }) =>
      result.allies.map((a) => {
        const k = a.targetYear - (a.years[0] as number);
        const at = (i: number) => (k >= 0 && k < a.years.length ? (a.coreSharePct[k * P + i] as number) : null);
        return {
          model,
          ally: a.ally,
          name: names.get(a.ally) ?? a.ally,
          base_share_pct: a.coreSharePct[0] as number,
          target_pct: a.targetPct,
          target_year: a.targetYear,
          p_by_target_year: a.pTargetByTargetYear,
          p_in_target_year: a.pTargetInTargetYear,
          review_year: reviewYear,
          p_by_review_year: a.pTargetByReviewYear,
          // Levels 5, 50 and 95 are FORECAST_LEVELS' first, middle and last.
          share_p5_at_target: at(0),
          share_p50_at_target: at(2),
          share_p95_at_target: at(P - 1),
          assumes: MODEL_ASSUMPTIONS[model],
        };
      }),
    ),
  );
}
