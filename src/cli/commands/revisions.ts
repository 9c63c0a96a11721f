import type { Command } from "commander";
import { defaultRevisionPair } from "../../core/dataset-query.ts";
import { REVISIONS_SPEC, revisionRows, revisions } from "../../core/revisions.ts";
import { UsageError } from "../cli-io.ts";
import { type CommandContext, withExamples, withFormat } from "../context.ts";
import { specColumns } from "../report.ts";
import { resolveAlly, resolveIndicator, resolveNatoVintage } from "../resolve.ts";
import { sourcesOf } from "./totals.ts";

export function registerRevisions(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("revisions")
    .description("how a later NATO release revised the figures of an earlier one, for the years both cover")
    .option("--from <vintage>", "earlier vintage (default: the official release before --to)")
    .option("--to <vintage>", "later vintage (default: the newest official)")
    .option("--all", "list every figure compared, unrevised ones too")
    .option("-i, --indicator <indicator>", "indicator id", "defexp_share_gdp_pct")
    .option("-a, --ally <ally>", "one ally only")
    .option("-y, --year <year>", "one year only");
  withFormat(cmd);
  withExamples(cmd, [
    "pledge revisions --year 2024",
    "pledge revisions --ally Poland",
    "pledge revisions --indicator defexp_usd_current --year 2023 --format csv",
  ]);
  cmd.action((opts: { from?: string; to?: string; all?: boolean; indicator: string; ally?: string; year?: string; format?: string }) => {
    const ds = ctx.dataset();
    const pair = defaultRevisionPair(ds, opts.to && resolveNatoVintage(ds, opts.to).id, opts.from && resolveNatoVintage(ds, opts.from).id);
    const { from, to } = pair;
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
    const shown = opts.all ? result.revisions : result.revisions.filter((r) => r.revised);
    const d = Math.min(result.fromDecimals, result.toDecimals);
    ctx.emit(
      {
        tables: [
          {
            name: REVISIONS_SPEC.name,
            title: `${indicator.name}: ${from.id} → ${to.id}, ${result.revisedCount} of ${result.compared} figures revised`,
            columns: specColumns(REVISIONS_SPEC, { from_value: from.id, to_value: to.id }).map((c) =>
              c.key === "from_value" || c.key === "to_value" || c.key === "change" ? { ...c, decimals: indicator.decimals } : c,
            ),
            rows: revisionRows(ds, shown),
          },
        ],
        notes: [
          `e = estimate. Figures are compared at ${d} decimal${d === 1 ? "" : "s"}, the precision of the less precise release (${from.id}: ${result.fromDecimals}, ${to.id}: ${result.toDecimals}), so rounding is not counted as a revision. Largest revisions first${opts.all ? "" : "; --all lists the unrevised figures too"}.`,
          "A share-of-GDP change is in percentage points. Causes seen in public reporting: budgets not fully executed, GDP revised, outturns below plan.",
        ],
        sources: sourcesOf(ds, [from.sourceId, to.sourceId]),
      },
      opts.format,
    );
  });
}
