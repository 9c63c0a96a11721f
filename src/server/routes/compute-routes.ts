import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { hagueFigures } from "../../core/hague-figures.ts";
import { allianceRows, defaultVintages, pathwayRows, pathwaySummary, runPathwayRequest } from "../../core/pathway-request.ts";
import {
  compareScenarios,
  comparisonRecord,
  describeScenario,
  findPreset,
  publishedGapCover,
  runScenario,
  SCENARIO_PRESETS,
  type ScenarioResult,
} from "../../core/scenarios.ts";
import { DEFAULT_PERCENTILES } from "../../core/simulation.ts";
import { simulationSummary, simulationYearRows } from "../../core/simulation-rows.ts";
import type { Dataset } from "../../model/dataset.ts";
import { PathwayRequestSchema } from "../../model/pathway.ts";
import { type Scenario, ScenarioSchema } from "../../model/scenario.ts";
import { SimulationTimeoutError, simulateInParallel } from "../../runtime/parallel-simulation.ts";
import { getScenario, saveScenario } from "../../store/index.ts";
import { ApiError } from "../api-error.ts";
import { requireUser } from "../auth.ts";
import { pathwayAnswer } from "../pathway-json.ts";
import type { AppEnv } from "../server-env.ts";
import { negotiate } from "../tabular.ts";
import {
  AnyJson,
  type Api,
  checkSimulationPaths,
  ERRORS,
  FormatQuery,
  jsonBody,
  memoised,
  NOT_FOUND,
  respondTable,
  SIMULATION_LIMITS,
  tabularContent,
} from "./route-kit.ts";

/** A preset id or a whole scenario. */
const ScenarioRefSchema = z.union([z.string().regex(/^[a-z0-9-]{1,64}$/), ScenarioSchema]);
const ScenarioRunSchema = z.object({
  scenario: ScenarioRefSchema,
  compare: z.array(ScenarioRefSchema).max(5).default([]),
  /** Default: the Hague review year and target year (data/guidelines.csv). */
  years: z.array(z.number().int().min(2025).max(2050)).min(1).max(30).optional(),
});

/** Simulation time limit: a request that would hold a worker longer is stopped and answered 503. */
const SIMULATION_TIMEOUT_MS = 30_000;

/** Compute endpoints: pathways, scenarios, Monte Carlo; plus saved scenarios with stable ids. */
export function registerComputeRoutes(api: Api): void {
  api.openapi(
    createRoute({
      method: "post",
      path: "/pathways",
      tags: ["Pathways"],
      summary: "What each ally must spend each year to reach its target (shares, national currency, USD current and constant)",
      description:
        "JSON gives each ally's path as parallel arrays (`pathways[].columns`), with the per-ally summary and the alliance sums; CSV and XLSX give one row per ally and year with the same numbers. Figures are published to 4 decimals for shares of GDP in percent and 2 for millions of currency.",
      request: { query: z.object({ format: FormatQuery }), body: jsonBody(PathwayRequestSchema) },
      responses: {
        200: { description: "Rows per ally and year; summary and alliance sums in JSON", content: tabularContent(AnyJson) },
        ...ERRORS,
      },
    }),
    (c) => {
      const { ds, prepareContext } = c.get("deps");
      const input = c.req.valid("json");
      return memoised(c, input, () => {
        if (negotiate(c) === "json") return { body: pathwayAnswer(ds, input, prepareContext), type: "application/json; charset=utf-8" };
        const set = runPathwayRequest(ds, input, prepareContext);
        const about = {
          vintage: set.vintageId,
          imf_vintage: set.imfVintageId,
          summary: pathwaySummary(set),
          alliance: allianceRows(set),
          excluded: set.excluded,
          assumptions: set.assumptions,
        };
        const rows = pathwayRows(set);
        return respondTable(c, { name: "pathways", columns: Object.keys(rows[0] ?? { ally: 0 }), rows }, about);
      });
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/scenarios/presets",
      tags: ["Scenarios"],
      summary: "The scenario presets from the public debate, each with its assumptions in plain words",
      responses: {
        200: { description: "Presets", content: { "application/json": { schema: z.object({ presets: z.array(ScenarioSchema) }) } } },
      },
    }),
    (c) => c.json({ presets: SCENARIO_PRESETS.map((p) => describeScenario(c.get("deps").ds, p)) }, 200),
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/scenarios/run",
      tags: ["Scenarios"],
      summary: "Run a scenario (preset id or JSON); with `compare`, several side by side per ally and alliance-wide",
      request: { query: z.object({ format: FormatQuery }), body: jsonBody(ScenarioRunSchema) },
      responses: { 200: { description: "Scenario results", content: tabularContent(AnyJson) }, ...ERRORS },
    }),
    (c) => {
      const { ds } = c.get("deps");
      const body = c.req.valid("json");
      return memoised(c, body, () => runScenarios(ds, body, c));
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/scenarios",
      tags: ["Scenarios"],
      summary: "Save a scenario; its id is derived from its content, so the same scenario always gets the same shareable id",
      request: { body: jsonBody(ScenarioSchema) },
      responses: {
        201: {
          description: "Saved",
          content: { "application/json": { schema: z.object({ id: z.string(), created: z.boolean(), url: z.string() }) } },
        },
        ...ERRORS,
      },
    }),
    async (c) => {
      const user = requireUser(c);
      const { store } = c.get("deps");
      const saved = await saveScenario(store, c.req.valid("json"), user.name);
      return c.json({ ...saved, url: `/api/v1/scenarios/${saved.id}` }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/scenarios/{id}",
      tags: ["Scenarios"],
      summary: "A saved scenario by its id",
      request: { params: z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{4,64}$/, "a saved scenario id") }) },
      responses: { 200: { description: "The scenario", content: { "application/json": { schema: AnyJson } } }, ...ERRORS, ...NOT_FOUND },
    }),
    async (c) => {
      const { store } = c.get("deps");
      const { id } = c.req.valid("param");
      const s = await getScenario(store, id);
      if (!s) throw new ApiError(404, "not_found", `no saved scenario ${id}`, "id");
      return c.json(s as unknown as Record<string, unknown>, 200);
    },
  );

  const SimulationRequestSchema = z.object({
    request: PathwayRequestSchema.prefault({}),
    paths: z.number().int().min(100).max(1_000_000).default(10_000),
    seed: z.number().int().min(0).max(4_294_967_295).default(2035),
  });
  api.openapi(
    createRoute({
      method: "post",
      path: "/simulations",
      tags: ["Pathways"],
      summary: "Monte Carlo around the pathways: percentiles per ally and year and the probability of reaching the target",
      description:
        "Paths are capped by the server's maxSimulationPaths (default 20,000) and runs by maxConcurrentSimulations; larger or extra runs are refused with 413 or 503. The model is in docs/monte-carlo.md.",
      request: { query: z.object({ format: FormatQuery }), body: jsonBody(SimulationRequestSchema) },
      responses: {
        200: { description: "Percentiles (rows) with the probabilities in JSON", content: tabularContent(AnyJson) },
        ...ERRORS,
        ...SIMULATION_LIMITS,
      },
    }),
    async (c) => {
      const deps = c.get("deps");
      const body = c.req.valid("json");
      checkSimulationPaths(deps.config, body.paths, "pledge simulate");
      return memoised(c, body, async () => {
        const set = runPathwayRequest(deps.ds, body.request, deps.prepareContext);
        if (deps.simulations.running >= deps.config.maxConcurrentSimulations)
          throw new ApiError(503, "busy", "the server is running as many simulations as it allows; retry shortly");
        deps.simulations.running++;
        try {
          const cal = deps.calibration(set.vintageId, set.imfVintageId);
          const levels = [...DEFAULT_PERCENTILES];
          const result = await simulateInParallel(set.allies, cal, {
            paths: body.paths,
            seed: body.seed,
            percentiles: levels,
            workers: 1,
            offThread: true,
            timeoutMs: SIMULATION_TIMEOUT_MS,
          });
          const rows = simulationYearRows(result, levels);
          return respondTable(
            c,
            { name: "percentiles", columns: Object.keys(rows[0] ?? { ally: 0 }), rows },
            {
              paths: result.paths,
              seed: result.seed,
              percentile_levels: levels,
              probabilities: simulationSummary(result, set, levels),
              calibration: result.calibration,
              assumptions: set.assumptions,
            },
          );
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

function runScenarios(ds: Dataset, body: z.infer<typeof ScenarioRunSchema>, c: Context<AppEnv>): Promise<Response> {
  const resolve = (ref: string | Scenario, field: string): Scenario => {
    if (typeof ref !== "string") return ref;
    const p = findPreset(ref);
    if (!p) throw new ApiError(400, "invalid", `unknown preset "${ref}" (${SCENARIO_PRESETS.map((x) => x.id).join(", ")})`, field);
    return p;
  };
  const scenarios = [resolve(body.scenario, "scenario"), ...body.compare.map((r, i) => resolve(r, `compare.${i}`))];
  const d = defaultVintages(ds);
  const results: ScenarioResult[] = scenarios.map((s) => runScenario(ds, s, { imfVintageId: d.imf, defaultVintageId: d.nato }));
  const hague = hagueFigures(ds);
  const rows = compareScenarios(results, body.years ?? [hague.reviewYear, hague.targetYear]).map(comparisonRecord);
  return respondTable(
    c,
    { name: "comparison", columns: ["scenario", "ally", "year", "core_share_pct", "core_usd_current_m", "total_share_pct"], rows },
    {
      scenarios: results.map((r) => ({
        scenario: r.scenario,
        assumptions: r.assumptions,
        summary: pathwaySummary(r.pathways),
        alliance: allianceRows(r.pathways),
        gap_cover: r.gapCover && publishedGapCover(r.gapCover),
      })),
    },
  );
}
