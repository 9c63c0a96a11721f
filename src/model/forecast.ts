import { z } from "zod";
import { PathwayRequestSchema } from "./pathway.ts";

/** The three projections, each named for what it assumes (docs/forecast.md). */
export const ForecastModelSchema = z.enum(["path", "trajectory", "plan"]);
export type ForecastModel = z.infer<typeof ForecastModelSchema>;

/** The model chosen by the backtest (docs/forecast.md, `pledge backtest`): the one whose probabilities held up. */
export const DEFAULT_FORECAST_MODEL: ForecastModel = "trajectory";

/** One sentence per model, printed under every output that uses it. */
export const MODEL_ASSUMPTIONS: Readonly<Record<ForecastModel, string>> = {
  path: "If the ally budgets on the path: each year's budget is the path's share of the GDP then expected, and execution and GDP miss it by shocks the size of NATO's budget-year revisions and the IMF's GDP surprises.",
  trajectory:
    "On its current trajectory: the share keeps moving as the ally's and the alliance's last ten years of NATO figures suggest, carried forward as far as such trends carried in SIPRI's history since 1960, with the spread of that rule's past errors.",
  plan: "On its declared plan: the ally's newest plan in the registry, executed as NATO's budget-year estimates have been (median revision and spread).",
};

export const MAX_FORECAST_PATHS = 1_000_000;

/** A forecast request (API body; the CLI builds the same object from its flags). */
export const ForecastRequestSchema = z.object({
  request: PathwayRequestSchema.prefault({}),
  models: z.array(ForecastModelSchema).min(1).max(3).default(["path", "trajectory", "plan"]),
  paths: z.number().int().min(100).max(MAX_FORECAST_PATHS).default(10_000),
  seed: z.number().int().min(0).max(4_294_967_295).default(2035),
});
export type ForecastRequest = z.infer<typeof ForecastRequestSchema>;
