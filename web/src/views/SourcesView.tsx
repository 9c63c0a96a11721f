import { useMemo } from "preact/hooks";
import { SOURCES_SPEC, sourceRows, VINTAGES_SPEC, vintageRows } from "../../../src/core/catalogue-tables.ts";
import { revisions } from "../../../src/core/revisions.ts";
import { VINTAGE_DIFF_SPEC, vintageDiff, vintageDiffRows } from "../../../src/core/vintage-diff.ts";
import { findIndicator, INDICATORS } from "../../../src/model/indicator.ts";
import { DataTable } from "../components/DataTable.tsx";
import { useApp } from "../context.ts";
import { fmt } from "../lib/format.ts";
import { specColumns, specCsvColumns } from "../lib/spec-columns.ts";

const link = (url: unknown) =>
  typeof url === "string" && /^https?:\/\//.test(url) ? (
    <a href={url} rel="noopener noreferrer" target="_blank">
      {url.replace(/^https?:\/\//, "").slice(0, 48)}
      {url.length > 56 ? "…" : ""}
    </a>
  ) : (
    "–"
  );

/** Provenance of every series: the publications, the releases kept as vintages, and what changed between two of them. */
export function SourcesView() {
  const { ds, state, update } = useApp();
  const series = useMemo(() => {
    const seen = new Map<
      string,
      {
        vintage: string;
        indicator: string;
        table: string;
        unit: string;
        citation: string;
        allies: Set<string>;
        first: number;
        last: number;
      }
    >();
    for (const o of ds.observations) {
      const key = `${o.vintageId}|${o.indicator}`;
      let s = seen.get(key);
      if (!s) {
        s = {
          vintage: o.vintageId,
          indicator: o.indicator,
          table: o.sourceTable,
          unit: o.sourceUnit,
          citation: o.citation,
          allies: new Set(),
          first: o.year,
          last: o.year,
        };
        seen.set(key, s);
      }
      s.allies.add(o.entity);
      s.first = Math.min(s.first, o.year);
      s.last = Math.max(s.last, o.year);
    }
    return [...seen.values()].map((s) => ({
      vintage: s.vintage,
      indicator: s.indicator,
      name: findIndicator(s.indicator)?.name ?? s.indicator,
      unit: findIndicator(s.indicator)?.unit ?? s.unit,
      entities: s.allies.size,
      first_year: s.first,
      last_year: s.last,
      source_table: s.table,
      citation: s.citation,
    }));
  }, [ds]);
  const natoIds = ds.natoVintages().map((v) => v.id);
  const from = natoIds.includes(state.from) ? state.from : (natoIds[0] ?? "");
  const to = natoIds.includes(state.to) ? state.to : (natoIds.at(-1) ?? "");
  const comparable = INDICATORS.filter(
    (i) => i.series === "nato" && ds.series(from, "USA", i.id).length + ds.series(from, "POL", i.id).length > 0,
  );
  const changes = useMemo(
    () =>
      comparable.map((ind) => {
        const r = revisions(ds, { fromVintageId: from, toVintageId: to, indicator: ind.id });
        if (!r.ok) return { indicator: ind.name, compared: null, revised: null, largest: null, note: r.reason };
        // Sorted largest first, compared at the less precise release's precision: rounding is not a revision.
        const largest = r.revisions[0]?.revised ? r.revisions[0] : null;
        return {
          indicator: ind.name,
          compared: r.compared,
          revised: r.revisedCount,
          largest: largest
            ? `${largest.ally} ${largest.year}: ${fmt(largest.fromValue, ind.decimals)} → ${fmt(largest.toValue, ind.decimals)}`
            : null,
          note: r.revisions.length ? "" : "no figures in common",
        };
      }),
    [ds, from, to],
  );

  // The release's news first: guideline crossings, then the largest relative revisions (same table as `pledge data diff`).
  const news = useMemo(() => {
    const d = vintageDiff(ds, { from, to });
    return {
      counts: d.counts,
      rows: vintageDiffRows(d)
        .filter((r) => r.kind === "crossed_guideline" || r.kind === "revised")
        .slice(0, 100),
    };
  }, [ds, from, to]);

  return (
    <section aria-labelledby="sources-h">
      <h2 id="sources-h">Sources and vintages</h2>
      <p class="note">
        Every figure comes from a published release, kept whole as a vintage: NATO revises earlier years in each release, so answers are
        given per vintage. Constant-price series are never compared across releases with different price bases.
      </p>
      <DataTable
        spec={{
          title: "Publications",
          columns: [...specColumns(SOURCES_SPEC), { key: "url", header: "Link", show: link }],
          csvColumns: specCsvColumns(SOURCES_SPEC),
          rows: sourceRows(ds),
        }}
      />
      <DataTable
        spec={{
          title: "Vintages (releases)",
          columns: specColumns(VINTAGES_SPEC),
          csvColumns: specCsvColumns(VINTAGES_SPEC),
          rows: vintageRows(ds),
        }}
      />
      <form class="controls" onSubmit={(e) => e.preventDefault()}>
        <label for="from">
          From release
          <select id="from" value={from} onChange={(e) => update({ from: e.currentTarget.value })}>
            {natoIds.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </label>
        <label for="to">
          To release
          <select id="to" value={to} onChange={(e) => update({ to: e.currentTarget.value })}>
            {natoIds.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </label>
      </form>
      <DataTable
        id="sources-changes"
        spec={{
          title: `What changed between ${from} and ${to}`,
          columns: [
            { key: "indicator", header: "Indicator" },
            { key: "compared", header: "Figures in both", numeric: true },
            { key: "revised", header: "Revised", numeric: true },
            { key: "largest", header: "Largest revision" },
            { key: "note", header: "Note" },
          ],
          rows: changes,
        }}
      />
      <DataTable
        id="sources-what-changed"
        spec={{
          title: `What changed, figure by figure: ${news.counts.crossed_guideline} guideline crossings, ${news.counts.revised} revisions, ${news.counts.new_year} new figures, ${news.counts.dropped_series} series dropped (first 100 shown)`,
          columns: specColumns(VINTAGE_DIFF_SPEC, { from_value: from, to_value: to }),
          csvColumns: specCsvColumns(VINTAGE_DIFF_SPEC),
          rows: news.rows,
        }}
      />
      <details class="data-table">
        <summary>Every series and its provenance ({series.length})</summary>
        <DataTable
          compact
          spec={{
            title: "Series",
            columns: [
              { key: "vintage", header: "Vintage" },
              { key: "indicator", header: "Indicator" },
              { key: "unit", header: "Unit" },
              { key: "entities", header: "Entities", numeric: true },
              { key: "first_year", header: "From" },
              { key: "last_year", header: "To" },
              { key: "source_table", header: "Source table" },
              { key: "citation", header: "Citation" },
            ],
            rows: series,
          }}
        />
      </details>
    </section>
  );
}
