import type { Command } from "commander";
import { allianceAggregates } from "../../core/aggregates.ts";
import { complianceTable, withUkraineAid } from "../../core/compliance-tables.ts";
import { membershipText } from "../../core/membership.ts";
import { averagingNote, DOUBLE_COUNTING_CAVEAT, KIEL_SOURCE, ukraineAidIndex } from "../../core/ukraine-aid.ts";
import { UsageError } from "../cli-io.ts";
import { type CommandContext, withExamples, withFormat } from "../context.ts";
import { type Report, specColumns } from "../report.ts";
import { resolveNatoVintage, resolveYear } from "../resolve.ts";
import { sourcesOf, totalsTable } from "./totals.ts";

export function registerStatus(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("status")
    .description("every ally in one year, ranked by share of GDP, with which guidelines it meets; alliance totals at the bottom")
    .option("-y, --year <year>", "calendar year (default: the vintage's latest year)")
    .option("-v, --vintage <vintage>", "NATO release, e.g. 2024-06 or 2026-07 (default: the newest official)")
    .option(
      "--ukraine-aid <mode>",
      "include: add Kiel's military aid to Ukraine beside NATO's share (the top of a range), or exclude",
      "exclude",
    )
    .option("--aid-measure <measure>", "with --ukraine-aid include: allocations or commitments (never added together)", "allocations");
  withFormat(cmd);
  withExamples(cmd, [
    "pledge status",
    "pledge status --year 2024 --vintage 2024-06",
    "pledge status --year 2025 --format csv > status-2025.csv",
    "pledge status --ukraine-aid include",
  ]);
  cmd.action(async (opts: { year?: string; vintage?: string; format?: string; ukraineAid: string; aidMeasure: string }) => {
    if (opts.ukraineAid !== "include" && opts.ukraineAid !== "exclude")
      throw new UsageError(`--ukraine-aid: "${opts.ukraineAid}" is not include or exclude`);
    if (opts.aidMeasure !== "allocations" && opts.aidMeasure !== "commitments")
      throw new UsageError(`--aid-measure: "${opts.aidMeasure}" is not allocations or commitments`);
    const ds = ctx.dataset();
    const vintage = resolveNatoVintage(ds, opts.vintage);
    const year = resolveYear(ds, vintage, opts.year);
    const agg = allianceAggregates(ds, year, vintage.id);
    let { spec, rows } = complianceTable(ds, agg.statuses);
    const aidNotes: string[] = [];
    if (opts.ukraineAid === "include") {
      const { loadKielTotals } = await import("../../data/kiel-aid.ts");
      const kiel = loadKielTotals();
      ({ spec, rows } = withUkraineAid({ spec, rows }, ukraineAidIndex(ds, kiel), opts.aidMeasure));
      const window = kiel[0]?.span;
      aidNotes.push(
        `Ukraine aid included: Kiel Institute's Ukraine Support Tracker, military ${opts.aidMeasure}${window ? `, ${averagingNote(window)}` : ""}.`,
        DOUBLE_COUNTING_CAVEAT,
      );
    }
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
        ...aidNotes,
        `Counts and ranks are over ${membershipText(agg.membership)}.`,
        ...agg.counts.filter((c) => !c.inForce).map((c) => `${c.name}: not in force in ${year} (from ${c.fromYear}), not evaluated.`),
        "Iceland has no armed forces: NATO publishes no defence expenditure for it, so no guideline applies (not_applicable).",
        "The 1.5% of defence- and security-related spending is not published by NATO and is not shown.",
        ...ds.targetOverrides.map(
          (o) => `${ds.ally(o.ally)?.name ?? o.ally}: the 3.5% core column uses its own ${o.thresholdPct}% arrangement (${o.note}).`,
        ),
      ],
      sources: [
        ...sourcesOf(ds, [vintage.sourceId, ...ds.targetOverrides.map((o) => o.sourceId)]),
        ...(opts.ukraineAid === "include" ? [KIEL_SOURCE] : []),
      ],
      json: { year, vintage: vintage.id, membership: agg.membership, totals: { ...agg, statuses: undefined } },
    };
    ctx.emit(report, opts.format);
  });
}
