import type { Command } from "commander";
import { BACKTEST_SPEC, backtestRows, runBacktest, summariseBacktest } from "../../core/forecast/backtest.ts";
import { latestSipriVintage } from "../../core/forecast/trajectory-models.ts";
import { DEFAULT_FORECAST_MODEL } from "../../model/forecast-models.ts";
import { type CommandContext, withExamples, withFormat } from "../context.ts";
import { specColumns } from "../report.ts";
import { sourcesOf } from "./totals.ts";

/** The first SIPRI origin: from 1990 every ally but the youngest has the ten years of history the trend needs. */
export const BACKTEST_FIRST_ORIGIN = 1990;

export function registerBacktest(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("backtest")
    .description(
      "the forecast checked against history: CRPS, interval coverage and Brier score against no-change and straight-line baselines",
    );
  withFormat(cmd);
  withExamples(cmd, ["pledge backtest", "pledge backtest --format csv"]);
  cmd.action((opts: { format?: string }) => {
    const ds = ctx.dataset();
    const sipriVintageId = latestSipriVintage(ds);
    const official = ds.natoVintages().filter((v) => v.status === "official");
    const natoFrom = official.at(-2)?.id ?? official[0]?.id ?? "";
    const natoTo = official.at(-1)?.id ?? "";
    const b = runBacktest(ds, { sipriVintageId, firstOrigin: BACKTEST_FIRST_ORIGIN, horizons: 11, natoFrom, natoTo });
    const sipriTest = `SIPRI ${b.sipriOrigins[0]}–${b.sipriOrigins[1]}`;
    const natoTest = `NATO ${natoFrom} → ${natoTo}`;
    const rows = [...summariseBacktest(sipriTest, b.sipri), ...summariseBacktest(natoTest, b.nato)];
    const overall = (test: string) => rows.find((r) => r.test === test && r.rule === DEFAULT_FORECAST_MODEL && r.horizons === "all");
    const cover = (test: string) => overall(test)?.coverage90?.toFixed(2) ?? "–";
    const skill = (test: string) => overall(test)?.crpsSkill?.toFixed(2) ?? "–";
    ctx.emit(
      {
        tables: [
          {
            name: BACKTEST_SPEC.name,
            title: "Share of GDP forecasts scored against what happened",
            columns: specColumns(BACKTEST_SPEC),
            rows: backtestRows(rows),
          },
        ],
        notes: [
          `${sipriTest}: each year an origin; every rule fitted only on SIPRI ${sipriVintageId} share of GDP up to the origin, 1–11 years ahead, every ally with ten years of history at the origin.`,
          `${natoTest}: the trajectory applied to the ${natoFrom} release's figures up to ${b.natoOrigin} (SIPRI up to ${b.natoOrigin - 1}), scored on the ${natoTo} release's ${b.natoOrigin + 1}–${b.natoOrigin + 2} figures, which are NATO's estimates and its newer core definition.`,
          "Skill = 1 − score ÷ no change's score on the same forecasts (above 0 beats no change). Coverage should equal the interval's level; point forecasts have none. Brier: the probability of being at or above 2 % of GDP in the year forecast.",
          `Default model: ${DEFAULT_FORECAST_MODEL}, the only one that can be checked against history (no one recorded paths or plans at these origins); CRPS skill against no change ${skill(sipriTest)} on SIPRI and ${skill(natoTest)} on NATO. Its 90 % intervals held ${cover(sipriTest)} of SIPRI outcomes and ${cover(natoTest)} of NATO's: where that is well below 0.90, read the 5th–95th percentiles as narrower than the truth.`,
        ],
        sources: sourcesOf(ds, [
          ds.vintage(sipriVintageId)?.sourceId ?? "",
          ds.vintage(natoFrom)?.sourceId ?? "",
          ds.vintage(natoTo)?.sourceId ?? "",
        ]),
      },
      opts.format,
    );
  });
}
