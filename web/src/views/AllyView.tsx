import type { ComponentChildren } from "preact";
import { lazy, Suspense } from "preact/compat";
import { useMemo } from "preact/hooks";
import { allyYearStatus } from "../../../src/core/compliance.ts";
import { defaultRevisionPair } from "../../../src/core/dataset-query.ts";
import { REVISIONS_SPEC, revisionRows, revisions } from "../../../src/core/revisions.ts";
import type { IndicatorId } from "../../../src/model/indicator.ts";
import { findIndicator } from "../../../src/model/indicator.ts";
import { LineChart, type Series, seriesColumns, seriesRows } from "../charts/LineChart.tsx";
import { releaseColour, SIPRI_COLOUR } from "../charts/palette.ts";
import { AllySelect } from "../components/AllySelect.tsx";
import { VintageSelect } from "../components/Controls.tsx";
import { DataTable } from "../components/DataTable.tsx";
import { Figure } from "../components/Figure.tsx";
import { Loading } from "../components/Loading.tsx";
import { useApp } from "../context.ts";
import { flagMark, fmt } from "../lib/format.ts";
import { specColumns, specCsvColumns } from "../lib/spec-columns.ts";
import { AllyPlans } from "./AllyPlans.tsx";
import { AllyUkraineAid } from "./AllyUkraineAid.tsx";

const AllyPathway = lazy(() => import("./AllyPathway.tsx").then((m) => ({ default: m.AllyPathway })));

const SINCE = 2014;
const CATEGORIES = ["equipment_share_pct", "personnel_share_pct", "infrastructure_share_pct", "other_share_pct"] as const;

export function AllyView() {
  const { ds, state, update, vintage } = useApp();
  const ally = ds.ally(state.ally);
  if (!ally)
    return (
      <section aria-labelledby="ally-h">
        <h2 id="ally-h">Ally not found</h2>
        <p class="notice" role="alert" data-testid="unknown-ally">
          “{state.ally}” is not one of the {ds.allies.length} allies in the dataset (ISO 3166 alpha-3 codes, such as POL). Choose an ally:
        </p>
        <form class="controls" onSubmit={(e) => e.preventDefault()}>
          <AllySelect ds={ds} value="" onChange={(a) => update({ ally: a })} />
        </form>
      </section>
    );
  const v = ds.vintage(vintage);
  const source = ds.source(v?.sourceId ?? "");
  const points = (vid: string, indicator: IndicatorId) =>
    ds
      .series(vid, ally.iso3, indicator)
      .filter((o) => o.year >= SINCE)
      .map((o) => ({ x: o.year, y: o.value, estimate: o.estimate }));
  const years = ds.years(vintage).filter((y) => ds.get(vintage, ally.iso3, "defexp_share_gdp_pct", y));
  const lastYear = years.at(-1);
  const status = lastYear !== undefined ? allyYearStatus(ds, ally, lastYear, vintage) : null;

  // Every NATO release drawn together shows how the figures were revised; the chosen release is solid.
  const shareSeries: Series[] = ds
    .natoVintages()
    .map((nv) => ({
      id: nv.id,
      label: nv.label.replace(/\s*\(.*$/, "").replace(/,.*$/, ""),
      points: points(nv.id, "defexp_share_gdp_pct"),
      dashed: nv.id !== vintage,
      colour: releaseColour(nv.id, ds.natoVintages()),
    }))
    .filter((s) => s.points.length);
  const one = (indicator: IndicatorId): Series[] => [
    { id: indicator, label: findIndicator(indicator)?.name ?? indicator, points: points(vintage, indicator) },
  ];
  const categories: Series[] = CATEGORIES.map((c) => ({
    id: c,
    label: (findIndicator(c)?.name ?? c).replace(", share of defence expenditure", ""),
    points: points(vintage, c),
  })).filter((s) => s.points.length);
  // The long view: SIPRI's share of GDP since 1949 (its own definition) beside the chosen NATO release.
  const sipri = ds.vintages.findLast((sv) => sv.series === "sipri");
  const longSeries: Series[] = [
    {
      id: "sipri",
      label: "SIPRI (its own definition)",
      points: sipri
        ? ds.series(sipri.id, ally.iso3, "milex_share_gdp_pct").map((o) => ({ x: o.year, y: o.value, estimate: o.estimate }))
        : [],
      colour: SIPRI_COLOUR,
    },
    {
      id: vintage,
      label: v?.label.replace(/\s*\(.*$/, "").replace(/,.*$/, "") ?? vintage,
      points: ds.series(vintage, ally.iso3, "defexp_share_gdp_pct").map((o) => ({ x: o.year, y: o.value, estimate: o.estimate })),
      colour: releaseColour(vintage, ds.natoVintages()),
    },
  ].filter((x) => x.points.length);
  const longFrom = Math.min(...longSeries.flatMap((x) => x.points.map((p) => p.x)));
  const pair = defaultRevisionPair(ds);
  const from = pair.from.id;
  const to = pair.to.id;
  const rev =
    from !== to ? revisions(ds, { fromVintageId: from, toVintageId: to, indicator: "defexp_share_gdp_pct", ally: ally.iso3 }) : null;
  const allSources = useMemo(() => ds.natoVintages().map((nv) => ds.source(nv.sourceId)), [ds]);

  const chart = (
    id: string,
    title: string,
    series: Series[],
    yLabel: string,
    decimals: number,
    extra: Partial<Parameters<typeof LineChart>[0]> = {},
    sources = [source],
    notes?: ComponentChildren,
  ) => (
    <Figure
      id={id}
      title={title}
      sources={sources}
      notes={notes}
      table={{
        title,
        columns: seriesColumns(yLabel, decimals),
        rows: seriesRows(series),
      }}
    >
      <LineChart title={title} series={series} yLabel={yLabel} decimals={decimals} {...extra} />
    </Figure>
  );
  const base = v?.priceBaseYear ? ` (${v.priceBaseYear} prices)` : "";

  return (
    <section aria-labelledby="ally-h">
      <h2 id="ally-h">{ally.name}</h2>
      <form class="controls" onSubmit={(e) => e.preventDefault()}>
        <AllySelect ds={ds} value={ally.iso3} onChange={(a) => update({ ally: a })} />
        <VintageSelect ds={ds} value={vintage} onChange={(id) => update({ vintage: id === ds.latestNatoVintage().id ? "" : id })} />
      </form>
      {!ally.hasArmedForces ? (
        <p class="notice" role="note" data-testid="not-applicable">
          Not applicable: {ally.note}
        </p>
      ) : null}
      {status && ally.hasArmedForces ? (
        <ul class="cards" aria-label={`${ally.name} in ${lastYear}`}>
          {status.checks.map((c) => (
            <li key={c.guidelineId}>
              <span class="card-label">
                {c.name} ({lastYear})
              </span>
              <span class="card-value">
                {c.status === "met" ? "met" : c.status === "below" ? "below" : c.status === "not_applicable" ? "n/a" : "no data"}
              </span>
              <span class="card-note">
                {c.valuePct !== null ? `${fmt(c.valuePct, 2)}%${flagMark(c.estimate)} against ${c.thresholdPct}%` : (c.reason ?? "")}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {ally.hasArmedForces ? (
        <>
          <div class="grid-2">
            {chart(
              `ally-share`,
              `${ally.name}: defence spending, share of GDP, every NATO release`,
              shareSeries,
              "% of GDP",
              2,
              {
                references: [
                  { y: 2, label: "2%" },
                  { y: 3.5, label: "3.5%" },
                ],
              },
              allSources,
            )}
            {longSeries.length
              ? chart(
                  "ally-long",
                  `${ally.name}: military spending, share of GDP, since ${longFrom} (SIPRI beside NATO)`,
                  longSeries,
                  "% of GDP",
                  2,
                  {
                    references: [{ y: 2, label: "2%" }],
                  },
                  [ds.source(sipri?.sourceId ?? ""), source],
                  <p class="note caveat" data-testid="sipri-caveat">
                    SIPRI's definition of military expenditure differs from NATO's, so the two lines are different measures, not revisions
                    of one another. Breaks in a line are years without a figure; hollow points are estimates (SIPRI's estimates and highly
                    uncertain figures, NATO's "e").
                  </p>,
                )
              : null}
            {chart(`ally-usd`, `${ally.name}: defence spending, USD constant${base}`, one("defexp_usd_const"), `$m${base}`, 0)}
            {chart(
              `ally-capita`,
              `${ally.name}: defence spending per capita${base}`,
              one("defexp_per_capita_const_usd"),
              `US$ per person${base}`,
              0,
            )}
            {chart(
              `ally-equipment`,
              `${ally.name}: equipment, share of defence spending`,
              one("equipment_share_pct"),
              "% of defence spending",
              2,
              { references: [{ y: 20, label: "20%" }] },
            )}
            {chart(`ally-categories`, `${ally.name}: spending by category`, categories, "% of defence spending", 2)}
          </div>
          {rev?.ok ? (
            <DataTable
              spec={{
                title: `${ally.name}: revisions of the share of GDP between ${from} and ${to} (${rev.revisedCount} of ${rev.compared} revised beyond the less precise release's rounding)`,
                columns: specColumns(REVISIONS_SPEC, { from_value: `${from} %`, to_value: `${to} %`, change: "Change (pp)" }).filter(
                  (c) => c.key !== "ally" && c.key !== "name",
                ),
                csvColumns: specCsvColumns(REVISIONS_SPEC),
                rows: revisionRows(
                  ds,
                  [...rev.revisions].sort((a, b) => a.year - b.year),
                ),
              }}
            />
          ) : null}
          <div class="grid-2">
            <Suspense fallback={<Loading what="the pathway" />}>
              <AllyPathway ally={ally.iso3} />
            </Suspense>
            <AllyPlans ally={ally.iso3} />
          </div>
          {lastYear !== undefined ? <AllyUkraineAid ally={ally.iso3} year={lastYear} /> : null}
        </>
      ) : (
        <AllyPlans ally={ally.iso3} />
      )}
    </section>
  );
}
