import type { Command } from "commander";
import { allianceAggregates } from "../../core/aggregates.ts";
import type { GuidelineCheck } from "../../core/compliance.ts";
import type { GuidelineId } from "../../model/guideline.ts";
import { type CommandContext, withExamples, withFormat } from "../context.ts";
import type { Cell, Report } from "../report.ts";
import { resolveNatoVintage, resolveYear } from "../resolve.ts";
import { sourcesOf, totalsTable } from "./totals.ts";

const verdict = (c: GuidelineCheck | undefined): string => {
  if (!c) return "–";
  return { met: "yes", below: "no", not_applicable: "n/a", no_data: "–" }[c.status];
};

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
    const by = (id: GuidelineId, checks: GuidelineCheck[]) => checks.find((c) => c.guidelineId === id);
    let rank = 0;
    const rows = agg.statuses.map((s): Record<string, Cell> => {
      if (s.shareOfGdpPct && s.applicable) rank++;
      return {
        rank: s.applicable && s.shareOfGdpPct ? rank : null,
        ally: s.ally,
        name: s.name,
        share_of_gdp_pct: s.applicable ? (s.shareOfGdpPct?.value ?? null) : "n/a",
        share_estimate: s.shareOfGdpPct?.estimate ?? null,
        equipment_share_pct: s.applicable ? (s.equipmentSharePct?.value ?? null) : "n/a",
        equipment_estimate: s.equipmentSharePct?.estimate ?? null,
        spending_usd_current_m: s.applicable ? (s.spendingUsdCurrentM?.value ?? null) : "n/a",
        spending_estimate: s.spendingUsdCurrentM?.estimate ?? null,
        per_capita_usd_const: s.applicable ? (s.perCapitaUsdConst?.value ?? null) : "n/a",
        meets_2pct_gdp: verdict(by("gdp2", s.checks)),
        meets_20pct_equipment: verdict(by("equipment20", s.checks)),
        meets_3_5pct_core: verdict(by("hague_core", s.checks)),
        gap_to_2pct_pp: by("gdp2", s.checks)?.gapPp ?? null,
        gap_to_3_5pct_usd_current_m: by("hague_core", s.checks)?.gapUsdCurrentM ?? null,
      };
    });
    const pb = vintage.priceBaseYear ? ` (${vintage.priceBaseYear} prices)` : "";
    const report: Report = {
      tables: [
        {
          name: "allies",
          title: `NATO allies in ${year}, ${vintage.label}`,
          columns: [
            { key: "rank", header: "#", align: "right", decimals: 0 },
            { key: "ally", header: "ISO3" },
            { key: "name", header: "Ally" },
            { key: "share_of_gdp_pct", header: "% GDP", align: "right", decimals: 2, estimateKey: "share_estimate" },
            { key: "share_estimate", header: "", machineOnly: true },
            { key: "equipment_share_pct", header: "% equip.", align: "right", decimals: 1, estimateKey: "equipment_estimate" },
            { key: "equipment_estimate", header: "", machineOnly: true },
            { key: "spending_usd_current_m", header: "$m current", align: "right", decimals: 0, estimateKey: "spending_estimate" },
            { key: "spending_estimate", header: "", machineOnly: true },
            { key: "per_capita_usd_const", header: `$/capita${pb}`, align: "right", decimals: 0 },
            { key: "meets_2pct_gdp", header: "2%" },
            { key: "meets_20pct_equipment", header: "20% eq." },
            { key: "meets_3_5pct_core", header: "3.5% core" },
            { key: "gap_to_2pct_pp", header: "", machineOnly: true },
            { key: "gap_to_3_5pct_usd_current_m", header: "", machineOnly: true },
          ],
          rows,
        },
        totalsTable(agg),
      ],
      notes: [
        "e = NATO estimate. Guidelines compare NATO's published two-decimal figure with the threshold.",
        "Iceland has no armed forces: NATO publishes no defence expenditure for it, so no guideline applies (n/a).",
        "The 1.5% of defence- and security-related spending is not published by NATO and is not shown.",
        ...ds.targetOverrides.map(
          (o) => `${ds.ally(o.ally)?.name ?? o.ally}: the 3.5% core column uses its own ${o.thresholdPct}% arrangement (${o.note}).`,
        ),
      ],
      sources: sourcesOf(ds, [vintage.sourceId, ...ds.targetOverrides.map((o) => o.sourceId)]),
      json: { year, vintage: vintage.id, totals: { ...agg, statuses: undefined } },
    };
    ctx.emit(report, opts.format);
  });
}
