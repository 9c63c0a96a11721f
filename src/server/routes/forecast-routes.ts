import { createRoute, z } from "@hono/zod-openapi";
import { resolveAllyQuery } from "../../core/dataset-query.ts";
import { BACKTEST_SPEC, backtestRows, runBacktest, summariseBacktest } from "../../core/forecast/backtest.ts";
import {
  ESTIMATE_OUTTURN_SPEC,
  estimateOutturnRows,
  estimatesVersusOutturns,
  OUTTURN_SUMMARY_SPEC,
  outturnSummaryRows,
  summariseOutturns,
} from "../../core/forecast/estimate-outturn.ts";
import { forecastSetup } from "../../core/forecast/forecast-setup.ts";
import {
  FORECAST_LEVELS,
  FORECAST_PERCENTILES_SPEC,
  FORECAST_PROBABILITIES_SPEC,
  forecastPercentileRows,
  forecastProbabilityRows,
  type ModelRun,
} from "../../core/forecast/forecast-tables.ts";
import type { RegistryPlan } from "../../core/forecast/plan-models.ts";
import { latestSipriVintage } from "../../core/forecast/trajectory-models.ts";
import { hagueFigures } from "../../core/hague-figures.ts";
import { runPathwayRequest } from "../../core/pathway-request.ts";
import type { Dataset } from "../../model/dataset.ts";
import { ForecastRequestSchema } from "../../model/forecast.ts";
import { DEFAULT_FORECAST_MODEL, MODEL_ASSUMPTIONS } from "../../model/forecast-models.ts";
import { SimulationTimeoutError, simulateInParallel } from "../../runtime/parallel-simulation.ts";
import { listPlans } from "../../store/index.ts";
import { ApiError } from "../api-error.ts";
import { rowSchema, specTable } from "../published-schema.ts";
import {
  AllyQuery,
  type Api,
  checkSimulationPaths,
  ERRORS,
  FormatQuery,
  jsonBody,
  memoised,
  respondTable,
  SIMULATION_LIMITS,
  tabularContent,
} from "./route-kit.ts";

/** Forecast time limit: a request that would hold a worker longer is stopped and answered 503 (as simulations). */
const FORECAST_TIMEOUT_MS = 30_000;
/** Plans read from the registry for the plan model: one page of the newest, far more than the 32 allies have. */
const PLAN_PAGE = 500;

/** The backtest depends only on the dataset: computed once per dataset. */
const backtests = new WeakMap<Dataset, ReturnType<typeof backtestTable>>();
function backtestTable(ds: Dataset) {
  const sipriVintageId = latestSipriVintage(ds);
  const official = ds.natoVintages().filter((v) => v.status === "official");
  const natoFrom = official.at(-2)?.id ?? official[0]?.id ?? "";
  const natoTo = official.at(-1)?.id ?? "";
  const b = runBacktest(ds, { sipriVintageId, firstOrigin: 1990, horizons: 11, natoFrom, natoTo });
  return {
    rows: backtestRows([
      ...summariseBacktest(`SIPRI ${b.sipriOrigins[0]}–${b.sipriOrigins[1]}`, b.sipri),
      ...summariseBacktest(`NATO ${natoFrom} → ${natoTo}`, b.nato),
    ]),
    sipri_vintage: sipriVintageId,
    nato_from: natoFrom,
    nato_to: natoTo,
    default_model: DEFAULT_FORECAST_MODEL,
  };
}

/** Forecast endpoints: NATO's estimate versus outturn, the forecasts and their backtest. */
export function registerForecastRoutes(api: Api): void {
  api.openapi(
    createRoute({
      method: "get",
      path: "/outturns",
      tags: ["Forecasts"],
      summary:
        "NATO's estimate versus outturn: how far each first estimate of a year's spending moved in later releases, per ally and on average",
      description:
        "Rows per ally and year (national currency, unit changes such as Bulgaria's leva → euros detected and removed); the pooled summary by kind of estimate (budget year, year just ended) is under `summary` in JSON.",
      request: { query: z.object({ ally: AllyQuery.optional(), format: FormatQuery }) },
      responses: {
        200: {
          description: "Estimate against outturn",
          content: tabularContent(
            z
              .object({
                [ESTIMATE_OUTTURN_SPEC.name]: z.array(rowSchema(ESTIMATE_OUTTURN_SPEC)),
                summary: z.array(rowSchema(OUTTURN_SUMMARY_SPEC)),
              })
              .passthrough(),
          ),
        },
        ...ERRORS,
      },
    }),
    (c) => {
      const { ds } = c.get("deps");
      const q = c.req.valid("query");
      const all = estimatesVersusOutturns(ds);
      const ally = q.ally === undefined ? undefined : resolveAllyQuery(ds, q.ally).iso3;
      const shown = ally ? all.filter((r) => r.ally === ally) : all;
      return respondTable(c, specTable(ESTIMATE_OUTTURN_SPEC, estimateOutturnRows(ds, shown)), {
        summary: outturnSummaryRows(summariseOutturns(all)),
      });
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/backtest",
      tags: ["Forecasts"],
      summary:
        "The forecast checked against history: CRPS, 50 % and 90 % coverage and Brier score per rule, against no-change and straight-line baselines",
      request: { query: z.object({ format: FormatQuery }) },
      responses: {
        200: {
          description: "Scores per test, rule and horizon",
          content: tabularContent(z.object({ backtest: z.array(rowSchema(BACKTEST_SPEC)) }).passthrough()),
        },
        ...ERRORS,
      },
    }),
    (c) => {
      const { ds } = c.get("deps");
      let t = backtests.get(ds);
      if (!t) {
        t = backtestTable(ds);
        backtests.set(ds, t);
      }
      const { rows, ...about } = t;
      return respondTable(c, specTable(BACKTEST_SPEC, rows), about);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/forecasts",
      tags: ["Forecasts"],
      summary:
        "Will they get there? The three projections (on the path, on the current trajectory, on the declared plan) with percentiles and probabilities",
      description:
        "Percentiles per model, ally and year of the core share and core spending (national currency and US dollars), and per model and ally the probability of reaching the core target by and in the target year and by the review year. Paths are capped by the server's maxSimulationPaths and runs by maxConcurrentSimulations, as for /simulations; each model is one run. Models and their limits: docs/forecast.md.",
      request: { query: z.object({ format: FormatQuery }), body: jsonBody(ForecastRequestSchema) },
      responses: {
        200: {
          description: "Percentiles (rows) with the probabilities and each model's assumption in JSON",
          content: tabularContent(
            z
              .object({
                [FORECAST_PERCENTILES_SPEC.name]: z.array(rowSchema(FORECAST_PERCENTILES_SPEC)),
                probabilities: z.array(rowSchema(FORECAST_PROBABILITIES_SPEC)),
              })
              .passthrough(),
          ),
        },
        ...ERRORS,
        ...SIMULATION_LIMITS,
      },
    }),
    async (c) => {
      const deps = c.get("deps");
      const body = c.req.valid("json");
      checkSimulationPaths(deps.config, body.paths, "pledge forecast");
      const models = [...new Set(body.models)];
      const active = models.includes("plan")
        ? (await listPlans(deps.store, { limit: PLAN_PAGE })).filter((p) => p.latest.status === "active")
        : [];
      const plans: RegistryPlan[] = active.map((p) => p.latest);
      // The registry is part of the question: a new plan version gives a new answer, not a cached one.
      const planKey = active.map((p) => `${p.planId}.${p.latest.version}`);
      return memoised(c, { ...body, models, planKey }, async () => {
        const set = runPathwayRequest(deps.ds, body.request, deps.prepareContext);
        if (deps.simulations.running >= deps.config.maxConcurrentSimulations)
          throw new ApiError(503, "busy", "the server is running as many simulations as it allows; retry shortly");
        deps.simulations.running++;
        try {
          const cal = deps.calibration(set.vintageId, set.imfVintageId);
          const hague = hagueFigures(deps.ds);
          const names = new Map(deps.ds.allies.map((a) => [a.iso3, a.name]));
          const runs: ModelRun[] = [];
          const setups = models.map((m) => forecastSetup(deps.ds, m, body.request, set, cal, plans, deps.prepareContext));
          for (const s of setups) {
            if (!s.paths.length) continue;
            const result = await simulateInParallel(s.paths, cal, {
              paths: body.paths,
              seed: body.seed,
              percentiles: FORECAST_LEVELS,
              models: s.models,
              workers: 1,
              offThread: true,
              timeoutMs: FORECAST_TIMEOUT_MS,
            });
            runs.push({ model: s.model, result, names, reviewYear: hague.reviewYear });
          }
          return respondTable(c, specTable(FORECAST_PERCENTILES_SPEC, forecastPercentileRows(runs)), {
            paths: body.paths,
            seed: body.seed,
            percentile_levels: FORECAST_LEVELS,
            probabilities: forecastProbabilityRows(runs),
            assumptions: Object.fromEntries(models.map((m) => [m, MODEL_ASSUMPTIONS[m]])),
            calibration: Object.fromEntries(setups.map((s) => [s.model, s.description])),
            left_out: Object.fromEntries(setups.map((s) => [s.model, s.missing])),
            pathway_assumptions: set.assumptions,
          });
        } catch (e) {
          if (e instanceof SimulationTimeoutError) throw new ApiError(503, "timeout", e.message);
          throw e;
        } finally {
          deps.simulations.running--;
        }
      });
    },
  );
}
