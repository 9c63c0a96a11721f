import type { Command } from "commander";
import { allianceAggregates } from "../../core/aggregates.ts";
import { complianceTable } from "../../core/compliance-tables.ts";
import { membershipText } from "../../core/membership.ts";
import { type CommandContext, withExamples, withFormat } from "../context.ts";
import { type Report, specColumns } from "../report.ts";
import { resolveNatoVintage, resolveYear } from "../resolve.ts";
import { sourcesOf, totalsTable } from "./totals.ts";

export function registerStatus(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("status")
    .description("every ally in one year, ranked by share of GDP, with which guidelines it meets; alliance totals at the bottom")
    .option("-y, --year <year>", "calendar year (default: the vintage's latest year)")
    .option("-v, --vintage <vintage>", "NATO release, e.g. 2024-06 or 2026-07 (default: the newest official)");
  withFormat(cmd);
  withExamples(cmd, [
    "pledge status",
    "pledge status --year 2024 --vintage 2024-06",
    "pledge status --year 2025 --format csv > status-2025.csv",
  ]);
  cmd.action((opts: { year?: string; vintage?: string; format?: string }) => {
    const ds = ctx.dataset();
    const vintage = resolveNatoVintage(ds, opts.vintage);
    const year = resolveYear(ds, vintage, opts.year);
    const agg = allianceAggregates(ds, year, vintage.id);
    const { spec, rows } = complianceTable(ds, agg.statuses);
    const pb = vintage.priceBaseYear ? ` (${vintage.priceBaseYear} prices)` : "";
    const report: Report = {
      tables: [
        {
          name: "allies",
          title: `NATO allies in ${year}, ${vintage.label}`,
          columns: specColumns(spec, { per_capita_usd_const: `$/capita${pb}` }),
          rows,
        },
        totalsTable(agg),
      ],
      notes: [
        "e = NATO estimate. Guidelines compare NATO's published two-decimal figure with the threshold.",
        `Counts and ranks are over ${membershipText(agg.membership)}.`,
        ...agg.counts.filter((c) => !c.inForce).map((c) => `${c.name}: not in force in ${year} (from ${c.fromYear}), not evaluated.`),
        "Iceland has no armed forces: NATO publishes no defence expenditure for it, so no guideline applies (not_applicable).",
        "The 1.5% of defence- and security-related spending is not published by NATO and is not shown.",
        ...ds.targetOverrides.map(
          (o) => `${ds.ally(o.ally)?.name ?? o.ally}: the 3.5% core column uses its own ${o.thresholdPct}% arrangement (${o.note}).`,
        ),
      ],
      sources: sourcesOf(ds, [vintage.sourceId, ...ds.targetOverrides.map((o) => o.sourceId)]),
      json: { year, vintage: vintage.id, membership: agg.membership, totals: { ...agg, statuses: undefined } },
    };
    ctx.emit(report, opts.format);
  });
}
