import { useEffect, useState } from "preact/hooks";
import type { PlanAssessment as Assessment } from "../../../src/core/plan-assessment.ts";
import type { AmountRestatement, PlanCredibility } from "../../../src/core/plan-credibility.ts";
import type { PlanVersion } from "../../../src/model/plan.ts";
import { LineChart, type Series } from "../charts/LineChart.tsx";
import { DataTable } from "../components/DataTable.tsx";
import { Figure } from "../components/Figure.tsx";
import { useApp } from "../context.ts";
import { fmt, yesNo } from "../lib/format.ts";
import { ApiFailure, apiJson } from "../lib/session.ts";

interface AssessmentAnswer {
  planId: string;
  version: number;
  status: string;
  previousPlan: { planId: string; version: number } | null;
  actualsVintage: string;
  gdpVintage: string;
  assessment: Assessment;
  restatements: AmountRestatement[];
  credibility: PlanCredibility;
}

interface PlanRecord {
  planId: string;
  history: PlanVersion[];
}

const pp = (v: number | null | undefined) => (v === null || v === undefined ? "–" : `${v > 0 ? "+" : ""}${fmt(v, 2)}`);

/**
 * The server's assessment of a plan (`GET /api/v1/plans/{id}/assessment`) and its version history
 * (`GET /api/v1/plans/{id}`): incremental, reaches the Hague targets, back-loading, the core share
 * against the linear path and against actuals, slippage against the previous plan.
 */
export function PlanAssessment({ planId, version, status, refresh }: { planId: string; version: number; status: string; refresh: number }) {
  const { setUser } = useApp();
  const [answer, setAnswer] = useState<AssessmentAnswer | null>(null);
  const [record, setRecord] = useState<PlanRecord | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const ctl = new AbortController();
    const id = encodeURIComponent(planId);
    setError(null);
    Promise.all([
      apiJson<AssessmentAnswer>(`plans/${id}/assessment`, { signal: ctl.signal }),
      apiJson<PlanRecord>(`plans/${id}`, { signal: ctl.signal }),
    ]).then(
      ([a, r]) => {
        setAnswer(a);
        setRecord(r);
      },
      (e: Error) => {
        if (e.name === "AbortError") return;
        if (e instanceof ApiFailure && e.status === 401) setUser(null);
        setError(`the assessment of ${planId} could not be loaded (${e.message})`);
      },
    );
    return () => ctl.abort();
  }, [planId, version, status, refresh, setUser]);

  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!answer || !record)
    return (
      <p class="loading" role="status">
        Loading the assessment of {planId}…
      </p>
    );
  const a = answer.assessment;
  const t = a.targets;
  const slug = `assess-${planId}`;
  const path = new Map(a.distanceFromLinearPathPp.map((d) => [d.year, d]));
  const actual = new Map(a.vsActuals.map((d) => [d.year, d]));
  const series: Series[] = [
    {
      id: "plan",
      label: `${planId} core share`,
      points: a.shares.flatMap((s) => (s.corePct === null ? [] : [{ x: s.year, y: s.corePct }])),
    },
    {
      id: "path",
      label: `Linear path to ${t.corePct}% by ${t.year}`,
      points: a.distanceFromLinearPathPp.map((d) => ({ x: d.year, y: d.pathPct })),
      dashed: true,
    },
    { id: "actual", label: `Actual (NATO ${answer.actualsVintage})`, points: a.vsActuals.map((d) => ({ x: d.year, y: d.actualPct })) },
  ].filter((s) => s.points.length);
  if (answer.previousPlan && a.vsPrevious.length) {
    const core = new Map(a.shares.map((s) => [s.year, s.corePct]));
    series.push({
      id: "previous",
      label: `Previous plan ${answer.previousPlan.planId}`,
      points: a.vsPrevious.flatMap((d) => {
        const c = core.get(d.year);
        return c === null || c === undefined ? [] : [{ x: d.year, y: c - d.corePp }];
      }),
      dashed: true,
    });
  }
  const title = `${planId}: planned core share of GDP against the linear path and actuals`;
  const fraction = a.fractionOfIncreaseAfter2029;

  return (
    <section class="assessment" aria-labelledby={`${slug}-h`} data-testid={slug}>
      <h5 id={`${slug}-h`}>
        Assessment of version {answer.version} ({answer.status})
      </h5>
      <dl class="flags">
        <div>
          <dt>Incremental (the core share never falls)</dt>
          <dd data-testid="assess-incremental" data-value={yesNo(a.incremental)}>
            {yesNo(a.incremental)}
            {a.fallingYears.length ? <span class="flag-note"> — falls in {a.fallingYears.join(", ")}</span> : null}
          </dd>
        </div>
        <div>
          <dt>
            Reaches {t.corePct}% core by {t.year}
          </dt>
          <dd data-testid="assess-core" data-value={yesNo(a.reachesCore35By2035)}>
            {yesNo(a.reachesCore35By2035)}
          </dd>
        </div>
        <div>
          <dt>
            Reaches {t.totalPct}% in all by {t.year}
          </dt>
          <dd data-testid="assess-total" data-value={yesNo(a.reachesTotal5By2035)}>
            {yesNo(a.reachesTotal5By2035)}
          </dd>
        </div>
        <div>
          <dt>Back-loaded (most of the increase after {t.reviewYear})</dt>
          <dd data-testid="assess-backloaded" data-value={yesNo(a.backLoaded)}>
            {yesNo(a.backLoaded)}
            {fraction !== null ? (
              <span class="flag-note">
                {" "}
                — {fmt(fraction * 100, 0)}% of the increase after {t.reviewYear}
              </span>
            ) : null}
          </dd>
        </div>
      </dl>
      <div class="credibility" data-testid={`${slug}-credibility`}>
        <p>
          Credibility:{" "}
          <strong data-testid="credibility-grade" data-value={answer.credibility.grade}>
            {answer.credibility.grade}
          </strong>{" "}
          ({answer.credibility.concerns} concern{answer.credibility.concerns === 1 ? "" : "s"}; A none, B one, C two or three, D four or
          more). The grade only sums up the reasons:
        </p>
        <ul aria-label={`Why ${planId} is graded ${answer.credibility.grade}`}>
          {answer.credibility.reasons.map((r) => (
            <li key={`${r.code}-${r.text}`} data-testid={`reason-${r.code}`} class={r.concern ? "concern" : "support"}>
              {r.concern ? "Concern: " : "Supports: "}
              {r.text}
            </li>
          ))}
        </ul>
      </div>
      {answer.restatements.length ? (
        <DataTable
          id={`${slug}-restated`}
          spec={{
            title: `${planId}: planned amounts restated as shares of the IMF's and of NATO's GDP (national budget figures are not NATO-definition figures)`,
            file: `plan-${planId}-restated`,
            columns: [
              { key: "year", header: "Year" },
              { key: "amount", header: "Amount (bn national currency)", numeric: true, show: (v) => fmt(v as number, 2) },
              { key: "imf", header: "% of IMF GDP", numeric: true, show: (v) => fmt(v as number | null, 2) },
              { key: "nato", header: "% of NATO GDP", numeric: true, show: (v) => fmt(v as number | null, 2) },
              { key: "claimed", header: "Claimed %", numeric: true, show: (v) => fmt(v as number | null, 2) },
              { key: "definition", header: "Definition" },
              { key: "compared", header: "Set against the claim" },
            ],
            rows: answer.restatements.map((r) => ({
              year: r.year,
              amount: r.amountNcBn,
              imf: r.pctOfImfGdp,
              nato: r.pctOfNatoGdp,
              claimed: r.claimedPct,
              definition: r.definition === "nato" ? "NATO (as claimed)" : r.definition === "national" ? "national budget" : "not stated",
              compared: r.claimedPct === null ? "–" : r.comparable ? "yes" : "no: a different measure",
            })),
          }}
        />
      ) : null}
      <Figure
        id={slug}
        title={title}
        subtitle={`Shares of GDP; actuals from NATO ${answer.actualsVintage}, GDP for plans in amounts from IMF ${answer.gdpVintage}.`}
        sources={[]}
        table={{
          title: `${planId}: assessment by year`,
          file: `plan-${planId}-assessment`,
          columns: [
            { key: "year", header: "Year" },
            { key: "core", header: "Core %", numeric: true, show: (v) => fmt(v as number | null) },
            { key: "total", header: "Total %", numeric: true, show: (v) => fmt(v as number | null) },
            { key: "path", header: "Linear path %", numeric: true, show: (v) => fmt(v as number | null) },
            { key: "fromPath", header: "From path (pp)", numeric: true, show: (v) => pp(v as number | null) },
            { key: "actual", header: "Actual %", numeric: true, show: (v) => fmt(v as number | null) },
            { key: "fromActual", header: "Plan − actual (pp)", numeric: true, show: (v) => pp(v as number | null) },
          ],
          rows: a.shares.map((s) => ({
            year: s.year,
            core: s.corePct,
            total: s.totalPct,
            path: path.get(s.year)?.pathPct ?? null,
            fromPath: path.get(s.year)?.distancePp ?? null,
            actual: actual.get(s.year)?.actualPct ?? null,
            fromActual: actual.get(s.year)?.differencePp ?? null,
          })),
        }}
      >
        <LineChart title={title} series={series} yLabel="% of GDP" decimals={2} references={[{ y: t.corePct, label: `${t.corePct}%` }]} />
      </Figure>
      {answer.previousPlan ? (
        a.vsPrevious.length ? (
          <DataTable
            id={`${slug}-previous`}
            spec={{
              title: `Against the previous plan ${answer.previousPlan.planId} (version ${answer.previousPlan.version}): negative = slipping`,
              file: `plan-${planId}-vs-previous`,
              columns: [
                { key: "year", header: "Year" },
                { key: "corePp", header: "Core (pp)", numeric: true, show: (v) => pp(v as number) },
                { key: "totalPp", header: "Total (pp)", numeric: true, show: (v) => pp(v as number | null) },
                { key: "slipping", header: "Slipping" },
              ],
              rows: a.vsPrevious.map((d) => ({
                year: d.year,
                corePp: d.corePp,
                totalPp: d.totalPp,
                slipping: d.corePp < 0 ? "yes" : "no",
              })),
            }}
          />
        ) : (
          <p class="note">The previous plan {answer.previousPlan.planId} shares no year with this one.</p>
        )
      ) : null}
      {!answer.previousPlan ? <p class="note">No earlier plan of this ally to compare with.</p> : null}
      {a.gaps.length ? (
        <ul class="gaps" aria-label={`What the assessment of ${planId} could not compute`}>
          {a.gaps.map((g, i) => (
            <li key={i}>
              {g.year} ({g.plan === "this" ? "this plan" : "previous plan"}): {g.reason}
            </li>
          ))}
        </ul>
      ) : null}
      <DataTable
        id={`${slug}-history`}
        spec={{
          title: `${planId}: version history`,
          file: `plan-${planId}-history`,
          columns: [
            { key: "version", header: "Version", numeric: true },
            { key: "status", header: "Status" },
            { key: "createdAt", header: "Recorded (UTC)", show: (v) => String(v).replace("T", " ").slice(0, 16) },
            { key: "createdBy", header: "By" },
            { key: "years", header: "Years", numeric: true },
            { key: "notes", header: "Notes" },
          ],
          rows: record.history.map((h) => ({
            version: h.version,
            status: h.status,
            createdAt: h.createdAt,
            createdBy: h.createdBy,
            years: h.years.length,
            notes: h.notes,
          })),
        }}
      />
    </section>
  );
}
