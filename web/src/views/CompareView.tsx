import { useMemo } from "preact/hooks";
import { defaultVintages } from "../../../src/core/pathway-request.ts";
import { compareScenarios, describeScenario, runScenario, SCENARIO_PRESETS, type ScenarioResult } from "../../../src/core/scenarios.ts";
import { COMPARATORS } from "../../../src/model/entities.ts";
import { findIndicator } from "../../../src/model/indicator.ts";
import { LineChart, type Series, seriesColumns, seriesRows } from "../charts/LineChart.tsx";
import { AllyChecks } from "../components/AllySelect.tsx";
import { VintageSelect } from "../components/Controls.tsx";
import { DataTable } from "../components/DataTable.tsx";
import { Figure } from "../components/Figure.tsx";
import { useApp } from "../context.ts";
import { flagMark, fmt, usdM } from "../lib/format.ts";

/** When the link names no allies: the five largest spenders in Europe and North America. */
const DEFAULT_ALLIES = ["USA", "DEU", "GBR", "FRA", "POL"];
const INDICATORS = [
  "defexp_share_gdp_pct",
  "defexp_usd_const",
  "defexp_per_capita_const_usd",
  "equipment_share_pct",
  "defexp_real_change_pct",
  // SIPRI's long series (from 1949), which also covers Russia, China and Ukraine.
  "milex_share_gdp_pct",
];

export function CompareView() {
  const { state, update } = useApp();
  return (
    <section aria-labelledby="compare-h">
      <h2 id="compare-h">Compare</h2>
      <fieldset class="controls mode">
        <legend>Compare</legend>
        <label class="inline-check">
          <input type="radio" name="mode" value="allies" checked={state.mode === "allies"} onChange={() => update({ mode: "allies" })} />{" "}
          allies side by side
        </label>
        <label class="inline-check">
          <input
            type="radio"
            name="mode"
            value="scenarios"
            checked={state.mode === "scenarios"}
            onChange={() => update({ mode: "scenarios" })}
          />{" "}
          scenarios side by side
        </label>
      </fieldset>
      {state.mode === "allies" ? <CompareAllies /> : <CompareScenarios />}
    </section>
  );
}

function CompareAllies() {
  const { ds, state, update, vintage } = useApp();
  const allies = state.allies.length ? state.allies : DEFAULT_ALLIES;
  const indicator = findIndicator(state.indicator) ?? findIndicator("defexp_share_gdp_pct");
  const v = ds.vintage(vintage);
  if (!indicator) return null;
  const long = indicator.series === "sipri";
  const sipri = ds.vintages.findLast((sv) => sv.series === "sipri");
  // SIPRI's series are shown whole (from 1949 where SIPRI has them), NATO's from 2014 as before.
  const seriesVintage = long ? (sipri?.id ?? "") : vintage;
  const base =
    indicator.priceBasis === "constant" && ds.vintage(seriesVintage)?.priceBaseYear
      ? ` (${ds.vintage(seriesVintage)?.priceBaseYear} prices)`
      : "";
  const nameOf = (a: string) => ds.ally(a)?.name ?? COMPARATORS.find((c) => c.iso3 === a)?.name;
  const series: Series[] = allies.flatMap((a) => {
    const name = nameOf(a);
    if (!name) return [];
    return [
      {
        id: a,
        label: name,
        points: ds
          .series(seriesVintage, a, indicator.id)
          .filter((o) => long || o.year >= 2014)
          .map((o) => ({ x: o.year, y: o.value, estimate: o.estimate })),
      },
    ];
  });
  const withoutFigures = series.filter((s) => !s.points.length).map((s) => s.label);
  const title = `${indicator.name}${base}: ${series.map((s) => s.label).join(", ")}`;
  const years = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
  const wide = years.map((year) => {
    const row: Record<string, number | string | null> = { year };
    for (const s of series) {
      const p = s.points.find((q) => q.x === year);
      row[s.id] = p?.y ?? null;
      row[`${s.id}_estimate`] = (p as { estimate?: string } | undefined)?.estimate ?? null;
    }
    return row;
  });
  return (
    <>
      <form class="controls" onSubmit={(e) => e.preventDefault()}>
        <VintageSelect ds={ds} value={vintage} onChange={(id) => update({ vintage: id === ds.latestNatoVintage().id ? "" : id })} />
        <label for="indicator">
          Indicator
          <select id="indicator" value={indicator.id} onChange={(e) => update({ indicator: e.currentTarget.value })}>
            {INDICATORS.map((i) => (
              <option key={i} value={i}>
                {findIndicator(i)?.name}
              </option>
            ))}
          </select>
        </label>
        <AllyChecks ds={ds} value={allies} onChange={(a) => update({ allies: a })} legend="Allies" />
        {long ? (
          <fieldset class="ally-checks">
            <legend>Beside the allies (SIPRI)</legend>
            <div class="chips">
              {COMPARATORS.map((c) => (
                <label key={c.iso3}>
                  <input
                    type="checkbox"
                    checked={allies.includes(c.iso3)}
                    onChange={(e) => update({ allies: e.currentTarget.checked ? [...allies, c.iso3] : allies.filter((x) => x !== c.iso3) })}
                  />
                  {c.name}
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}
      </form>
      {long ? (
        <p class="note caveat" data-testid="sipri-caveat">
          SIPRI's series, from 1949 where SIPRI has figures: SIPRI's definition of military expenditure differs from NATO's, so these are
          not NATO's figures. Breaks in a line are years without a figure; hollow points are SIPRI's estimates and highly uncertain figures.
        </p>
      ) : null}
      {withoutFigures.length ? (
        <p class="note" role="status" data-testid="no-figures">
          No figures for {withoutFigures.join(", ")} in this series.
        </p>
      ) : null}
      <Figure
        id="compare-allies"
        title={title}
        subtitle={
          long
            ? `${ds.vintage(seriesVintage)?.label ?? seriesVintage}; hollow points are SIPRI's estimates.`
            : `${v?.label ?? vintage}; hollow points are NATO estimates.`
        }
        sources={[ds.source(ds.vintage(seriesVintage)?.sourceId ?? "")]}
        table={{
          title,
          columns: seriesColumns(indicator.shortUnit, indicator.decimals, "Ally"),
          rows: seriesRows(series),
        }}
      >
        <LineChart title={title} series={series} yLabel={`${indicator.shortUnit}${base}`} decimals={indicator.decimals} />
      </Figure>
      <DataTable
        spec={{
          title: `${indicator.name}${base} by year`,
          columns: [
            { key: "year", header: "Year" },
            ...series.map((s) => ({
              key: s.id,
              header: s.label,
              numeric: true,
              show: (val: unknown, r: Record<string, unknown>) =>
                `${fmt(val as number | null, indicator.decimals)}${flagMark(r[`${s.id}_estimate`] as never)}`,
            })),
          ],
          // Each value's estimate flag travels in the downloads beside it.
          csvColumns: ["year", ...series.flatMap((s) => [s.id, `${s.id}_estimate`])],
          rows: wide,
        }}
      />
    </>
  );
}

function CompareScenarios() {
  const { ds, state, update, vintage } = useApp();
  const official = ds.vintage(vintage)?.status === "official" ? vintage : ds.latestNatoVintage().id;
  const imf = defaultVintages(ds).imf;
  const chosen = SCENARIO_PRESETS.filter((p) => state.scenarios.includes(p.id));
  const results = useMemo(() => {
    const out: ScenarioResult[] = [];
    for (const p of chosen) out.push(runScenario(ds, p, { imfVintageId: imf, defaultVintageId: official }));
    return out;
  }, [ds, imf, official, chosen.map((p) => p.id).join()]);
  const years = results[0] ? Array.from(results[0].pathways.alliance.years) : [];
  const rows = useMemo(() => compareScenarios(results, years), [results]);
  const nato = rows.filter((r) => r.ally === "NATO");
  const series: Series[] = results.map((r) => ({
    id: r.scenario.id,
    label: r.scenario.name,
    points: nato
      .filter((x) => x.scenario === r.scenario.id && x.coreUsdCurrentM !== null)
      .map((x) => ({ x: x.year, y: (x.coreUsdCurrentM as number) / 1000 })),
  }));
  const title = `Alliance core spending by scenario ($bn current), NATO ${official}`;
  const sources = [ds.source(ds.vintage(official)?.sourceId ?? ""), ds.source(ds.vintage(imf)?.sourceId ?? "")];
  const last = years.at(-1);
  return (
    <>
      <fieldset class="controls">
        <legend>Scenarios</legend>
        <div class="chips">
          {SCENARIO_PRESETS.map((preset) => describeScenario(ds, preset)).map((p) => (
            <label key={p.id}>
              <input
                type="checkbox"
                checked={state.scenarios.includes(p.id)}
                onChange={(e) =>
                  update({ scenarios: e.currentTarget.checked ? [...state.scenarios, p.id] : state.scenarios.filter((x) => x !== p.id) })
                }
              />
              {p.name}
            </label>
          ))}
        </div>
      </fieldset>
      {!results.length ? (
        <p class="note">Tick at least one scenario.</p>
      ) : (
        <>
          <Figure
            id="compare-scenarios"
            title={title}
            sources={sources}
            table={{
              title: "Scenarios side by side, per ally and year",
              columns: [
                { key: "ally", header: "Ally" },
                { key: "scenario", header: "Scenario" },
                { key: "year", header: "Year" },
                { key: "coreSharePct", header: "Core % GDP", numeric: true, show: (v) => fmt(v as number | null) },
                { key: "coreUsdCurrentM", header: "Core $m", numeric: true, show: (v) => fmt(v as number | null, 0) },
                { key: "totalSharePct", header: "Total % GDP", numeric: true, show: (v) => fmt(v as number | null) },
              ],
              rows: rows.map((r) => ({ ...r })),
            }}
          >
            <LineChart title={title} series={series} yLabel="$bn current" decimals={0} />
          </Figure>
          <DataTable
            spec={{
              title: last ? `The scenarios in ${last}` : "The scenarios",
              columns: [
                { key: "name", header: "Scenario" },
                { key: "core", header: "Alliance core spending", numeric: true, show: (v) => usdM(v as number | null) },
                { key: "share", header: "Core % alliance GDP", numeric: true, show: (v) => fmt(v as number | null) },
                { key: "description", header: "What it assumes" },
              ],
              rows: results.map((r) => {
                const n = nato.find((x) => x.scenario === r.scenario.id && x.year === last);
                return {
                  name: r.scenario.name,
                  core: n?.coreUsdCurrentM ?? null,
                  share: n?.coreSharePct ?? null,
                  description: r.scenario.description,
                };
              }),
            }}
          />
        </>
      )}
    </>
  );
}
