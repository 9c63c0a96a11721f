import { useEffect, useMemo, useState } from "preact/hooks";
import { computeAffordability } from "../../../src/core/affordability/affordability.ts";
import { AFFORDABILITY_YEARS_SPEC, affordabilityYearRows } from "../../../src/core/affordability/affordability-tables.ts";
import { computeBurden } from "../../../src/core/affordability/burden.ts";
import { BURDEN_ALLIES_SPEC, burdenAllyRows } from "../../../src/core/affordability/burden-tables.ts";
import { EU_INSTRUMENT_CAVEATS, type EuDefenceInstruments } from "../../../src/core/affordability/eu-instruments.ts";
import { completeTarget, hagueFigures } from "../../../src/core/hague-figures.ts";
import { computePathways } from "../../../src/core/pathway.ts";
import { preparePathwayContext } from "../../../src/core/pathway-context.ts";
import { defaultVintages } from "../../../src/core/pathway-request.ts";
import {
  type BurdenKey,
  BurdenKeySchema,
  BurdenParamsSchema,
  type Financing,
  FinancingSchema,
  type GapBasis,
  GapBasisSchema,
} from "../../../src/model/affordability.ts";
import { LineChart } from "../charts/LineChart.tsx";
import { AllySelect } from "../components/AllySelect.tsx";
import { DataTable } from "../components/DataTable.tsx";
import { NumberSlider } from "../components/NumberSlider.tsx";
import { useApp } from "../context.ts";
import { fmt, usdM } from "../lib/format.ts";
import { apiJson } from "../lib/session.ts";
import { specColumns, specCsvColumns } from "../lib/spec-columns.ts";

const FINANCING_LABELS: Record<Financing, string> = {
  borrow: "borrowed",
  offset: "offset by other spending",
  revenue: "raised in revenue",
};
const KEY_LABELS: Record<BurdenKey, string> = { gdp: "GDP", effort: "equal effort", spending: "current spending" };
const AGAINST_LABELS: Record<GapBasis, string> = { freeze: "a freeze at its base share", path: "its own path to the target" };

/**
 * Can they afford it? Per ally, the debt ratio with and without the path, the extra as a share of
 * government spending, the escape clause's room and the SAFE loan beside the extra; and the burden-sharing
 * calculator, recomputed in the page at every slider move (the core runs here; no server round trip).
 */
export function AffordabilityView() {
  const { ds, api, state, update } = useApp();
  const d = useMemo(() => defaultVintages(ds), [ds]);
  const h = useMemo(() => hagueFigures(ds), [ds]);
  const target = useMemo(() => completeTarget(ds, { relatedBasePct: 0, shape: "linear" }, h), [ds, h]);
  const ctx = useMemo(
    () =>
      preparePathwayContext(ds, {
        vintageId: d.nato,
        imfVintageId: d.imf,
        horizon: h.targetYear,
        economy: { gdpGrowthBeyondWeoPct: null, inflationBeyondWeoPct: null, gdpShockPp: 0, inflationShockPp: 0 },
      }),
    [ds, d, h],
  );
  const ally = ctx.economies.some((e) => e.ally === state.ally) ? state.ally : "DEU";
  const [financing, setFinancing] = useState<Financing>("borrow");
  const [eu, setEu] = useState<EuDefenceInstruments | null>(null);
  useEffect(() => {
    if (!api) return;
    const ctl = new AbortController();
    apiJson<EuDefenceInstruments>("eu-instruments", { signal: ctl.signal }).then(setEu, () => setEu(null));
    return () => ctl.abort();
  }, [api]);

  const set = useMemo(() => {
    const paths = computePathways(ds, ctx, target, { allies: [ally] });
    return computeAffordability(ds, paths, eu, {
      financing,
      interestBeyondWeoPct: null,
      reviewYear: h.reviewYear,
      targetYear: h.targetYear,
    });
  }, [ds, ctx, target, ally, eu, financing, h]);
  const a = set.allies[0];

  // The calculator starts from the schema's defaults (the same as the CLI's and the API's).
  const defaults = useMemo(() => BurdenParamsSchema.parse({}), []);
  const usBase = ctx.economies.find((e) => e.ally === "USA")?.baseYear ?? null;
  const [usShare, setUsShare] = useState(defaults.usSharePct);
  const [byYear, setByYear] = useState(Math.min(Math.max(defaults.byYear, (usBase ?? 0) + 1), h.targetYear));
  const [cover, setCover] = useState(defaults.coverPct);
  const [against, setAgainst] = useState<GapBasis>(defaults.against);
  const [key, setKey] = useState<BurdenKey>(defaults.key);
  const burden = useMemo(
    () =>
      usBase === null
        ? null
        : computeBurden(ds, ctx, target, BurdenParamsSchema.parse({ usSharePct: usShare, byYear, coverPct: cover, against, key })),
    [ds, ctx, target, usBase, usShare, byYear, cover, against, key],
  );
  const t = burden ? burden.years.indexOf(h.targetYear) : -1;

  return (
    <section aria-labelledby="afford-h" class="affordability">
      <h2 id="afford-h">Can they afford it?</h2>
      <p class="note">
        The path to {h.corePct}% core + {h.relatedPct}% related by {h.targetYear}, against the government's accounts (IMF WEO {d.imf}). The
        interest rate is derived from the WEO: (primary − overall balance) ÷ last year's gross debt.
      </p>
      <fieldset class="controls">
        <legend>Ally and financing</legend>
        <AllySelect ds={ds} value={ally} onChange={(x) => update({ ally: x })} id="afford-ally" />
        {FinancingSchema.options.map((f) => (
          <label key={f}>
            <input
              type="radio"
              name="financing"
              value={f}
              checked={financing === f}
              onChange={() => setFinancing(f)}
              data-testid={`financing-${f}`}
            />{" "}
            {FINANCING_LABELS[f]}
          </label>
        ))}
      </fieldset>
      {a ? (
        <>
          {a.missing ? (
            <p class="note" role="note">
              Fiscal figures absent: {a.missing}.
            </p>
          ) : (
            <div class="chart" id="afford-debt">
              <LineChart
                title={`${a.name}: gross debt, % of GDP, with the path (${FINANCING_LABELS[financing]}) and on the IMF baseline`}
                yLabel="% of GDP"
                decimals={1}
                series={[
                  {
                    id: "baseline",
                    label: "IMF baseline",
                    points: Array.from(a.years, (x, k) => ({ x, y: a.baselineDebtPct[k] as number })),
                  },
                  { id: "path", label: "with the path", points: Array.from(a.years, (x, k) => ({ x, y: a.debtPct[k] as number })) },
                ]}
                markX={{ x: h.reviewYear, label: `${h.reviewYear} review` }}
              />
            </div>
          )}
          <p data-testid="afford-summary">
            In {h.targetYear}: extra spending{" "}
            {fmt((a.coreExtraPctGdp.at(-1) ?? Number.NaN) + (a.relatedExtraPctGdp.at(-1) ?? Number.NaN), 2)} % of GDP,{" "}
            <strong data-testid="afford-govt-share">{fmt(a.extraPctExpenditure.at(-1), 2)}</strong> % of government spending; debt{" "}
            <strong data-testid="afford-debt-target">{fmt(a.debtPct.at(-1), 1)}</strong> % of GDP against {fmt(a.baselineDebtPct.at(-1), 1)}{" "}
            % on the IMF baseline.
          </p>
          <EuInstruments a={a} eu={eu} api={api} reviewYear={h.reviewYear} />
          <DataTable
            id="afford-years"
            compact
            spec={{
              title: `${a.name}: affordability by year (financing: ${set.financing})`,
              columns: specColumns(AFFORDABILITY_YEARS_SPEC),
              csvColumns: specCsvColumns(AFFORDABILITY_YEARS_SPEC),
              rows: affordabilityYearRows(set),
              file: `affordability-${a.ally}-${set.financing}`,
            }}
          />
          <details>
            <summary>Assumptions</summary>
            <ul>
              {set.assumptions.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          </details>
        </>
      ) : null}

      <h3 id="burden-h">Who covers a US cut?</h3>
      {burden === null ? (
        <p class="note" role="note">
          The United States has no path in this NATO release, so there is no gap to share.
        </p>
      ) : (
        <>
          <fieldset class="controls" aria-labelledby="burden-h">
            <legend>The calculator (recomputed in this page)</legend>
            <NumberSlider
              id="us-share"
              label="US core share it moves to"
              unit="% of GDP"
              value={usShare}
              min={0}
              max={h.corePct}
              step={0.1}
              onInput={setUsShare}
            />
            <NumberSlider
              id="us-by"
              label="Reached by"
              value={byYear}
              min={(usBase ?? 0) + 1}
              max={h.targetYear}
              step={1}
              onInput={setByYear}
            />
            <NumberSlider
              id="cover"
              label="Europe and Canada cover"
              unit="% of the gap"
              value={cover}
              min={0}
              max={100}
              step={5}
              onInput={setCover}
            />
            <label>
              Gap measured against{" "}
              <select value={against} onChange={(e) => setAgainst(e.currentTarget.value as GapBasis)} data-testid="burden-against">
                {GapBasisSchema.options.map((o) => (
                  <option key={o} value={o}>
                    {AGAINST_LABELS[o]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Shared by{" "}
              <select value={key} onChange={(e) => setKey(e.currentTarget.value as BurdenKey)} data-testid="burden-key">
                {BurdenKeySchema.options.map((o) => (
                  <option key={o} value={o}>
                    {KEY_LABELS[o]}
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
          <p data-testid="burden-statement">{burden.statement}</p>
          <p>
            Gap in {h.targetYear}: <strong data-testid="burden-gap">{usdM(burden.gapUsdM[t])}</strong>; covered:{" "}
            <strong data-testid="burden-covered">{usdM(burden.coveredUsdM[t])}</strong>.
          </p>
          <DataTable
            id="burden-shares"
            compact
            spec={{
              title: `Each ally's part in ${h.targetYear} (${KEY_LABELS[key]}, against ${AGAINST_LABELS[against]})`,
              columns: specColumns(BURDEN_ALLIES_SPEC),
              csvColumns: specCsvColumns(BURDEN_ALLIES_SPEC),
              rows: burdenAllyRows(burden, [h.targetYear]),
              file: `burden-${key}-${against}`,
            }}
          />
        </>
      )}
    </section>
  );
}

function EuInstruments({
  a,
  eu,
  api,
  reviewYear,
}: {
  a: ReturnType<typeof computeAffordability>["allies"][number];
  eu: EuDefenceInstruments | null;
  api: boolean | null;
  reviewYear: number;
}) {
  if (!eu)
    return (
      <p class="note" role="note" data-testid="eu-absent">
        {api
          ? "Loading the EU's instruments…"
          : "The EU's escape clause and SAFE loans come from the Pledge API, which this static copy does not have: absent here, not zero."}
      </p>
    );
  const clause = a.clauseRoomPct
    .map((room, k) => ({ year: a.years[k] as number, room, covered: a.clauseCoveredPct[k] ?? null }))
    .filter((x) => x.room !== null);
  let toReview = 0;
  for (let k = 1; k < a.years.length && (a.years[k] as number) <= reviewYear; k++) toReview += a.extraEurBn[k] as number;
  return (
    <div data-testid="eu-instruments">
      <h4>The EU's instruments</h4>
      {clause.length ? (
        <p data-testid="eu-clause">
          Escape clause (room up to {fmt(clause[0]?.room, 1)} % of GDP a year):{" "}
          {clause.map((c) => `${c.year}: covers ${fmt(c.covered, 2)} pp`).join("; ")}. After {clause.at(-1)?.year}, all extra spending is
          outside it.
        </p>
      ) : (
        <p data-testid="eu-clause">The escape clause was not activated for this ally.</p>
      )}
      {a.safe ? (
        <p data-testid="eu-safe">
          SAFE loan, tentative allocation: €{fmt(a.safe.tentativeEurBn, 2)} bn
          {a.safe.approvedPlanEurBn !== null ? ` (approved plan: €${fmt(a.safe.approvedPlanEurBn, 2)} bn)` : ""}, against €
          {fmt(toReview, 2)} bn of extra spending to {reviewYear}.
        </p>
      ) : (
        <p data-testid="eu-safe">No SAFE allocation for this ally.</p>
      )}
      <ul class="caveats">
        {EU_INSTRUMENT_CAVEATS.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
    </div>
  );
}
