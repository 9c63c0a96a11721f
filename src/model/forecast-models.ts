/** The three projections, each named for what it assumes (docs/forecast.md). No schema library: the CLI's start-up path loads this. */
export const FORECAST_MODELS = ["path", "trajectory", "plan"] as const;
export type ForecastModel = (typeof FORECAST_MODELS)[number];

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

export const isForecastModel = (s: string): s is ForecastModel => (FORECAST_MODELS as readonly string[]).includes(s);
