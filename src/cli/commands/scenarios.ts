import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { allianceRows, defaultVintages } from "../../core/pathway-request.ts";
import { publishedMillions, publishedShare } from "../../core/published-precision.ts";
import type { ScenarioResult } from "../../core/scenarios.ts";
import type { Scenario } from "../../model/scenario.ts";
import { UsageError } from "../cli-io.ts";
import { type CommandContext, withExamples, withFormat } from "../context.ts";
import { moneyColumn as money, pctColumn as pct } from "../report.ts";
import { sourcesOf } from "./totals.ts";

/** A preset id, or a JSON file holding a scenario (ScenarioSchema). */
// core/scenarios.ts validates its presets with zod when it loads: imported only by the actions below.
const scenarios = () => import("../../core/scenarios.ts");

export async function loadScenario(ref: string): Promise<Scenario> {
  const { findPreset, parseScenarioJson, SCENARIO_PRESETS } = await scenarios();
  const preset = findPreset(ref);
  if (preset) return preset;
  if (!ref.toLowerCase().endsWith(".json"))
    throw new UsageError(`unknown scenario "${ref}": use a preset (${SCENARIO_PRESETS.map((p) => p.id).join(", ")}) or a .json file`);
  let text: string;
  try {
    text = readFileSync(ref, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read scenario file ${ref}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseScenarioJson(text, ref);
}

export function registerScenarios(program: Command, ctx: CommandContext): void {
  const list = program.command("scenarios").description("the scenario presets and the assumptions each one makes");
  withFormat(list);
  withExamples(list, ["pledge scenarios", "pledge scenarios --format json > presets.json"]);
  list.action(async (o: { format?: string }) => {
    const { describeScenario, SCENARIO_PRESETS } = await scenarios();
    ctx.emit(
      {
        tables: [
          {
            name: "scenarios",
            title: "Scenario presets (run one with: pledge scenario <id>)",
            columns: [
              { key: "id", header: "Id" },
              { key: "name", header: "Name" },
              { key: "description", header: "What it says" },
              { key: "assumptions", header: "Assumptions" },
            ],
            rows: SCENARIO_PRESETS.map((preset) => describeScenario(ctx.dataset(), preset)).map((p) => ({
              id: p.id,
              name: p.name,
              description: p.description,
              assumptions: p.assumptions.join(" "),
            })),
          },
        ],
        notes: [
          "A scenario is JSON: save one with --format json from `pledge scenario`, edit it, and run it with `pledge scenario my.json`.",
        ],
        sources: [],
        json: { presets: SCENARIO_PRESETS.map((p) => describeScenario(ctx.dataset(), p)) },
      },
      o.format,
    );
  });

  const cmd = program
    .command("scenario <scenario>")
    .description("run a scenario preset or a scenario file: every ally's path, the alliance sums, and the gap Europe covers")
    .option("-c, --compare <scenario...>", "other presets or files to set side by side")
    .option("-y, --years <years>", "years to compare, comma-separated (default: the Hague review year and target year)");
  withFormat(cmd);
  withExamples(cmd, [
    "pledge scenario hague-2035",
    "pledge scenario rupture",
    "pledge scenario hague-2035 --compare status-quo rupture",
    "pledge scenario my-scenario.json --format json",
  ]);
  cmd.action(async (ref: string, o: { compare?: string[]; years?: string; format?: string }) => {
    const ds = ctx.dataset();
    const d = defaultVintages(ds);
    const opts = { imfVintageId: d.imf, defaultVintageId: d.nato };
    const { compareScenarios, comparisonRecord, publishedGapCover, runScenario } = await scenarios();
    const chosen = await Promise.all([ref, ...(o.compare ?? [])].map(loadScenario));
    const results: ScenarioResult[] = chosen.map((s) => runScenario(ds, s, opts));
    const { hagueFigures } = await import("../../core/hague-figures.ts");
    const hague = hagueFigures(ctx.dataset());
    const years = (o.years ?? `${hague.reviewYear},${hague.targetYear}`).split(",").map((y) => {
      const n = Number(y);
      if (!/^\s*\d{4}\s*$/.test(y) || n < 2025 || n > 2050) throw new UsageError(`--years: "${y}" is not a year between 2025 and 2050`);
      return n;
    });
    const sources = sourcesOf(ds, [ds.vintage(d.nato)?.sourceId ?? "", ds.vintage(d.imf)?.sourceId ?? ""]);
    const first = results[0] as ScenarioResult;
    if (results.length > 1) {
      const rows = compareScenarios(results, years);
      ctx.emit(
        {
          tables: [
            {
              name: "comparison",
              title: `Scenarios side by side: ${chosen.map((s) => s.name).join(" | ")}`,
              columns: [
                { key: "ally", header: "ISO3" },
                { key: "year", header: "Year", year: true },
                { key: "scenario", header: "Scenario" },
                pct("core_share_pct", "Core %GDP"),
                money("core_usd_current_m", "Core $m"),
                pct("total_share_pct", "Total %GDP"),
              ],
              rows: rows.map(comparisonRecord),
            },
          ],
          notes: results.flatMap((r) => [`${r.scenario.name}: ${r.scenario.assumptions.join(" ")}`]).concat(first.pathways.assumptions),
          sources,
          json: { scenarios: chosen },
        },
        o.format,
      );
      return;
    }
    const cover = first.gapCover && publishedGapCover(first.gapCover);
    ctx.emit(
      {
        tables: [
          {
            name: "alliance",
            title: `${first.scenario.name}: alliance sums (US dollars, current, at each ally's stated rate)`,
            columns: [
              { key: "year", header: "Year", year: true },
              money("core_usd_current_m", "Core $m"),
              money("us_core_usd_current_m", "US $m"),
              money("europe_canada_core_usd_current_m", "Europe & Canada $m"),
              pct("us_share_pct", "US share %"),
              pct("core_share_of_alliance_gdp_pct", "Core % alliance GDP"),
              money("us_gap_usd_current_m", "US gap $m"),
              money("covered_usd_current_m", "Covered by Europe & Canada $m"),
              pct("covered_pp_of_their_gdp", "= pp of their GDP"),
            ],
            rows: allianceRows(first.pathways).map((a) => {
              const k = cover ? cover.years.indexOf(a.year) : -1;
              return {
                year: a.year,
                core_usd_current_m: a.core_usd_current_m,
                us_core_usd_current_m: a.us_core_usd_current_m,
                europe_canada_core_usd_current_m: a.europe_canada_core_usd_current_m,
                us_share_pct: a.us_share_of_core_pct,
                core_share_of_alliance_gdp_pct: a.core_share_of_alliance_gdp_pct,
                us_gap_usd_current_m: cover && k >= 0 ? (cover.us_gap_usd_current_m[k] as number) : null,
                covered_usd_current_m: cover && k >= 0 ? (cover.covered_usd_current_m[k] as number) : null,
                covered_pp_of_their_gdp: cover && k >= 0 ? (cover.covered_share_of_europe_canada_gdp_pp[k] as number) : null,
              };
            }),
          },
          {
            name: "allies",
            title: `${first.scenario.name}: each ally`,
            columns: [
              { key: "ally", header: "ISO3" },
              { key: "name", header: "Ally" },
              pct("base_share_pct", "Base %"),
              ...years.map((y) => pct(`core_share_${y}`, `${y} %`)),
              ...years.map((y) => money(`core_usd_current_m_${y}`, `${y} $m`)),
            ],
            rows: first.pathways.allies.map((p) => {
              const row: Record<string, string | number | null> = { ally: p.ally, name: p.name, base_share_pct: p.baseSharePct };
              for (const y of years) {
                const k = y - p.baseYear;
                const ok = k >= 0 && k < p.years.length;
                row[`core_share_${y}`] = ok ? publishedShare(p.columns.coreSharePct[k] as number) : null;
                row[`core_usd_current_m_${y}`] = ok ? publishedMillions(p.columns.coreUsdCurrentM[k] as number) : null;
              }
              return row;
            }),
          },
        ],
        notes: first.assumptions,
        sources,
        json: { scenario: first.scenario },
      },
      o.format,
    );
  });
}
