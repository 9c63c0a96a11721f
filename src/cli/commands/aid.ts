import type { Command } from "commander";
import { ParameterError } from "../../core/parameter-error.ts";
import { KIEL_SOURCE, UKRAINE_AID_COLUMNS, ukraineAidView } from "../../core/ukraine-aid.ts";
import { UsageError } from "../cli-io.ts";
import { type CommandContext, withExamples, withFormat } from "../context.ts";
import type { Column } from "../report.ts";
import { resolveAlly } from "../resolve.ts";
import { sourcesOf } from "./totals.ts";

/** The aid table's columns for people and pipes, derived from the one spec in core/ukraine-aid.ts. */
const COLUMNS: Column[] = UKRAINE_AID_COLUMNS.map((c) => ({
  key: c.key,
  header: c.header,
  ...(c.decimals === null ? {} : { align: "right" as const, decimals: c.decimals }),
  ...(c.unit === "year" ? { year: true } : {}),
  ...(c.key === "natoSharePct" ? { estimateKey: "natoEstimate" } : {}),
  ...(["vintage", "year", "natoEstimate", "militaryCommitmentsEurBn", "totalCommitmentsAvgSharePct", "shareWithCommitmentsPct"].includes(
    c.key,
  )
    ? { machineOnly: true }
    : {}),
}));

export function registerAid(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("aid")
    .description(
      "Ukraine aid counted or not: NATO's share of GDP beside the Kiel Institute's military aid as an average annual share of GDP (allocations and commitments apart)",
    )
    .option("-a, --ally <ally>", "one ally (ISO3, ISO2 or name); default every ally in the tracker")
    .option("-y, --year <year>", "year of NATO's share (default: the vintage's latest year)")
    .option("-v, --vintage <vintage>", "NATO vintage id (default: the newest)");
  withFormat(cmd);
  cmd.addHelpText(
    "after",
    `
The --ukraine-aid switch (on "pledge status" and GET /api/v1/compliance) uses these figures:
  exclude (default)  NATO's published share, unchanged.
  include            NATO's share plus the ally's Kiel military allocations, as an average annual
                     share of GDP over Kiel's window (24 Jan 2022 to 28 Feb 2026 in Release 28).
It never lowers a share, and changes it by exactly the "Mil. alloc. %/yr" shown here. NATO's figures
already include military aid that allies report in their defence returns, so "include" can
double-count: the two figures are a range, not a verdict. Commitments are shown apart, never added to
allocations. Kiel's terms of reuse are not confirmed (data/PROVENANCE.md, section 7).`,
  );
  withExamples(cmd, ["pledge aid", "pledge aid --ally Italy --year 2025", "pledge aid --format csv > aid.csv"]);
  cmd.action(async (opts: { ally?: string; year?: string; vintage?: string; format?: string }) => {
    // Loaded here, not at start-up: the Kiel file is read and validated with zod only by this command.
    const { loadKielTotals } = await import("../../data/kiel-aid.ts");
    const ds = ctx.dataset();
    const ally = opts.ally === undefined ? undefined : resolveAlly(ds, opts.ally).iso3;
    let view: ReturnType<typeof ukraineAidView>;
    try {
      view = ukraineAidView(ds, loadKielTotals(), { vintage: opts.vintage, year: opts.year, allies: ally ? [ally] : undefined });
    } catch (e) {
      if (e instanceof ParameterError) throw new UsageError(e.reason);
      throw e;
    }
    const imf = ds.vintage(view.imfVintage);
    ctx.emit(
      {
        tables: [
          {
            name: "ukraine_aid",
            title: `NATO share of GDP ${view.year} (${view.vintage}) with and without Kiel military aid to Ukraine (${view.release}, ${view.span.from} to ${view.span.to})`,
            columns: COLUMNS,
            rows: view.rows.map((r) => ({ ...r })),
          },
        ],
        notes: [
          view.caveat,
          view.averaging,
          `GDP: ${imf?.label ?? view.imfVintage}; non-euro allies' dollar GDP at the IMF's implied euro rate of each year (Germany's NGDP ÷ NGDPD).`,
          "Commitments and allocations are separate measures and are never added together; all-aid columns (financial and humanitarian too) are context, never added to a defence share.",
          ...(view.notInTracker.length && !ally ? [`Not in Kiel's tracker: ${view.notInTracker.join(", ")}.`] : []),
          "Kiel Institute for the World Economy, Ukraine Support Tracker (Trebesch et al.). Terms of reuse not confirmed: see data/PROVENANCE.md, section 7.",
        ],
        sources: [...sourcesOf(ds, [ds.vintage(view.vintage)?.sourceId ?? "", imf?.sourceId ?? ""].filter(Boolean)), KIEL_SOURCE],
        json: { release: view.release, window: view.span, averaging: view.averaging, caveat: view.caveat, imfVintage: view.imfVintage },
      },
      opts.format,
    );
  });
}
