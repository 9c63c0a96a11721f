import type { Command } from "commander";
import { VINTAGES_SPEC, vintageRows } from "../../core/catalogue-tables.ts";
import { type CommandContext, withExamples, withFormat } from "../context.ts";
import { specColumns } from "../report.ts";

export function registerVintages(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("vintages")
    .description("every release kept as a vintage: what it covers, its price base, its estimate years");
  withFormat(cmd);
  withExamples(cmd, ["pledge vintages", "pledge vintages --format csv"]);
  cmd.action((opts: { format?: string }) => {
    const ds = ctx.dataset();
    ctx.emit(
      {
        tables: [
          {
            name: "vintages",
            title: "Vintages",
            columns: specColumns(VINTAGES_SPEC),
            rows: vintageRows(ds),
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
