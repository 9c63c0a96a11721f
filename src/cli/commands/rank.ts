import type { Command } from "commander";
import { membersIn } from "../../core/membership.ts";
import { rankAllies, rankingRows, rankingSpec } from "../../core/rankings.ts";
import { unitFor } from "../../model/indicator.ts";
import { UsageError } from "../cli-io.ts";
import { type CommandContext, withExamples, withFormat } from "../context.ts";
import { specColumns } from "../report.ts";
import { resolveIndicator, resolveYear } from "../resolve.ts";
import { resolveAnyVintage } from "./ally.ts";
import { sourcesOf } from "./totals.ts";

export function registerRank(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("rank <indicator>")
    .description("allies ranked by one indicator in one year (equal values share a rank)")
    .option("-y, --year <year>", "calendar year (default: the vintage's latest year)")
    .option("-v, --vintage <vintage>", "vintage id (default: newest NATO, or the indicator's own SIPRI/IMF vintage)");
  withFormat(cmd);
  withExamples(cmd, [
    "pledge rank defexp_share_gdp_pct --year 2024 --vintage 2024-06",
    "pledge rank equipment_share_pct",
    "pledge rank milex_usd_current --year 2024",
  ]);
  cmd.action((indicatorId: string, opts: { year?: string; vintage?: string; format?: string }) => {
    const ds = ctx.dataset();
    const indicator = resolveIndicator(indicatorId);
    const vintage = resolveAnyVintage(
      ds,
      opts.vintage ?? ds.vintages.findLast((v) => v.series === indicator.series && v.series !== "nato")?.id,
    );
    if (vintage.series !== indicator.series)
      throw new UsageError(`indicator ${indicator.id} comes from ${indicator.series.toUpperCase()}, not from vintage ${vintage.id}`);
    const year = resolveYear(ds, vintage, opts.year);
    const rows = rankAllies(ds, indicator.id, year, vintage.id);
    const spec = rankingSpec(unitFor(indicator, vintage.priceBaseYear), indicator.shortUnit, indicator.decimals);
    const missing = membersIn(ds, year)
      .filter((a) => !rows.some((r) => r.ally === a.iso3))
      .map((a) => a.name);
    ctx.emit(
      {
        tables: [
          {
            name: "ranking",
            title: `${indicator.name}, ${year} (${unitFor(indicator, vintage.priceBaseYear)}), ${vintage.label}`,
            columns: specColumns(spec),
            rows: rankingRows(spec, rows),
          },
        ],
        notes: [
          `Ranked: the allies that were members in ${year}.`,
          ...(missing.length ? [`Not published for ${year} in this vintage: ${missing.join(", ")}.`] : []),
        ],
        sources: sourcesOf(ds, [vintage.sourceId]),
        json: { indicator: indicator.id, unit: unitFor(indicator, vintage.priceBaseYear), year, vintage: vintage.id },
      },
      opts.format,
    );
  });
}
