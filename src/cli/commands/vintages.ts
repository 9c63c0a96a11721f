import type { Command } from "commander";
import { vintageRecord } from "../../model/vintage-record.ts";
import { type CommandContext, withExamples, withFormat } from "../context.ts";

export function registerVintages(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("vintages")
    .description("every release kept as a vintage: what it covers, its price base, its estimate years");
  withFormat(cmd);
  withExamples(cmd, ["pledge vintages", "pledge vintages --format csv"]);
  cmd.action((opts: { format?: string }) => {
    const ds = ctx.dataset();
    const latest = ds.latestNatoVintage().id;
    ctx.emit(
      {
        tables: [
          {
            name: "vintages",
            title: "Vintages",
            columns: [
              { key: "id", header: "Id" },
              { key: "series", header: "Series" },
              { key: "label", header: "Release" },
              { key: "published", header: "Published" },
              { key: "status", header: "Status" },
              { key: "first_year", header: "From", year: true },
              { key: "last_year", header: "To", year: true },
              { key: "price_base_year", header: "Price base", year: true },
              { key: "estimate_years", header: "Estimates" },
              { key: "rows", header: "Rows", align: "right", decimals: 0 },
              { key: "default", header: "Default" },
              { key: "source_id", header: "", machineOnly: true },
              { key: "file", header: "", machineOnly: true },
            ],
            rows: ds.vintages.map((v) => {
              const years = ds.years(v.id);
              return {
                ...vintageRecord(v),
                first_year: years[0] ?? null,
                last_year: years.at(-1) ?? null,
                default: v.id === latest ? "yes" : "",
              };
            }),
          },
        ],
        notes: [
          "Every release revises earlier years: answers are per vintage. 2025-08 holds only the 15 shares of GDP reported in the press.",
          "Price bases differ (2015 prices in 2024-06, 2021 prices in 2026-07): constant-price series are never mixed across vintages.",
        ],
        sources: [],
      },
      opts.format,
    );
  });
}
