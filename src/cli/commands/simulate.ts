import type { Command } from "commander";
import { runPathwayRequest } from "../../core/pathway-request.ts";
import { DEFAULT_PATHS } from "../../core/simulation.ts";
import { defaultCalibration } from "../../core/simulation-calibration.ts";
import { simulationSummary, simulationYearRows } from "../../core/simulation-rows.ts";
import { UsageError } from "../cli-io.ts";
import { type CommandContext, withExamples, withFormat } from "../context.ts";
import { type PathwayCliOptions, withPathwayOptions } from "../pathway-flags.ts";
import { type Column, pctColumn as pct } from "../report.ts";
import { sourcesOf } from "./totals.ts";

export const MAX_PATHS = 1_000_000;
const PS = [5, 25, 50, 75, 95];

function integer(text: string, option: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || n < min || n > max)
    throw new UsageError(`${option}: "${text}" must be a whole number from ${min} to ${max.toLocaleString("en")}`);
  return n;
}

export function registerSimulate(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("simulate <ally>")
    .description("Monte Carlo around the path: percentiles of share and spending, and the probability of reaching the target")
    .option("-n, --paths <n>", "number of simulated paths", String(DEFAULT_PATHS))
    .option("--seed <seed>", "seed of the random generator (same seed, same numbers)", "2035")
    .option("--workers <n>", "worker threads (default: one per core)");
  withPathwayOptions(cmd);
  withFormat(cmd);
  withExamples(cmd, ["pledge simulate DEU", "pledge simulate all --paths 100000 --seed 7", "pledge simulate Italy --by 2032 --format csv"]);
  cmd.action(async (allyQuery: string, o: PathwayCliOptions & { paths: string; seed: string; workers?: string }) => {
    const ds = ctx.dataset();
    const paths = integer(o.paths, "--paths", 100, MAX_PATHS);
    const seed = integer(o.seed, "--seed", 0, 4_294_967_295);
    const workers = o.workers === undefined ? undefined : integer(o.workers, "--workers", 1, 64);
    const { pathwayRequestFrom } = await import("../pathway-options.ts");
    const req = pathwayRequestFrom(ds, allyQuery, o);
    const set = runPathwayRequest(ds, req);
    const cal = defaultCalibration(ds, set.vintageId, set.imfVintageId);
    const { simulateInParallel } = await import("../../runtime/parallel-simulation.ts");
    const bar = ctx.io.stderr.isTTY ? await progressBar(set.allies.length, ctx.io.stderr) : null;
    const result = await simulateInParallel(set.allies, cal, {
      paths,
      seed,
      workers,
      percentiles: PS,
      onProgress: (done) => bar?.update(done),
    });
    bar?.stop();

    const yearRows = simulationYearRows(result, PS);
    const one = result.allies.length === 1;
    const summary = simulationSummary(result, set, PS);
    const probability = (key: string, header: string): Column => ({ key, header, align: "right", decimals: 2 });
    ctx.emit(
      {
        tables: [
          {
            name: "percentiles",
            title: one
              ? `${summary[0]?.name}: core share of GDP and core spending ($m current), percentiles of ${paths.toLocaleString("en")} paths`
              : undefined,
            machineOnly: !one,
            columns: [
              { key: "ally", header: "ISO3" },
              { key: "year", header: "Year", year: true },
              ...PS.map((p) => pct(`core_share_p${p}`, `p${p} %`)),
              ...PS.map((p) => ({ ...pct(`core_usd_current_m_p${p}`, `p${p} $m`, 0), machineOnly: p !== 50 })),
            ],
            rows: yearRows,
          },
          {
            name: "probabilities",
            title: `Probability of being at or above the core target in the target year and in 2029, if the ally budgets on the path (${paths.toLocaleString("en")} paths, seed ${seed})`,
            columns: [
              { key: "ally", header: "ISO3" },
              { key: "name", header: "Ally" },
              pct("target_pct", "Target %"),
              { key: "target_year", header: "Year", year: true },
              probability("p_target_in_target_year", "P(at target in that year)"),
              probability("p_target_in_review_year", "P(at target in 2029)"),
              probability("p_on_path_at_review", "P(on path in 2029)"),
              pct("share_p5_at_target", "p5 %"),
              pct("share_p50_at_target", "p50 %"),
              pct("share_p95_at_target", "p95 %"),
              pct("gdp_sigma_pct", "σ GDP %", 1),
              pct("execution_sigma_pct", "σ exec. %", 1),
            ],
            rows: summary,
          },
        ],
        notes: [
          "Model (docs/monte-carlo.md): each year's budget is set as the path's share of the GDP then expected; nominal GDP and budget execution then miss by log-normal shocks. Shocks are centred, so the median follows the path and a path that lands exactly on the target reaches it about half the time: these probabilities say how execution and GDP surprises spread around a path the ally follows, not whether it will follow it.",
          "Each probability is for the one year named (at or above the target in that year), not for reaching it in any year up to it.",
          ...cal.description,
          ...set.assumptions,
        ],
        sources: sourcesOf(ds, [
          ds.vintage(set.vintageId)?.sourceId ?? "",
          ds.vintage(set.imfVintageId)?.sourceId ?? "",
          ds.vintage(cal.execution.fromVintage)?.sourceId ?? "",
        ]),
        json: {
          request: req,
          paths,
          seed,
          percentile_levels: PS,
          alliance: result.alliance
            ? Array.from(result.alliance.years, (year, k) =>
                Object.fromEntries([
                  ["year", year],
                  ...PS.map((p, i) => [`core_usd_current_m_p${p}`, result.alliance?.coreUsdCurrentM[k * PS.length + i]]),
                ]),
              )
            : null,
        },
      },
      o.format,
    );
  });
}

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
