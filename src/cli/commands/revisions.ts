import type { Command } from "commander";
import { revisions } from "../../core/revisions.ts";
import { UsageError } from "../cli-io.ts";
import { type CommandContext, withExamples, withFormat } from "../context.ts";
import { resolveAlly, resolveIndicator, resolveNatoVintage } from "../resolve.ts";
import { sourcesOf } from "./totals.ts";

export function registerRevisions(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("revisions")
    .description("how a later NATO release revised the figures of an earlier one, for the years both cover")
    .option("--from <vintage>", "earlier vintage", "2024-06")
    .option("--to <vintage>", "later vintage (default: the newest official)")
    .option("-i, --indicator <indicator>", "indicator id", "defexp_share_gdp_pct")
    .option("-a, --ally <ally>", "one ally only")
    .option("-y, --year <year>", "one year only");
  withFormat(cmd);
  withExamples(cmd, [
    "pledge revisions --year 2024",
    "pledge revisions --ally Poland",
    "pledge revisions --indicator defexp_usd_current --year 2023 --format csv",
  ]);
  cmd.action((opts: { from: string; to?: string; indicator: string; ally?: string; year?: string; format?: string }) => {
    const ds = ctx.dataset();
    const from = resolveNatoVintage(ds, opts.from);
    const to = resolveNatoVintage(ds, opts.to);
    const indicator = resolveIndicator(opts.indicator);
    const ally = opts.ally ? resolveAlly(ds, opts.ally) : undefined;
    if (opts.year !== undefined && !/^\d{4}$/.test(opts.year)) throw new UsageError(`--year must be a four-digit year, got "${opts.year}"`);
    const result = revisions(ds, {
      fromVintageId: from.id,
      toVintageId: to.id,
      indicator: indicator.id,
      ally: ally?.iso3,
      year: opts.year ? Number(opts.year) : undefined,
    });
    if (!result.ok) throw new UsageError(result.reason);
    const name = (iso: string) => ds.ally(iso)?.name ?? iso;
    ctx.emit(
      {
        tables: [
          {
            name: "revisions",
            title: `${indicator.name}: ${from.id} → ${to.id}`,
            columns: [
              { key: "ally", header: "ISO3" },
              { key: "name", header: "Ally" },
              { key: "year", header: "Year", year: true },
              { key: "from_value", header: from.id, align: "right", decimals: indicator.decimals, estimateKey: "from_estimate" },
              { key: "to_value", header: to.id, align: "right", decimals: indicator.decimals, estimateKey: "to_estimate" },
              { key: "change", header: "Change", align: "right", decimals: indicator.decimals },
              { key: "change_pct", header: "Change %", align: "right", decimals: 1 },
              { key: "from_estimate", header: "", machineOnly: true },
              { key: "to_estimate", header: "", machineOnly: true },
            ],
            rows: result.revisions.map((r) => ({
              ally: r.ally,
              name: name(r.ally),
              year: r.year,
              from_value: r.fromValue,
              to_value: r.toValue,
              change: r.change,
              change_pct: r.changePct,
              from_estimate: r.fromEstimate,
              to_estimate: r.toEstimate,
            })),
          },
        ],
        notes: [
          "e = estimate. A share-of-GDP change is in percentage points. Causes seen in public reporting: budgets not fully executed, GDP revised, outturns below plan.",
          "The 2026-07 release's values are rounded as published (2 dp for shares).",
        ],
        sources: sourcesOf(ds, [from.sourceId, to.sourceId]),
      },
      opts.format,
    );
  });
}
