import type { Command } from "commander";
import { INDICATORS } from "../../model/indicator.ts";
import { type CommandContext, withExamples, withFormat } from "../context.ts";

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
    const vintagesOf = (sourceId: string) =>
      ds.vintages
        .filter((v) => v.sourceId === sourceId)
        .map((v) => v.id)
        .join(" ");
    ctx.emit(
      {
        tables: [
          {
            // Not "sources": in JSON that key holds the report's own citations, which would hide this table.
            name: "publications",
            title: "Sources",
            columns: [
              { key: "id", header: "Id" },
              { key: "publisher", header: "Publisher", wrapAt: 24 },
              { key: "title", header: "Title", wrapAt: 40 },
              { key: "published", header: "Published" },
              { key: "vintages", header: "Vintages" },
              { key: "terms", header: "Terms of reuse", wrapAt: 60 },
              { key: "licence", header: "Licence", machineOnly: true },
              { key: "url", header: "", machineOnly: true },
              { key: "stored_copy", header: "", machineOnly: true },
              { key: "retrieved", header: "", machineOnly: true },
              { key: "note", header: "", machineOnly: true },
            ],
            rows: ds.sources.map((s) => ({
              id: s.id,
              publisher: s.publisher,
              title: s.title,
              published: s.published,
              vintages: vintagesOf(s.id),
              terms: s.terms,
              licence: s.licence,
              url: s.url,
              stored_copy: s.storedCopy,
              retrieved: s.retrieved,
              note: s.note,
            })),
          },
          {
            name: "indicators",
            title: "Indicators",
            columns: [
              { key: "id", header: "Id" },
              { key: "name", header: "Name" },
              { key: "unit", header: "Unit" },
              { key: "series", header: "Series" },
              { key: "price_basis", header: "Prices" },
            ],
            rows: INDICATORS.map((i) => ({ id: i.id, name: i.name, unit: i.unit, series: i.series, price_basis: i.priceBasis })),
          },
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
