import { useMemo } from "preact/hooks";
import { pathwayRows, runPathwayRequest } from "../../../src/core/pathway-request.ts";
import { PATHWAY_ROWS_SPEC } from "../../../src/core/pathway-tables.ts";
import { LineChart, type Series } from "../charts/LineChart.tsx";
import { Figure } from "../components/Figure.tsx";
import { useApp } from "../context.ts";
import { fmt } from "../lib/format.ts";
import { pathwayRequestOf } from "../lib/pathway-input.ts";
import { specColumns, specCsvColumns } from "../lib/spec-columns.ts";
import { DEFAULT_STATE, encodeState } from "../lib/state.ts";

/** The ally's linear path to the Hague targets by 2035 (its own arrangement where one is recorded). */
export function AllyPathway({ ally }: { ally: string }) {
  const { ds, vintage, state } = useApp();
  const official = ds.vintage(vintage)?.status === "official" ? vintage : ds.latestNatoVintage().id;
  const result = useMemo(() => {
    try {
      const set = runPathwayRequest(ds, pathwayRequestOf({ ...DEFAULT_STATE, allies: [ally] }, official));
      return { set, rows: pathwayRows(set) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }, [ds, ally, official]);
  if ("error" in result)
    return (
      <p class="notice" role="note">
        No pathway: {result.error}
      </p>
    );
  const p = result.set.allies[0];
  if (!p) {
    const why = result.set.excluded.find((x) => x.ally === ally)?.reason ?? "no base year";
    return (
      <p class="notice" role="note">
        No pathway: {why}
      </p>
    );
  }
  const title = `${p.name}: path to ${p.target.corePct}% core + ${p.target.relatedPct}% related by ${p.target.targetYear}`;
  const series: Series[] = [
    { id: "core", label: "Core defence, % GDP", points: result.rows.map((r) => ({ x: r.year, y: r.core_share_pct })) },
    { id: "total", label: "Core + related, % GDP", points: result.rows.map((r) => ({ x: r.year, y: r.total_share_pct })), dashed: true },
  ];
  const sources = [
    ds.source(ds.vintage(official)?.sourceId ?? ""),
    ...ds.vintages.filter((v) => v.series === "imf").map((v) => ds.source(v.sourceId)),
  ];
  return (
    <Figure
      id="ally-pathway"
      title={title}
      subtitle={
        <>
          Linear climb from {p.baseYear} ({fmt(p.baseSharePct)}%) with IMF GDP projections. {p.target.coreTargetNote ?? ""}{" "}
          <a href={encodeState({ ...state, view: "planner", allies: [ally] })}>Open in the planner</a>
        </>
      }
      sources={sources}
      table={{
        title,
        columns: specColumns(PATHWAY_ROWS_SPEC).filter((c) => c.key !== "ally"),
        csvColumns: specCsvColumns(PATHWAY_ROWS_SPEC),
        rows: result.rows.map((r) => ({ ...r })),
      }}
    >
      <LineChart
        title={title}
        series={series}
        yLabel="% of GDP"
        references={[{ y: p.target.corePct, label: `${p.target.corePct}% core` }]}
        markX={{ x: p.target.reviewYear, label: "review" }}
      />
    </Figure>
  );
}
