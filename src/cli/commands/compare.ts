import type { Command } from "commander";
import { unitFor } from "../../model/indicator.ts";
import { UsageError } from "../cli-io.ts";
import { type CommandContext, withExamples, withFormat } from "../context.ts";
import type { Cell, Column } from "../report.ts";
import { resolveAlly, resolveIndicator } from "../resolve.ts";
import { resolveAnyVintage, yearRange } from "./ally.ts";
import { sourcesOf } from "./totals.ts";

export function registerCompare(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("compare <allies...>")
    .description("several allies side by side, one indicator by year")
    .option("-i, --indicator <indicator>", "indicator id (see pledge sources)", "defexp_share_gdp_pct")
    .option("-v, --vintage <vintage>", "vintage id (default: newest NATO; SIPRI and IMF indicators need their vintage)")
    .option("--from <year>", "first year (default 2014)")
    .option("--to <year>", "last year");
  withFormat(cmd);
  withExamples(cmd, [
    "pledge compare Germany France Poland",
    "pledge compare us gb de --indicator defexp_usd_current --vintage 2024-06",
    "pledge compare USA RUS --indicator milex_usd_current --vintage sipri-2025-04 --from 2000",
  ]);
  cmd.action((queries: string[], opts: { indicator: string; vintage?: string; from?: string; to?: string; format?: string }) => {
    const ds = ctx.dataset();
    const indicator = resolveIndicator(opts.indicator);
    const vintage = resolveAnyVintage(
      ds,
      opts.vintage ?? ds.vintages.find((v) => v.series === indicator.series && indicator.series !== "nato")?.id,
    );
    if (vintage.series !== indicator.series)
      throw new UsageError(
        `indicator ${indicator.id} comes from ${indicator.series.toUpperCase()}, not from vintage ${vintage.id} (${vintage.series.toUpperCase()})`,
      );
    // Russia, China and Ukraine are comparators in SIPRI and IMF series, not allies.
    const entities = queries.map((q) => {
      const code = q.toUpperCase();
      if (vintage.series !== "nato" && ["RUS", "CHN", "UKR"].includes(code))
        return { iso3: code, name: { RUS: "Russia", CHN: "China", UKR: "Ukraine" }[code] as string };
      const a = resolveAlly(ds, q);
      return { iso3: a.iso3, name: a.name };
    });
    if (entities.length < 2) throw new UsageError("compare needs at least two allies");
    const years = yearRange(ds, vintage, opts.from, opts.to, 2014);
    const rows = years.map((y) => {
      const row: Record<string, Cell> = { year: y };
      for (const e of entities) {
        const o = ds.get(vintage.id, e.iso3, indicator.id, y);
        row[e.iso3] = o?.value ?? null;
        row[`${e.iso3}_estimate`] = o?.estimate ?? null;
      }
      return row;
    });
    ctx.emit(
      {
        tables: [
          {
            name: "comparison",
            title: `${indicator.name} (${unitFor(indicator, vintage.priceBaseYear)}), ${vintage.label}`,
            columns: [
              { key: "year", header: "Year", year: true },
              ...entities.flatMap((e): Column[] => [
                { key: e.iso3, header: e.name, align: "right", decimals: indicator.decimals, estimateKey: `${e.iso3}_estimate` },
                { key: `${e.iso3}_estimate`, header: "", machineOnly: true },
              ]),
            ],
            rows,
          },
        ],
        notes: ["e = estimate, ? = highly uncertain; – = not published."],
        sources: sourcesOf(ds, [vintage.sourceId]),
        json: { indicator: indicator.id, unit: unitFor(indicator, vintage.priceBaseYear), vintage: vintage.id },
      },
      opts.format,
    );
  });
}
