import { lazy, Suspense } from "preact/compat";
import { useCallback, useEffect, useState } from "preact/hooks";
import type { PlanSummary } from "../../../src/model/plan.ts";
import { planSourceLabel, SEED_ACTOR } from "../../../src/model/plan-claim.ts";
import { DataTable } from "../components/DataTable.tsx";
import { Loading } from "../components/Loading.tsx";
import { useApp } from "../context.ts";
import { flagMark, fmt } from "../lib/format.ts";
import { ApiFailure, apiJson, canEdit } from "../lib/session.ts";

// The editor (only for those who may edit the ally) and the assessment are loaded on demand.
const PlanEditor = lazy(() => import("./PlanEditor.tsx").then((m) => ({ default: m.PlanEditor })));
const PlanAssessment = lazy(() => import("./PlanAssessment.tsx").then((m) => ({ default: m.PlanAssessment })));

/** The ally's annual plans against NATO's actual figures, their assessment and history, and (for its editors) the editor. */
export function AllyPlans({ ally }: { ally: string }) {
  const { ds, api, vintage, user, setUser } = useApp();
  const [plans, setPlans] = useState<PlanSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Bumped after every write: the list and every assessment are fetched again. */
  const [rev, setRev] = useState(0);
  const refresh = useCallback(() => setRev((r) => r + 1), []);

  useEffect(() => {
    if (!api) return;
    setError(null);
    const ctl = new AbortController();
    apiJson<{ plans: PlanSummary[] }>(`plans?ally=${encodeURIComponent(ally)}`, { signal: ctl.signal }).then(
      (r) => setPlans(r.plans),
      (e: Error) => {
        if (e.name === "AbortError") return;
        if (e instanceof ApiFailure && e.status === 401) setUser(null);
        setError(`the plans could not be loaded (${e.message})`);
      },
    );
    return () => ctl.abort();
  }, [api, ally, rev, setUser]);
  // A new ally starts from "loading", not from the previous ally's plans.
  useEffect(() => setPlans(null), [ally]);

  if (api === null) return null;
  if (!api)
    return (
      <section class="notice" aria-labelledby="plans-h" data-testid="plans-unavailable">
        <h3 id="plans-h">Annual plans</h3>
        <p>
          Allies' annual plans are kept by the Pledge server. This is a read-only copy of the published figures, so plans are not shown
          here; run <code>pledge serve</code> to see them.
        </p>
      </section>
    );
  const editable = canEdit(user, ally);
  return (
    <section aria-labelledby="plans-h" data-testid="plans" class="plans">
      <h3 id="plans-h">Annual plans against actual spending</h3>
      {editable && plans ? (
        <Suspense fallback={<Loading what="the plan editor" />}>
          <PlanEditor ally={ally} plans={plans} onSaved={refresh} />
        </Suspense>
      ) : null}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : !plans ? (
        <p class="loading" role="status">
          Loading plans…
        </p>
      ) : !plans.length ? (
        <p class="note" data-testid="no-plans">
          No annual plan has been recorded for this ally.
        </p>
      ) : (
        plans.map((p) => {
          const v = p.latest;
          const share = v.unit === "share";
          const actualObs = (year: number) => ds.get(vintage, ally, share ? "defexp_share_gdp_pct" : "defexp_nc_current", year);
          const unit = share ? "% of GDP" : "million national currency";
          return (
            <article key={p.planId} class="plan" data-testid={`plan-${p.planId}`} aria-labelledby={`plan-${p.planId}-h`}>
              <h4 id={`plan-${p.planId}-h`}>
                Plan {p.planId} <span class="badge">version {v.version}</span>{" "}
                <span class={`badge status-${v.status}`} data-testid="plan-status">
                  {v.status}
                </span>{" "}
                {v.createdBy === SEED_ACTOR ? (
                  <span class="badge claimed" data-testid="plan-claimed">
                    claimed by the ally
                  </span>
                ) : null}
              </h4>
              <p class="note">
                Submitted {p.submissionYear}; version {v.version} recorded by {v.createdBy} on {v.createdAt.slice(0, 10)}.
                {v.createdBy === SEED_ACTOR
                  ? " Loaded from the ally's published statements: figures claimed by the ally, not assessed by NATO."
                  : ""}
              </p>
              {v.notes ? (
                <details class="plan-notes">
                  <summary>Notes{v.createdBy === SEED_ACTOR ? " and every statement behind the plan" : ""}</summary>
                  <p class="notes-text">{v.notes}</p>
                </details>
              ) : null}
              {v.sources.length ? (
                <p class="source">
                  Sources:{" "}
                  {v.sources.map((s, i) => (
                    <span key={i}>
                      {i > 0 ? "; " : ""}
                      {s.url ? (
                        <a href={s.url} rel="noopener noreferrer" target="_blank">
                          {planSourceLabel(s)}
                        </a>
                      ) : (
                        planSourceLabel(s)
                      )}
                    </span>
                  ))}
                </p>
              ) : null}
              <DataTable
                spec={{
                  title: `Plan ${p.planId} (submitted ${p.submissionYear}, version ${v.version}): ${unit}`,
                  file: `plan-${p.planId}-v${v.version}`,
                  columns: [
                    { key: "year", header: "Year" },
                    { key: "planned_core", header: "Planned core", numeric: true, show: (x) => fmt(x as number | null, share ? 2 : 0) },
                    {
                      key: "planned_related",
                      header: "Planned related",
                      numeric: true,
                      show: (x) => fmt(x as number | null, share ? 2 : 0),
                    },
                    {
                      key: "actual_core",
                      header: `Actual (NATO ${vintage})`,
                      numeric: true,
                      show: (x, r) => `${fmt(x as number | null, share ? 2 : 0)}${flagMark(r.actual_estimate as never)}`,
                    },
                  ],
                  // The actual's estimate flag travels with it in the downloads.
                  csvColumns: ["year", "planned_core", "planned_related", "actual_core", "actual_estimate"],
                  rows: v.years.map((y) => ({
                    year: y.year,
                    planned_core: (share ? y.corePct : y.coreNcM) ?? null,
                    planned_related: (share ? y.relatedPct : y.relatedNcM) ?? null,
                    actual_core: actualObs(y.year)?.value ?? null,
                    actual_estimate: actualObs(y.year)?.estimate ?? null,
                  })),
                }}
              />
              <Suspense fallback={<Loading what="the assessment" />}>
                <PlanAssessment planId={p.planId} version={v.version} status={v.status} refresh={rev} />
              </Suspense>
            </article>
          );
        })
      )}
    </section>
  );
}
