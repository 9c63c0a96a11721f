import type { Command } from "commander";
import { type AllianceAggregates, allianceAggregates } from "../../core/aggregates.ts";
import { GUIDELINE_COUNTS_SPEC, guidelineCountRows } from "../../core/compliance-tables.ts";
import { citedSources } from "../../core/dataset-query.ts";
import { membershipText } from "../../core/membership.ts";
import type { Dataset } from "../../model/dataset.ts";
import { type CommandContext, withExamples, withFormat } from "../context.ts";
import { type Cell, type Report, type ReportTable, specColumns } from "../report.ts";
import { resolveNatoVintage, resolveYear } from "../resolve.ts";

export function sourcesOf(ds: Dataset, ids: string[]): Report["sources"] {
  return citedSources(ds, ids).map((s) => ({ id: s.id, title: `${s.publisher}, ${s.title}`, url: s.url }));
}

/** Alliance totals as label/value rows, shared by `status` and `totals`. */
export function totalsTable(agg: AllianceAggregates): ReportTable {
  const row = (key: string, label: string, value: Cell, unit: string, estimate: Cell = null, decimals = 0): Record<string, Cell> => ({
    key,
    measure: label,
    value,
    unit,
    estimate,
    _decimals: decimals,
  });
  const counted = (id: string) => agg.counts.find((c) => c.guidelineId === id);
  const gdp2 = counted("gdp2");
  const eq = counted("equipment20");
  const core = counted("hague_core");
  const of = (n: number | undefined, c: typeof gdp2) => {
    if (!c) return null;
    if (!c.inForce) return `not in force (from ${c.fromYear})`;
    return `${n} of ${c.met.length + c.below.length}${c.noData.length ? ` (${c.noData.length} without data)` : ""}`;
  };
  return {
    name: "totals",
    title: "Alliance totals",
    columns: [
      { key: "key", header: "", machineOnly: true },
      { key: "measure", header: "Measure" },
      { key: "value", header: "Value", align: "right", estimateKey: "estimate", decimalsKey: "_decimals" },
      { key: "unit", header: "Unit" },
      { key: "estimate", header: "", machineOnly: true },
    ],
    rows: [
      row(
        "nato_total_usd_current_m",
        "NATO total",
        agg.natoTotalUsdCurrentM?.value ?? null,
        "$m current",
        agg.natoTotalUsdCurrentM?.estimate ?? null,
      ),
      row("us_usd_current_m", "United States", agg.usUsdCurrentM?.value ?? null, "$m current", agg.usUsdCurrentM?.estimate ?? null),
      row(
        "europe_canada_usd_current_m",
        "Europe and Canada",
        agg.europeCanadaUsdCurrentM?.value ?? null,
        "$m current",
        agg.europeCanadaUsdCurrentM?.estimate ?? null,
      ),
      row(
        "us_share_of_total_pct",
        "US share of NATO total",
        agg.usShareOfTotalPct !== null ? round1(agg.usShareOfTotalPct) : null,
        "%",
        null,
        1,
      ),
      row(
        "nato_share_gdp_pct",
        "NATO total, share of GDP",
        agg.natoTotalSharePct ? round2(agg.natoTotalSharePct.value) : null,
        "% GDP",
        agg.natoTotalSharePct?.estimate ?? null,
        2,
      ),
      row(
        "europe_canada_share_gdp_pct",
        "Europe and Canada, share of GDP",
        agg.europeCanadaSharePct ? round2(agg.europeCanadaSharePct.value) : null,
        "% GDP",
        agg.europeCanadaSharePct?.estimate ?? null,
        2,
      ),
      row(
        "gdp_weighted_share_pct",
        "GDP-weighted share (Σ spending / Σ GDP, current $)",
        agg.gdpWeightedSharePct !== null ? round2(agg.gdpWeightedSharePct) : null,
        "% GDP",
        null,
        2,
      ),
      row(
        "median_share_pct",
        "Median ally share of GDP",
        agg.medianSharePct !== null ? round2(agg.medianSharePct) : null,
        "% GDP",
        null,
        2,
      ),
      row(
        "nato_per_capita_usd_const",
        "NATO spending per capita",
        agg.natoPerCapitaUsdConst?.value ?? null,
        "$ constant",
        agg.natoPerCapitaUsdConst?.estimate ?? null,
      ),
      row("allies_at_2pct", "Allies at or above 2% of GDP", of(gdp2?.met.length, gdp2), "allies"),
      row("allies_at_20pct_equipment", "Allies at or above 20% on equipment", of(eq?.met.length, eq), "allies"),
      row(
        "allies_at_3_5pct",
        `Allies at or above ${core ? core.name.split(" ")[0] : "3.5%"} of GDP (core)`,
        of(core?.met.length, core),
        "allies",
      ),
      row("allies_below_2pct", "Allies below 2%", gdp2 ? (gdp2.inForce ? gdp2.below.join(" ") || "none" : null) : null, "ISO3"),
      row("members", `Members in ${agg.year}`, `${agg.membership.members} (${agg.membership.withArmedForces} with armed forces)`, "allies"),
    ],
  };
}

// Shares are shown as NATO publishes them; the table view formats, these keep CSV/JSON readable.
const round1 = (v: number) => Math.round(v * 10) / 10;
const round2 = (v: number) => Math.round(v * 100) / 100;

export function registerTotals(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("totals")
    .description(
      "alliance totals for one year: NATO, US, Europe and Canada, US share, GDP-weighted and median shares, counts per guideline",
    )
    .option("-y, --year <year>", "calendar year (default: the vintage's latest year)")
    .option("-v, --vintage <vintage>", "NATO release (default: the newest official)");
  withFormat(cmd);
  withExamples(cmd, ["pledge totals --year 2024 --vintage 2024-06", "pledge totals --format json | jq .totals"]);
  cmd.action((opts: { year?: string; vintage?: string; format?: string }) => {
    const ds = ctx.dataset();
    const vintage = resolveNatoVintage(ds, opts.vintage);
    const year = resolveYear(ds, vintage, opts.year);
    const agg = allianceAggregates(ds, year, vintage.id);
    ctx.emit(
      {
        tables: [
          { ...totalsTable(agg), title: `Alliance totals, ${year}, ${vintage.label}` },
          {
            name: GUIDELINE_COUNTS_SPEC.name,
            title: "Allies per guideline",
            columns: specColumns(GUIDELINE_COUNTS_SPEC),
            rows: guidelineCountRows(agg),
          },
        ],
        notes: [
          "e = NATO estimate. NATO total and Europe-and-Canada are NATO's own aggregate rows.",
          `Counts are over ${membershipText(agg.membership)}.`,
          ...agg.counts.filter((c) => !c.inForce).map((c) => `${c.name}: not in force in ${year} (from ${c.fromYear}), not counted.`),
        ],
        sources: sourcesOf(ds, [vintage.sourceId]),
        json: { year, vintage: vintage.id, membership: agg.membership },
      },
      opts.format,
    );
  });
}
