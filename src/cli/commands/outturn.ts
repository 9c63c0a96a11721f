import type { Command } from "commander";
import {
  ESTIMATE_OUTTURN_SPEC,
  estimateOutturnRows,
  estimatesVersusOutturns,
  OUTTURN_SUMMARY_SPEC,
  outturnSummaryRows,
  summariseOutturns,
} from "../../core/forecast/estimate-outturn.ts";
import { type CommandContext, withExamples, withFormat } from "../context.ts";
import { specColumns } from "../report.ts";
import { resolveAlly } from "../resolve.ts";
import { sourcesOf } from "./totals.ts";

export function registerOutturn(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("outturn")
    .description("NATO's estimate versus outturn: how far each first estimate of a year's spending moved in later releases")
    .option("-a, --ally <ally>", "one ally only (the averages stay alliance-wide)");
  withFormat(cmd);
  withExamples(cmd, ["pledge outturn", "pledge outturn --ally Bulgaria", "pledge outturn --format csv"]);
  cmd.action((opts: { ally?: string; format?: string }) => {
    const ds = ctx.dataset();
    const all = estimatesVersusOutturns(ds);
    const ally = opts.ally ? resolveAlly(ds, opts.ally).iso3 : undefined;
    const shown = ally ? all.filter((r) => r.ally === ally) : all;
    const vintages = [...new Set(all.flatMap((r) => [r.estimateVintage, r.outturnVintage]))];
    ctx.emit(
      {
        tables: [
          {
            name: OUTTURN_SUMMARY_SPEC.name,
            title: "Revisions of NATO's first estimates (spending in national currency), all allies",
            columns: specColumns(OUTTURN_SUMMARY_SPEC),
            rows: outturnSummaryRows(summariseOutturns(all)),
          },
          {
            name: ESTIMATE_OUTTURN_SPEC.name,
            title: ally ? `${ds.ally(ally)?.name ?? ally}: first estimate against outturn` : "Per ally and year",
            columns: specColumns(ESTIMATE_OUTTURN_SPEC),
            rows: estimateOutturnRows(ds, shown),
          },
        ],
        notes: [
          "Revision = outturn ÷ first estimate − 1, in national currency at current prices; negative: less was spent than first estimated. A currency or unit change between the releases (Bulgaria's leva → euros) is detected from the years both report as outturns and removed.",
          '"Budget year" is the release\'s own year (a budget); "year just ended" was near-final already. The forecast\'s execution risk uses the budget year only.',
        ],
        sources: sourcesOf(
          ds,
          vintages.map((v) => ds.vintage(v)?.sourceId ?? ""),
        ),
      },
      opts.format,
    );
  });
}
