import type { Command } from "commander";
import { INDICATORS_SPEC, indicatorRows, SOURCES_SPEC, sourceRows } from "../../core/catalogue-tables.ts";
import { type CommandContext, withExamples, withFormat } from "../context.ts";
import { specColumns } from "../report.ts";

export function registerSources(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("sources")
    .description(
      "where every number comes from: publications with their terms of reuse, the vintages drawn from them, and the indicators with their units",
    );
  withFormat(cmd);
  withExamples(cmd, ["pledge sources", "pledge sources --format json | jq '.publications[] | {id, terms}'"]);
  cmd.action((opts: { format?: string }) => {
    const ds = ctx.dataset();
    ctx.emit(
      {
        tables: [
          // Not "sources": in JSON that key holds the report's own citations, which would hide this table.
          { name: "publications", title: "Sources", columns: specColumns(SOURCES_SPEC), rows: sourceRows(ds) },
          { name: INDICATORS_SPEC.name, title: "Indicators", columns: specColumns(INDICATORS_SPEC), rows: indicatorRows() },
        ],
        notes: [
          "Full provenance, checks and caveats: data/PROVENANCE.md. Constant-price series carry their vintage's base year: never add them across vintages.",
          "Terms of reuse differ by source (SIPRI's are non-commercial, under 10 % of its data set, with credit): DATA-LICENSES.md. Pledge's code is MIT-licensed (LICENSE).",
        ],
        sources: [],
      },
      opts.format,
    );
  });
}
