import { useCallback, useEffect, useMemo, useState } from "preact/hooks";
import { allianceAggregates } from "../../../src/core/aggregates.ts";
import { type ClaimedPath, claimedPathsToCore } from "../../../src/core/claimed-path.ts";
import { complianceTable, GUIDELINE_COUNTS_SPEC, guidelineCountRows } from "../../../src/core/compliance-tables.ts";
import { rankAllies, rankingRows, rankingSpec } from "../../../src/core/rankings.ts";
import { findIndicator } from "../../../src/model/indicator.ts";
import type { PlanSummary } from "../../../src/model/plan.ts";
import { ChoroplethMap, type MapDatum } from "../charts/ChoroplethMap.tsx";
import { type BarDatum, RankedBars } from "../charts/RankedBars.tsx";
import { shareYears, VintageSelect, YearSelect } from "../components/Controls.tsx";
import { DataTable, type TableSpec } from "../components/DataTable.tsx";
import { Figure, SourceLinks } from "../components/Figure.tsx";
import { YearSlider } from "../components/YearSlider.tsx";
import { useApp } from "../context.ts";
import { flagText, fmt, pct, usdM } from "../lib/format.ts";
import { apiJson } from "../lib/session.ts";
import { specColumns, specCsvColumns } from "../lib/spec-columns.ts";

/**
 * Allies whose active annual plan (in the server's registry) reaches their core target by the target
 * year; null until asked for or without the API.
 */
function useClaimedPaths(wanted: boolean): { paths: ClaimedPath[] | null; error: string | null } {
  const { ds, api } = useApp();
  const [plans, setPlans] = useState<PlanSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!wanted || !api || plans) return;
    const ctl = new AbortController();
    apiJson<{ plans: PlanSummary[] }>("plans?limit=500", { signal: ctl.signal }).then(
      (r) => setPlans(r.plans),
      (e: Error) => {
        if (e.name !== "AbortError") setError(`the annual plans could not be loaded (${e.message})`);
      },
    );
    return () => ctl.abort();
  }, [wanted, api, plans]);
  const imf = ds.vintages.findLast((v) => v.series === "imf")?.id;
  const paths = useMemo(() => (plans && imf ? claimedPathsToCore(ds, plans, imf) : null), [ds, plans, imf]);
  return { paths, error };
}

/** The year of a release nearest to the one asked for (the later one on a tie). */
export function nearestYear(years: readonly number[], wanted: number): number {
  let best = years[0] ?? wanted;
  for (const y of years) if (Math.abs(y - wanted) <= Math.abs(best - wanted)) best = y;
  return best;
}

/** The ranking's published spec: the same columns, in the same order, as `GET /api/v1/rankings?format=csv`. */
const SHARE = findIndicator("defexp_share_gdp_pct");
export const RANKING_SPEC = rankingSpec(SHARE?.unit ?? "", "% of GDP", 2);
export const RANKING_CSV_COLUMNS = specCsvColumns(RANKING_SPEC);

export function Overview() {
  const { ds, state, update, vintage, api } = useApp();
  const [onlyClaimed, setOnlyClaimed] = useState(false);
  const claimed = useClaimedPaths(onlyClaimed);
  const hague = ds.guidelines.find((g) => g.id === "hague_core");
  const claimedAllies = onlyClaimed && claimed.paths ? new Set(claimed.paths.map((p) => p.ally)) : null;
  const years = useMemo(() => shareYears(ds, vintage), [ds, vintage]);
  const year = years.includes(state.year) ? state.year : state.year ? nearestYear(years, state.year) : (years.at(-1) ?? 2024);
  // A release that lacks the link's year (or the year chosen before the release changed): the nearest
  // year it has is shown, the link is corrected, and the page says so.
  const [moved, setMoved] = useState<{ from: number; to: number; release: string } | null>(null);
  useEffect(() => {
    if (state.year && !years.includes(state.year) && years.length) {
      setMoved({ from: state.year, to: year, release: ds.vintage(vintage)?.label ?? vintage });
      update({ year });
    } else if (moved && state.year !== moved.to) setMoved(null);
  }, [state.year, years, year]);
  const v = ds.vintage(vintage);
  const agg = useMemo(() => allianceAggregates(ds, year, vintage), [ds, year, vintage]);
  const ranking = useMemo(() => rankAllies(ds, "defexp_share_gdp_pct", year, vintage), [ds, year, vintage]);
  const source = ds.source(v?.sourceId ?? "");
  const label = `${year}, ${v?.label ?? vintage}`;

  const mapData: MapDatum[] = agg.statuses.map((s) => {
    const f = s.shareOfGdpPct;
    return {
      ally: s.ally,
      name: s.name,
      value: s.applicable ? (f?.value ?? null) : null,
      applicable: s.applicable,
      estimate: f?.estimate === "estimate" || f?.estimate === "uncertain",
      label: !s.applicable
        ? `${s.name}: not applicable (no armed forces)`
        : f
          ? `${s.name}: ${fmt(f.value, 2)}% of GDP (${flagText(f.estimate)})`
          : `${s.name}: no figure for ${year}`,
    };
  });
  const bars: BarDatum[] = [
    ...ranking.map((r) => ({ ally: r.ally, name: r.name, value: r.value, estimate: r.estimate })),
    ...agg.statuses
      .filter((s) => !ranking.some((r) => r.ally === s.ally))
      .map((s) => ({
        ally: s.ally,
        name: s.name,
        value: null,
        estimate: null,
        note: s.applicable ? `no figure for ${year}` : "not applicable — no armed forces",
      })),
  ];
  const shownBars = claimedAllies ? bars.filter((b) => claimedAllies.has(b.ally)) : bars;
  const shownRanking = claimedAllies ? ranking.filter((r) => claimedAllies.has(r.ally)) : ranking;
  const rankingTable: TableSpec = {
    title: `Allies ranked by defence spending, share of GDP — ${label}`,
    file: `rankings-defexp_share_gdp_pct-${year}-${vintage}`,
    csvColumns: RANKING_CSV_COLUMNS,
    columns: specColumns(RANKING_SPEC, { rank: "Rank" }),
    rows: rankingRows(RANKING_SPEC, shownRanking),
  };
  // The map's table is the compliance table of the year (one spec with the API and the CLI), flags and status included.
  const compliance = useMemo(() => complianceTable(ds, agg.statuses), [ds, agg]);
  const mapTable: TableSpec = {
    title: `Share of GDP by ally — ${label}`,
    file: `compliance-${year}-${vintage}`,
    columns: specColumns(compliance.spec).filter((c) => ["ally", "name", "share_of_gdp_pct", "gdp2_status"].includes(c.key)),
    csvColumns: specCsvColumns(compliance.spec),
    rows: compliance.rows,
  };
  const regionOf = useCallback((a: string) => ds.ally(a)?.region, [ds]);
  const countsTable: TableSpec = {
    title: `Allies meeting each guideline — ${label} (members of ${year})`,
    columns: specColumns(GUIDELINE_COUNTS_SPEC, { allies_below: "Allies below it" }),
    csvColumns: specCsvColumns(GUIDELINE_COUNTS_SPEC),
    rows: guidelineCountRows(agg),
  };
  const gdp2 = agg.counts.find((c) => c.guidelineId === "gdp2");
  const assessed = gdp2 ? gdp2.met.length + gdp2.below.length : 0;

  return (
    <section aria-labelledby="overview-h">
      <h2 id="overview-h">Overview: the alliance in {year}</h2>
      <form class="controls" onSubmit={(e) => e.preventDefault()}>
        <VintageSelect ds={ds} value={vintage} onChange={(id) => update({ vintage: id === ds.latestNatoVintage().id ? "" : id })} />
        <YearSelect years={years} value={year} onChange={(y) => update({ year: y })} />
        <YearSlider years={years} value={year} onChange={(y) => update({ year: y })} />
        {api ? (
          <label class="check">
            <input
              type="checkbox"
              data-testid="filter-claimed-path"
              checked={onlyClaimed}
              onChange={(e) => setOnlyClaimed((e.target as HTMLInputElement).checked)}
            />{" "}
            Only allies with a claimed path to {hague?.thresholdPct} %
          </label>
        ) : null}
      </form>
      {onlyClaimed ? (
        claimed.error ? (
          <p class="error" role="alert">
            {claimed.error}
          </p>
        ) : !claimed.paths ? (
          <p class="loading" role="status">
            Loading the annual plans…
          </p>
        ) : (
          <div class="note" data-testid="claimed-paths">
            <p>
              {claimed.paths.length} allies have an active annual plan that reaches their core target by {hague?.targetYear} (figures
              claimed by the allies, not assessed by NATO; Spain's target is its own arrangement; plans in amounts are converted with the
              IMF's GDP):
            </p>
            <ul>
              {claimed.paths.map((p) => (
                <li key={p.ally} data-testid={`claimed-${p.ally}`}>
                  {ds.ally(p.ally)?.name ?? p.ally}: {fmt(p.corePct, 2)} % in {p.year} ({p.planId})
                </li>
              ))}
            </ul>
          </div>
        )
      ) : null}
      {moved ? (
        <p class="notice" role="status" data-testid="year-moved">
          {moved.release} has no figures for {moved.from}: showing {moved.to}, the nearest year it has.
        </p>
      ) : null}
      <ul class="cards" aria-label="Alliance totals">
        <li>
          <span class="card-label">NATO total, USD current</span>
          <span class="card-value" data-testid="nato-total">
            {usdM(agg.natoTotalUsdCurrentM?.value)}
          </span>
          {agg.natoTotalUsdCurrentM?.estimate === "estimate" ? <span class="card-note">NATO estimate</span> : null}
        </li>
        <li>
          <span class="card-label">United States' share of the total</span>
          <span class="card-value" data-testid="us-share">
            {pct(agg.usShareOfTotalPct, 1)}
          </span>
        </li>
        <li>
          <span class="card-label">Europe and Canada, share of GDP</span>
          <span class="card-value">{pct(agg.europeCanadaSharePct?.value)}</span>
        </li>
        {agg.counts
          .filter((c) => c.guidelineId !== "hague_total")
          .map((c) => (
            <li key={c.guidelineId}>
              <span class="card-label">{c.name}</span>
              <span class="card-value" data-testid={`count-${c.guidelineId}`}>
                {!c.inForce
                  ? `from ${c.fromYear}`
                  : c.met.length + c.below.length
                    ? `${c.met.length} of ${c.met.length + c.below.length}`
                    : "–"}
              </span>
              {c.noData.length ? <span class="card-note">{c.noData.length} without a figure</span> : null}
            </li>
          ))}
      </ul>
      <p class="note">
        {assessed} of the {agg.membership.members} allies that were members in {year} have a share of GDP for it in this release; Iceland
        has no armed forces, so no spending guideline applies to it. The Hague 1.5% for defence- and security-related spending cannot be
        checked: NATO publishes no figures for it.
      </p>
      <div class="grid-2">
        <Figure
          id="map"
          title={`Defence spending, share of GDP — ${label}`}
          subtitle="Allies coloured by NATO's figure; white stripes: NATO estimate; grey hatch: not applicable. Select a country to see its history."
          sources={[source]}
          table={mapTable}
        >
          <ChoroplethMap
            data={mapData}
            regionOf={regionOf}
            title={`Map of NATO allies coloured by defence spending as a share of GDP in ${year}`}
            linkState={(ally) => ({ ...state, view: "ally", ally })}
          />
        </Figure>
        <Figure
          id="ranking"
          title={`Allies ranked by share of GDP — ${label}`}
          subtitle="Dashed lines: 2% (Wales), 3.5% core and 5% total (The Hague). Hollow, dashed bars are NATO estimates."
          sources={[source]}
          table={rankingTable}
        >
          <RankedBars
            data={shownBars}
            title={`Bar chart of ${shownRanking.length} allies ranked by defence spending as a share of GDP in ${year}${claimedAllies ? ", allies with a claimed path to their core target only" : ""}`}
          />
        </Figure>
      </div>
      <DataTable spec={countsTable} />
      <SourceLinks sources={[source]} />
    </section>
  );
}
