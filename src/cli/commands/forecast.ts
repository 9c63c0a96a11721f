import type { Command } from "commander";
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
import { DEFAULT_PATHS } from "../../core/simulation.ts";
import { defaultCalibration } from "../../core/simulation-calibration.ts";
import {
  FORECAST_MODELS,
  type ForecastModel,
  isForecastModel,
  MAX_FORECAST_PATHS,
  MODEL_ASSUMPTIONS,
} from "../../model/forecast-models.ts";
import { UsageError } from "../cli-io.ts";
import { type CommandContext, withExamples, withFormat } from "../context.ts";
import { type PathwayCliOptions, withPathwayOptions } from "../pathway-flags.ts";
import { specColumns } from "../report.ts";
import { sourcesOf } from "./totals.ts";

export const MAX_PATHS = MAX_FORECAST_PATHS;

function integer(text: string, option: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || n < min || n > max)
    throw new UsageError(`${option}: "${text}" must be a whole number from ${min} to ${max.toLocaleString("en")}`);
  return n;
}

function modelsFrom(text: string): ForecastModel[] {
  const names = text === "all" ? [...FORECAST_MODELS] : text.split(",").map((s) => s.trim());
  return [
    ...new Set(
      names.map((n) => {
        if (!isForecastModel(n)) throw new UsageError(`--model: "${n}" is not a model (path, trajectory, plan or all)`);
        return n;
      }),
    ),
  ];
}

type ForecastCliOptions = PathwayCliOptions & { paths: string; seed: string; workers?: string; model?: string };

/** `pledge forecast`, and `pledge simulate` as the same command fixed on the path model. */
function registerForecastCommand(program: Command, ctx: CommandContext, name: "forecast" | "simulate"): void {
  const fixed = name === "simulate";
  const cmd = program
    .command(`${name} <ally>`)
    .description(
      fixed
        ? "the forecast on the path (same as pledge forecast --model path): percentiles and probabilities if the ally budgets on the path"
        : "will they get there? Three projections (on the path, on the current trajectory, on the declared plan): percentiles of share and spending, probabilities by and in the target year and by the review year",
    );
  if (!fixed) cmd.option("-m, --model <model>", "path, trajectory, plan, a comma-separated list, or all", "all");
  cmd
    .option("-n, --paths <n>", "number of simulated paths", String(DEFAULT_PATHS))
    .option("--seed <seed>", "seed of the random generator (same seed, same numbers)", "2035")
    .option("--workers <n>", "worker threads (default: one per core)");
  withPathwayOptions(cmd);
  withFormat(cmd);
  withExamples(
    cmd,
    fixed
      ? ["pledge simulate DEU", "pledge simulate all --paths 100000 --seed 7"]
      : [
          "pledge forecast Italy",
          "pledge forecast all --model trajectory --paths 100000",
          "pledge forecast DEU --target 3.5 --by 2035 --format csv",
        ],
  );
  cmd.action(async (allyQuery: string, o: ForecastCliOptions) => {
    const ds = ctx.dataset();
    const models = fixed ? (["path"] as ForecastModel[]) : modelsFrom(o.model ?? "all");
    const paths = integer(o.paths, "--paths", 100, MAX_PATHS);
    const seed = integer(o.seed, "--seed", 0, 4_294_967_295);
    const workers = o.workers === undefined ? undefined : integer(o.workers, "--workers", 1, 64);
    const { pathwayRequestFrom } = await import("../pathway-options.ts");
    const req = pathwayRequestFrom(ds, allyQuery, o);
    const set = runPathwayRequest(ds, req);
    const cal = defaultCalibration(ds, set.vintageId, set.imfVintageId);
    const plans: RegistryPlan[] = models.includes("plan") ? await registryPlans() : [];
    const setups = models.map((m) => forecastSetup(ds, m, req, set, cal, plans));
    const { simulateInParallel } = await import("../../runtime/parallel-simulation.ts");
    const total = setups.reduce((n, s) => n + s.paths.length, 0);
    const bar = ctx.io.stderr.isTTY ? await progressBar(total, ctx.io.stderr) : null;
    const hague = hagueFigures(ds);
    const names = new Map(ds.allies.map((a) => [a.iso3, a.name]));
    const runs: ModelRun[] = [];
    let before = 0;
    for (const s of setups) {
      if (!s.paths.length) continue;
      const result = await simulateInParallel(s.paths, cal, {
        paths,
        seed,
        workers,
        percentiles: FORECAST_LEVELS,
        models: s.models,
        onProgress: (done) => bar?.update(before + done),
      });
      before += s.paths.length;
      runs.push({ model: s.model, result, names, reviewYear: hague.reviewYear });
    }
    bar?.stop();
    const missing = setups.flatMap((s) => s.missing.map((m) => `${s.model}: ${m.ally} left out (${m.reason}).`));
    const one = set.allies.length === 1;
    ctx.emit(
      {
        tables: [
          {
            name: FORECAST_PERCENTILES_SPEC.name,
            title: one
              ? `${set.allies[0]?.name}: core share of GDP and core spending, percentiles of ${paths.toLocaleString("en")} paths per model`
              : undefined,
            machineOnly: !one,
            columns: specColumns(FORECAST_PERCENTILES_SPEC),
            rows: forecastPercentileRows(runs),
          },
          {
            name: FORECAST_PROBABILITIES_SPEC.name,
            title: `Probability of reaching the core target by the target year, in it, and by the ${hague.reviewYear} review (${paths.toLocaleString("en")} paths, seed ${seed})`,
            columns: specColumns(FORECAST_PROBABILITIES_SPEC),
            rows: forecastProbabilityRows(runs),
          },
        ],
        notes: [
          ...models.map((m) => `${m}: ${MODEL_ASSUMPTIONS[m]}`),
          '"By" counts a path that reaches the target (NATO\'s two-decimal figure) in any year up to the year named, from the base year on; "in" only that year. The trajectory model is the backtested default (pledge backtest, docs/forecast.md).',
          ...new Set(setups.flatMap((s) => s.description)),
          ...missing,
          ...set.assumptions,
        ],
        sources: sourcesOf(ds, [
          ds.vintage(set.vintageId)?.sourceId ?? "",
          ds.vintage(set.imfVintageId)?.sourceId ?? "",
          ds.vintage(cal.execution.fromVintage)?.sourceId ?? "",
          ...(models.includes("trajectory") ? [ds.vintage(latestSipriVintage(ds))?.sourceId ?? ""] : []),
        ]),
        json: { request: req, models, paths, seed, percentile_levels: FORECAST_LEVELS },
      },
      o.format,
    );
  });
}

/** The plan registry as seeded from data/plans (the CLI has no database). */
async function registryPlans(): Promise<RegistryPlan[]> {
  const { loadPlanClaims } = await import("../../data/claimed-plans.ts");
  const { seedPlansFromClaims } = await import("../../core/plan-seed.ts");
  return seedPlansFromClaims(loadPlanClaims()).map((s) => s.plan as RegistryPlan);
}

export const registerForecast = (program: Command, ctx: CommandContext) => registerForecastCommand(program, ctx, "forecast");
export const registerSimulate = (program: Command, ctx: CommandContext) => registerForecastCommand(program, ctx, "simulate");

async function progressBar(total: number, stream: CommandContext["io"]["stderr"]): Promise<{ update(n: number): void; stop(): void }> {
  const { SingleBar } = (await import("cli-progress")).default;
  const bar = new SingleBar({
    format: "simulating {bar} {value}/{total} allies",
    stream: stream as NodeJS.WritableStream,
    hideCursor: true,
    clearOnComplete: false,
    // Redraw on every ally, not on a timer: the run may be shorter than the default 100 ms frame.
    fps: 1000,
    forceRedraw: true,
  });
  bar.start(total, 0);
  return bar;
}
