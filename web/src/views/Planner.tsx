import { useMemo, useState } from "preact/hooks";
import { hagueFigures } from "../../../src/core/hague-figures.ts";
import { rememberedContexts } from "../../../src/core/pathway-context.ts";
import { allianceRows, defaultVintages, pathwayRows, pathwaySummary, runPathwayRequest } from "../../../src/core/pathway-request.ts";
import { PATHWAY_ROWS_SPEC, PATHWAY_SUMMARY_SPEC } from "../../../src/core/pathway-tables.ts";
import { describeScenario, runScenario, SCENARIO_PRESETS } from "../../../src/core/scenarios.ts";
import { LineChart } from "../charts/LineChart.tsx";
import { AllyChecks } from "../components/AllySelect.tsx";
import { DataTable, type TableSpec } from "../components/DataTable.tsx";
import { Figure } from "../components/Figure.tsx";
import { NumberSlider } from "../components/NumberSlider.tsx";
import { useApp } from "../context.ts";
import { fmt, usdM } from "../lib/format.ts";
import { pathwayRequestOf } from "../lib/pathway-input.ts";
import { specColumns, specCsvColumns } from "../lib/spec-columns.ts";
import { SHAPES, type Shape } from "../lib/state.ts";
import { MonteCarlo } from "./MonteCarlo.tsx";

const SHAPE_LABELS: Record<Shape, string> = {
  linear: "Linear (equal steps in share of GDP)",
  "constant-real-growth": "Constant real growth",
  "front-loaded": "Front-loaded",
  "back-loaded": "Back-loaded",
  freeze: "Freeze at the base-year share",
};

/** The columns of the years table, from the pathway spec; the e2e test reads "Core %GDP" from it. */
export const YEAR_COLUMNS: TableSpec["columns"] = specColumns(PATHWAY_ROWS_SPEC);

export function Planner() {
  const { ds, state, update, vintage } = useApp();
  const official = ds.vintage(vintage)?.status === "official" ? vintage : ds.latestNatoVintage().id;
  const imf = defaultVintages(ds).imf;
  const { allies, core, related, by, shape } = state;
  // The pathway context (GDP and exchange rates to the horizon) does not move with the target sliders:
  // prepared once, it leaves a slider step the paths themselves, well under a millisecond for all allies.
  const prepare = useMemo(() => rememberedContexts(4), []);
  const result = useMemo(() => {
    try {
      const request = pathwayRequestOf({ allies, core, related, by, shape }, official);
      const set = runPathwayRequest(ds, request, prepare);
      return { request, set, summary: pathwaySummary(set), alliance: allianceRows(set) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }, [ds, official, allies, core, related, by, shape, prepare]);
  // The per-year table (ten rows an ally) is folded for more than four allies, and a folded table is
  // not rendered: 310 rows diffed on every slider step cost the frame. null: follow that default.
  const [yearsShown, setYearsShown] = useState<boolean | null>(null);
  const preset = SCENARIO_PRESETS.find((p) => p.id === state.preset);
  const scenario = useMemo(() => {
    if (!preset) return null;
    try {
      return runScenario(ds, preset, { imfVintageId: imf, defaultVintageId: official });
    } catch {
      return null;
    }
  }, [ds, preset, imf, official]);

  // Moving a parameter by hand leaves the preset: the numbers are then the user's own.
  const set = (change: Partial<typeof state>) => update({ ...change, preset: "" });
  const one = "error" in result || result.set.allies.length !== 1 ? undefined : result.set.allies[0];
  const yearsOpen = yearsShown ?? ("error" in result ? false : result.set.allies.length <= 4);
  // The rows per ally and year (310 for every ally) are built only for what shows them: one ally's chart
  // or the opened per-year table.
  const rows = useMemo(() => ("error" in result || !(one || yearsOpen) ? [] : pathwayRows(result.set)), [result, one, yearsOpen]);
  const natoSource = ds.source(ds.vintage(official)?.sourceId ?? "");
  const imfSource = ds.source(ds.vintage(imf)?.sourceId ?? "");
  const hague = hagueFigures(ds);
  const targetText = `${core ?? hague.corePct}% core + ${related ?? hague.relatedPct}% related by ${by ?? hague.targetYear}`;

  return (
    <section aria-labelledby="planner-h">
      <h2 id="planner-h">Planner: the spending a target requires</h2>
      <form class="controls planner-controls" onSubmit={(e) => e.preventDefault()}>
        <label for="preset">
          Scenario preset
          <select
            id="preset"
            value={state.preset}
            onChange={(e) => {
              const p = SCENARIO_PRESETS.find((x) => x.id === e.currentTarget.value);
              if (!p) return update({ preset: "" });
              const t = p.target;
              update({
                preset: p.id,
                core: t.corePct ?? null,
                related: t.relatedPct ?? null,
                by: t.targetYear ?? null,
                shape: (SHAPES as readonly string[]).includes(t.shape) ? (t.shape as Shape) : "linear",
              });
            }}
          >
            <option value="">Custom parameters</option>
            {SCENARIO_PRESETS.map((preset) => describeScenario(ds, preset)).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <NumberSlider
          id="core"
          label="Core defence target"
          unit="% GDP"
          min={1}
          max={8}
          step={0.1}
          value={core ?? hague.corePct}
          onInput={(v) => set({ core: v })}
        />
        <label class="inline-check">
          <input type="checkbox" checked={core === null} onChange={(e) => set({ core: e.currentTarget.checked ? null : hague.corePct })} />{" "}
          Each ally's own target (Hague {hague.corePct}%; Spain's arrangement)
        </label>
        <NumberSlider
          id="related"
          label="Related target"
          unit="% GDP"
          min={0}
          max={3}
          step={0.1}
          value={related ?? hague.relatedPct}
          onInput={(v) => set({ related: v })}
        />
        <NumberSlider
          id="by"
          label="Target year"
          min={2027}
          max={2050}
          step={1}
          value={by ?? hague.targetYear}
          onInput={(v) => set({ by: Math.round(v) })}
        />
        <label for="shape">
          Path shape
          <select id="shape" value={shape} onChange={(e) => set({ shape: e.currentTarget.value as Shape })}>
            {SHAPES.map((s) => (
              <option key={s} value={s}>
                {SHAPE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <AllyChecks ds={ds} value={allies} onChange={(a) => update({ allies: a })} legend="Allies (none ticked: every ally)" />
        <button type="button" class="secondary" onClick={() => update({ allies: [] })} disabled={!allies.length}>
          Every ally
        </button>
      </form>
      {preset ? (
        <div class="assumptions">
          <p>
            <strong>{preset.name}:</strong> {preset.description}
          </p>
          <ul>
            {preset.assumptions.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {"error" in result ? (
        <p class="error" role="alert">
          {result.error}
        </p>
      ) : (
        <>
          <div class="grid-2">
            {one ? (
              <Figure
                id="planner-chart"
                title={`${one.name}: path to ${targetText}`}
                subtitle={`From ${one.baseYear} (${fmt(one.baseSharePct)}%), ${SHAPE_LABELS[shape].charAt(0).toLowerCase()}${SHAPE_LABELS[shape].slice(1)}; GDP from the IMF's projections.`}
                sources={[natoSource, imfSource]}
                table={{
                  title: `${one.name}: required spending per year`,
                  columns: YEAR_COLUMNS,
                  rows: rows.map((r) => ({ ...r })),
                }}
              >
                <LineChart
                  title={`${one.name}: core and total share of GDP per year`}
                  series={[
                    { id: "core", label: "Core, % GDP", points: rows.map((r) => ({ x: r.year, y: r.core_share_pct })) },
                    {
                      id: "total",
                      label: "Core + related, % GDP",
                      points: rows.map((r) => ({ x: r.year, y: r.total_share_pct })),
                      dashed: true,
                    },
                  ]}
                  yLabel="% of GDP"
                  references={[{ y: one.target.corePct, label: `${one.target.corePct}% core` }]}
                  markX={{ x: result.set.reviewYear, label: "review" }}
                />
              </Figure>
            ) : (
              <Figure
                id="planner-chart"
                title={`Alliance core spending on the path to ${targetText}`}
                subtitle={`${result.set.allies.length} allies; US dollars at each ally's stated rate, current prices.`}
                sources={[natoSource, imfSource]}
                table={{
                  title: "Alliance sums per year",
                  columns: [
                    { key: "year", header: "Year" },
                    { key: "allies", header: "Allies", numeric: true },
                    { key: "core_usd_current_m", header: "Core $m", numeric: true, show: (v) => fmt(v as number, 0) },
                    { key: "us_core_usd_current_m", header: "US $m", numeric: true, show: (v) => fmt(v as number, 0) },
                    {
                      key: "europe_canada_core_usd_current_m",
                      header: "Europe & Canada $m",
                      numeric: true,
                      show: (v) => fmt(v as number, 0),
                    },
                    { key: "core_share_of_alliance_gdp_pct", header: "Core % alliance GDP", numeric: true, show: (v) => fmt(v as number) },
                    { key: "total_usd_current_m", header: "Core + related $m", numeric: true, show: (v) => fmt(v as number, 0) },
                  ],
                  rows: result.alliance.map((r) => ({ ...r })),
                }}
              >
                <LineChart
                  title="Alliance core spending per year, billion US dollars"
                  series={[
                    { id: "all", label: "All allies", points: result.alliance.map((r) => ({ x: r.year, y: r.core_usd_current_m / 1000 })) },
                    {
                      id: "us",
                      label: "United States",
                      points: result.alliance.map((r) => ({ x: r.year, y: r.us_core_usd_current_m / 1000 })),
                    },
                    {
                      id: "euc",
                      label: "Europe and Canada",
                      points: result.alliance.map((r) => ({ x: r.year, y: r.europe_canada_core_usd_current_m / 1000 })),
                    },
                  ]}
                  yLabel="$bn current"
                  decimals={0}
                />
              </Figure>
            )}
            <MonteCarlo set={result.set} official={official} imf={imf} request={result.request} />
          </div>
          <DataTable
            id="planner-summary"
            spec={{
              title: `Paths to ${targetText} (${shape}), NATO ${result.set.vintageId}`,
              columns: specColumns(PATHWAY_SUMMARY_SPEC, { core_usd_current_m_at_target: `Core $m ${by}` }),
              csvColumns: specCsvColumns(PATHWAY_SUMMARY_SPEC),
              rows: result.summary.map((r) => ({ ...r })),
            }}
          />
          <details
            open={yearsOpen}
            onToggle={(e) => {
              const open = e.currentTarget.open;
              if (open !== yearsOpen) setYearsShown(open);
            }}
          >
            <summary>Required spending per ally and year</summary>
            {yearsOpen ? (
              <DataTable
                id="planner-years"
                compact
                spec={{
                  title: "Required spending per ally and year",
                  columns: YEAR_COLUMNS,
                  csvColumns: specCsvColumns(PATHWAY_ROWS_SPEC),
                  rows: rows.map((r) => ({ ...r })),
                }}
              />
            ) : null}
          </details>
          {scenario ? (
            <DataTable
              spec={{
                title: `Scenario ${scenario.scenario.name}: alliance totals`,
                columns: [
                  { key: "year", header: "Year" },
                  { key: "core", header: "Core spending", numeric: true, show: (v) => usdM(v as number) },
                  { key: "share", header: "Core % alliance GDP", numeric: true, show: (v) => fmt(v as number) },
                  { key: "us", header: "United States", numeric: true, show: (v) => usdM(v as number) },
                  { key: "covered", header: "Europe covers of the US cut", numeric: true, show: (v) => usdM(v as number | null) },
                ],
                rows: Array.from(scenario.pathways.alliance.years, (year, j) => {
                  const a = scenario.pathways.alliance;
                  const k = scenario.gapCover ? Array.from(scenario.gapCover.years).indexOf(year) : -1;
                  return {
                    year,
                    core: a.coreUsdCurrentM[j] ?? null,
                    share: a.coreShareOfAllianceGdpPct[j] ?? null,
                    us: a.usCoreUsdCurrentM[j] ?? null,
                    covered: k >= 0 ? (scenario.gapCover?.coveredUsdCurrentM[k] ?? null) : null,
                  };
                }),
              }}
            />
          ) : null}
          <ul class="assumptions" aria-label="Assumptions">
            {result.set.assumptions.map((a) => (
              <li key={a}>{a}</li>
            ))}
            {result.set.excluded.map((x) => (
              <li key={x.ally}>
                {x.ally} has no path: {x.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
