import { useMemo } from "preact/hooks";
import { aggregateRows, aggregatesSpec, allianceAggregates } from "../../../src/core/aggregates.ts";
import { membersIn } from "../../../src/core/membership.ts";
import { GUIDELINE_IDS } from "../../../src/model/guideline-ids.ts";
import { findIndicator, type IndicatorId } from "../../../src/model/indicator.ts";
import { LineChart, type Series, seriesColumns, seriesRows } from "../charts/LineChart.tsx";
import { ScatterChart, type ScatterPoint } from "../charts/ScatterChart.tsx";
import { shareYears, VintageSelect, YearSelect } from "../components/Controls.tsx";
import { DataTable } from "../components/DataTable.tsx";
import { Figure } from "../components/Figure.tsx";
import { useApp } from "../context.ts";
import { flagMark, fmt } from "../lib/format.ts";
import { specColumns, specCsvColumns } from "../lib/spec-columns.ts";

/** NATO's own tables, as its release publishes them: one indicator, allies down, years across. */
const NATO_TABLES: IndicatorId[] = [
  "defexp_share_gdp_pct",
  "defexp_usd_current",
  "defexp_usd_const",
  "defexp_per_capita_const_usd",
  "defexp_real_change_pct",
  "military_personnel_thousands",
  "equipment_share_pct",
  "personnel_share_pct",
  "infrastructure_share_pct",
  "other_share_pct",
];

const isEstimate = (e: string | null | undefined) => e === "estimate" || e === "uncertain";

/**
 * The alliance over time (the same figures as `GET /api/v1/aggregates`, computed by the same core
 * function), the 2 % × 20 % chart NATO publishes, and NATO's own tables.
 */
export function AllianceView() {
  const { ds, state, update, vintage } = useApp();
  const v = ds.vintage(vintage);
  const source = ds.source(v?.sourceId ?? "");
  const label = v?.label ?? vintage;
  const base = v?.priceBaseYear ? ` (${v.priceBaseYear} prices)` : "";
  const years = useMemo(() => shareYears(ds, vintage), [ds, vintage]);
  const aggs = useMemo(() => years.map((y) => allianceAggregates(ds, y, vintage)), [ds, years, vintage]);
  const year = years.includes(state.year) ? state.year : (years.at(-1) ?? 0);
  const table = NATO_TABLES.includes(state.indicator as IndicatorId) ? (state.indicator as IndicatorId) : "defexp_share_gdp_pct";

  const pts = (entity: string, indicator: IndicatorId, scale = 1) =>
    ds.series(vintage, entity, indicator).map((o) => ({ x: o.year, y: o.value / scale, estimate: o.estimate }));
  const totals: Series[] = [
    { id: "NATO_TOTAL", label: "NATO total", points: pts("NATO_TOTAL", "defexp_usd_const", 1000) },
    { id: "NATO_EUR_CAN", label: "Europe and Canada", points: pts("NATO_EUR_CAN", "defexp_usd_const", 1000) },
    { id: "USA", label: ds.ally("USA")?.name ?? "United States", points: pts("USA", "defexp_usd_const", 1000) },
  ].filter((s) => s.points.length);
  const usShare: Series[] = [
    {
      id: "us_share",
      label: "United States' share of NATO's total",
      points: aggs.flatMap((a) => (a.usShareOfTotalPct === null ? [] : [{ x: a.year, y: a.usShareOfTotalPct }])),
    },
  ];
  const guidelineSeries: Series[] = [
    {
      id: "members",
      label: "Members with armed forces",
      points: aggs.map((a) => ({ x: a.year, y: a.membership.withArmedForces })),
      dashed: true,
      colour: "#777777",
    },
    ...GUIDELINE_IDS.filter((g) => g !== "hague_total").map((g) => ({
      id: g,
      label: aggs.find((a) => a.counts.some((c) => c.guidelineId === g))?.counts.find((c) => c.guidelineId === g)?.name ?? g,
      points: aggs.flatMap((a) => {
        const c = a.counts.find((k) => k.guidelineId === g);
        return c?.inForce ? [{ x: a.year, y: c.met.length }] : [];
      }),
    })),
  ].filter((s) => s.points.length);
  const countRows = aggs.map((a) => ({
    year: a.year,
    members: a.membership.members,
    with_armed_forces: a.membership.withArmedForces,
    ...Object.fromEntries(a.counts.map((c) => [`${c.guidelineId}_met`, c.inForce ? c.met.length : null])),
    member_list: membersIn(ds, a.year)
      .map((m) => m.iso3)
      .join(" "),
  }));
  const spec = aggregatesSpec(GUIDELINE_IDS);

  const scatter: ScatterPoint[] = ds.allies.flatMap((a) => {
    const share = ds.get(vintage, a.iso3, "defexp_share_gdp_pct", year);
    const equipment = ds.get(vintage, a.iso3, "equipment_share_pct", year);
    if (!share || !equipment || !a.hasArmedForces || a.accessionYear > year) return [];
    return [
      {
        id: a.iso3,
        short: a.iso3,
        label: a.name,
        x: share.value,
        y: equipment.value,
        estimate: isEstimate(share.estimate) || isEstimate(equipment.estimate),
      },
    ];
  });
  const gdp2 = ds.guidelines.find((g) => g.id === "gdp2");
  const equipment20 = ds.guidelines.find((g) => g.id === "equipment20");

  const indicator = findIndicator(table);
  const tableYears = ds.years(vintage);
  const natoTable = ds.allies.map((a) => {
    const row: Record<string, string | number | null> = { ally: a.iso3, name: a.name };
    for (const y of tableYears) {
      const o = ds.get(vintage, a.iso3, table, y);
      row[String(y)] = o?.value ?? null;
      row[`${y}_estimate`] = o?.estimate ?? null;
    }
    return row;
  });
  const unitBase = indicator?.priceBasis === "constant" ? base : "";

  const lineFigure = (id: string, title: string, series: Series[], yLabel: string, decimals: number, subtitle: string) => (
    <Figure
      id={id}
      title={title}
      subtitle={subtitle}
      sources={[source]}
      table={{
        title,
        columns: seriesColumns(yLabel, decimals),
        rows: seriesRows(series),
      }}
    >
      <LineChart title={title} series={series} yLabel={yLabel} decimals={decimals} />
    </Figure>
  );

  return (
    <section aria-labelledby="alliance-h">
      <h2 id="alliance-h">The alliance over time</h2>
      <form class="controls" onSubmit={(e) => e.preventDefault()}>
        <VintageSelect ds={ds} value={vintage} onChange={(id) => update({ vintage: id === ds.latestNatoVintage().id ? "" : id })} />
        <YearSelect years={years} value={year} onChange={(y) => update({ year: y })} />
      </form>
      <div class="grid-2">
        {lineFigure(
          "alliance-totals",
          `Defence spending, USD constant${base}: NATO, Europe and Canada, the United States — ${label}`,
          totals,
          `$bn${base}`,
          0,
          "NATO's own total and Europe-and-Canada rows; hollow points are NATO estimates.",
        )}
        {lineFigure(
          "alliance-us-share",
          `The United States' share of NATO's defence spending — ${label}`,
          usShare,
          "% of NATO total",
          1,
          "US spending ÷ NATO's total, both in current dollars.",
        )}
        {lineFigure(
          "alliance-counts",
          `Allies at or above each guideline, per year — ${label}`,
          guidelineSeries,
          "allies",
          0,
          "Counted over the members of each year (28 in 2014, 32 from 2024); a guideline is counted from its first year.",
        )}
        <Figure
          id="alliance-scatter"
          title={`Share of GDP and equipment share, ${year} — ${label}`}
          subtitle={`The two Wales guidelines at once, as NATO draws them: ${gdp2?.thresholdPct}% of GDP and ${equipment20?.thresholdPct}% on major equipment; hollow: an estimate.`}
          sources={[source]}
          table={{
            title: `Share of GDP and equipment share by ally, ${year} — ${label}`,
            columns: [
              { key: "id", header: "ISO3" },
              { key: "label", header: "Ally" },
              { key: "x", header: "% of GDP", numeric: true, show: (val) => fmt(val as number, 2) },
              { key: "y", header: "% on equipment", numeric: true, show: (val) => fmt(val as number, 1) },
              { key: "estimate", header: "Estimate" },
            ],
            rows: scatter.map((p) => ({ id: p.id, label: p.label, x: p.x, y: p.y, estimate: p.estimate })),
          }}
        >
          <ScatterChart
            title={`Scatter of ${scatter.length} allies: share of GDP against equipment share in ${year}`}
            points={scatter}
            xLabel="Defence spending, % of GDP"
            yLabel="Equipment, % of defence spending"
            xRef={{ at: gdp2?.thresholdPct ?? 2, label: gdp2?.name ?? "" }}
            yRef={{ at: equipment20?.thresholdPct ?? 20, label: equipment20?.name ?? "" }}
          />
        </Figure>
      </div>
      <DataTable
        spec={{
          title: `Allies at or above each guideline, and the members of each year — ${label}`,
          columns: [
            { key: "year", header: "Year" },
            { key: "members", header: "Members", numeric: true },
            { key: "with_armed_forces", header: "With armed forces", numeric: true },
            ...GUIDELINE_IDS.map((g) => ({ key: `${g}_met`, header: `${g} met`, numeric: true })),
            { key: "member_list", header: "Members that year (ISO3)" },
          ],
          rows: countRows,
          sources: [source],
        }}
      />
      <DataTable
        spec={{
          title: `Alliance aggregates per year — ${label} (as GET /api/v1/aggregates)`,
          file: `aggregates-${vintage}`,
          columns: specColumns(spec),
          csvColumns: specCsvColumns(spec),
          rows: aggregateRows(spec, aggs),
          sources: [source],
        }}
      />
      <h3 id="nato-tables-h">NATO's tables</h3>
      <form class="controls" onSubmit={(e) => e.preventDefault()}>
        <label for="nato-table">
          Table
          <select id="nato-table" value={table} onChange={(e) => update({ indicator: e.currentTarget.value })}>
            {NATO_TABLES.map((i) => (
              <option key={i} value={i}>
                {findIndicator(i)?.name}
              </option>
            ))}
          </select>
        </label>
      </form>
      <DataTable
        compact
        spec={{
          title: `${indicator?.name ?? table}${unitBase} (${indicator?.unit ?? ""}) by ally and year — ${label}`,
          file: `nato-table-${table}-${vintage}`,
          columns: [
            { key: "name", header: "Ally" },
            ...tableYears.map((y) => ({
              key: String(y),
              header: String(y),
              numeric: true,
              show: (val: unknown, r: Record<string, unknown>) =>
                `${fmt(val as number | null, indicator?.decimals ?? 2)}${flagMark(r[`${y}_estimate`] as never)}`,
            })),
          ],
          csvColumns: ["ally", "name", ...tableYears.flatMap((y) => [String(y), `${y}_estimate`])],
          rows: natoTable,
          sources: [source],
          units: Object.fromEntries(tableYears.map((y) => [String(y), `${indicator?.unit ?? ""}${unitBase}`])),
        }}
      />
    </section>
  );
}
