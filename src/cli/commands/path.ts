import type { Command } from "commander";
import { completeTarget, hagueFigures } from "../../core/hague-figures.ts";
import { allianceRows, defaultVintages, pathwayRows, pathwaySummary, runPathwayRequest } from "../../core/pathway-request.ts";
import { PATHWAY_ALLIANCE_SPEC, PATHWAY_ROWS_SPEC, PATHWAY_SUMMARY_SPEC } from "../../core/pathway-tables.ts";
import { type CommandContext, withExamples, withFormat } from "../context.ts";
import { type PathwayCliOptions, withPathwayOptions } from "../pathway-flags.ts";
import { type Column, specColumns } from "../report.ts";
import { sourcesOf } from "./totals.ts";

export const PATH_YEAR_COLUMNS: Column[] = [
  ...specColumns(PATHWAY_ROWS_SPEC).slice(0, 2),
  { key: "marker", header: "" },
  ...specColumns(PATHWAY_ROWS_SPEC).slice(2),
];

export function registerPath(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("path <ally>")
    .description("what an ally (or all) must spend each year to reach the Hague targets: share of GDP, national currency, US dollars");
  withPathwayOptions(cmd);
  withFormat(cmd);
  withExamples(cmd, [
    "pledge path DEU",
    "pledge path all --by 2032",
    "pledge path Italy --shape back-loaded --format csv",
    'pledge path NLD --shape plan --plan "2027=2.8,2030=3.2"',
    "pledge path FRA --target 3.5 --related 1.5 --growth-beyond 3",
  ]);
  cmd.action(async (allyQuery: string, o: PathwayCliOptions) => {
    const ds = ctx.dataset();
    const { pathwayRequestFrom } = await import("../pathway-options.ts");
    const req = pathwayRequestFrom(ds, allyQuery, o);
    const set = runPathwayRequest(ds, req);
    const t = completeTarget(ds, req.target);
    const one = set.allies.length === 1;
    const rows = pathwayRows(set).map((r) => ({ ...r, marker: r.target_year ? "target" : r.review_year ? "review" : "" }));
    const summary = pathwaySummary(set);
    const imf = req.imfVintage ?? defaultVintages(ds).imf;
    const priceBase = set.priceBaseYear ?? "base-year";
    const title = one
      ? `${set.allies[0]?.name}: path to ${set.allies[0]?.target.corePct}% core + ${t.relatedPct}% related by ${t.targetYear}`
      : "";
    ctx.emit(
      {
        tables: [
          { name: "years", title: one ? title : undefined, columns: PATH_YEAR_COLUMNS, rows, machineOnly: !one },
          {
            name: "allies",
            title: `Paths to ${t.corePct ?? hagueFigures(ds).corePct}% core + ${t.relatedPct}% related by ${t.targetYear} (${t.shape}), NATO ${set.vintageId}`,
            machineOnly: one,
            columns: specColumns(PATHWAY_SUMMARY_SPEC, { core_usd_current_m_at_target: `Core $m ${t.targetYear}` }),
            rows: summary.map((r) => ({ ...r })),
          },
          {
            name: "alliance",
            title: "Alliance sums (US dollars at each ally's projected exchange rate)",
            machineOnly: one,
            columns: specColumns(PATHWAY_ALLIANCE_SPEC),
            rows: allianceRows(set).map((r) => ({ ...r })),
          },
        ],
        notes: [
          ...set.assumptions,
          `Constant dollars are at ${priceBase} prices. Base years marked as estimates are NATO's own estimates.`,
          ...summary.filter((s) => s.target_note).map((s) => `${s.name}'s target (${s.target_core_pct}%): ${s.target_note}`),
          ...set.excluded.map((x) => `${x.ally} has no path: ${x.reason}`),
        ],
        sources: sourcesOf(ds, [ds.vintage(set.vintageId)?.sourceId ?? "", ds.vintage(imf)?.sourceId ?? ""]),
        json: { request: req, assumptions: set.assumptions, excluded: set.excluded },
      },
      o.format,
    );
  });
}
