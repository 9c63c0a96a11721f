import type { Command } from "commander";
import { allianceRows, defaultVintages, pathwayRows, pathwaySummary, runPathwayRequest } from "../../core/pathway-request.ts";
import { type CommandContext, withExamples, withFormat } from "../context.ts";
import { type PathwayCliOptions, withPathwayOptions } from "../pathway-flags.ts";
import { type Column, moneyColumn as money, pctColumn as pct } from "../report.ts";
import { sourcesOf } from "./totals.ts";

export const PATH_YEAR_COLUMNS: Column[] = [
  { key: "ally", header: "ISO3" },
  { key: "year", header: "Year", year: true },
  { key: "marker", header: "" },
  pct("core_share_pct", "Core %GDP"),
  pct("related_share_pct", "Related %GDP"),
  pct("total_share_pct", "Total %GDP"),
  money("gdp_nc_m", "GDP (m NC)", true),
  { key: "gdp_source", header: "GDP from", machineOnly: true },
  money("core_nc_m", "Core (m NC)"),
  money("total_nc_m", "Total (m NC)", true),
  money("core_usd_current_m", "Core $m current"),
  money("total_usd_current_m", "Total $m current", true),
  money("core_usd_const_m", "Core $m const."),
  money("extra_over_freeze_usd_current_m", "Extra vs freeze $m"),
  money("cumulative_extra_usd_current_m", "Cumulative extra $m"),
  money("cumulative_extra_usd_const_m", "Cumulative extra $m const.", true),
  { key: "review_year", header: "review", machineOnly: true },
  { key: "target_year", header: "target", machineOnly: true },
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
    const one = set.allies.length === 1;
    const rows = pathwayRows(set).map((r) => ({ ...r, marker: r.target_year ? "target" : r.review_year ? "review" : "" }));
    const summary = pathwaySummary(set);
    const imf = req.imfVintage ?? defaultVintages(ds).imf;
    const priceBase = set.priceBaseYear ?? "base-year";
    const title = one
      ? `${set.allies[0]?.name}: path to ${set.allies[0]?.target.corePct}% core + ${req.target.relatedPct}% related by ${req.target.targetYear}`
      : "";
    ctx.emit(
      {
        tables: [
          { name: "years", title: one ? title : undefined, columns: PATH_YEAR_COLUMNS, rows, machineOnly: !one },
          {
            name: "allies",
            title: `Paths to ${req.target.corePct ?? "3.5"}% core + ${req.target.relatedPct}% related by ${req.target.targetYear} (${req.target.shape}), NATO ${set.vintageId}`,
            machineOnly: one,
            columns: [
              { key: "ally", header: "ISO3" },
              { key: "name", header: "Ally" },
              { key: "base_year", header: "Base", year: true },
              { ...pct("base_core_share_pct", "Base %"), estimateKey: "base_estimate" },
              { key: "base_estimate", header: "", machineOnly: true },
              pct("target_core_pct", "Target %"),
              { key: "step_pp_per_year", header: "+pp/yr", align: "right", decimals: 3 },
              pct("core_share_at_review_pct", "2029 %"),
              money("core_usd_current_m_at_target", `Core $m ${req.target.targetYear}`),
              money("cumulative_extra_usd_current_m", "Cumulative extra $m"),
              { key: "shape", header: "Path" },
            ],
            rows: summary.map((r) => ({ ...r })),
          },
          {
            name: "alliance",
            title: "Alliance sums (US dollars at each ally's stated rate)",
            machineOnly: one,
            columns: [
              { key: "year", header: "Year", year: true },
              { key: "allies", header: "Allies", align: "right", decimals: 0 },
              money("core_usd_current_m", "Core $m"),
              money("us_core_usd_current_m", "US $m"),
              money("europe_canada_core_usd_current_m", "Europe & Canada $m"),
              pct("us_share_of_core_pct", "US share %"),
              pct("core_share_of_alliance_gdp_pct", "Core % alliance GDP"),
              money("total_usd_current_m", "Core + related $m"),
            ],
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
