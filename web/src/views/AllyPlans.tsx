import { useEffect, useState } from "preact/hooks";
import type { AnnualPlan, PlanYear } from "../../../src/model/plan.ts";
import { DataTable } from "../components/DataTable.tsx";
import { useApp } from "../context.ts";
import { apiUrl } from "../lib/data.ts";
import { fmt } from "../lib/format.ts";

type StoredPlan = AnnualPlan & { planId?: string; id?: string; version?: number; status?: string };

/** The ally's annual plans against NATO's actual figures; needs the Pledge API (hidden in a static build). */
export function AllyPlans({ ally }: { ally: string }) {
  const { ds, api, vintage } = useApp();
  const [plans, setPlans] = useState<StoredPlan[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!api) return;
    setPlans(null);
    setError(null);
    const ctl = new AbortController();
    fetch(apiUrl(`plans?ally=${encodeURIComponent(ally)}`), { signal: ctl.signal })
      .then(async (r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return ((await r.json()) as { plans: StoredPlan[] }).plans;
      })
      .then(setPlans, (e: Error) => {
        if (e.name !== "AbortError") setError(`the plans could not be loaded (${e.message})`);
      });
    return () => ctl.abort();
  }, [api, ally]);

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
  return (
    <section aria-labelledby="plans-h" data-testid="plans">
      <h3 id="plans-h">Annual plans against actual spending</h3>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : !plans ? (
        <p class="loading" role="status">
          Loading plans…
        </p>
      ) : !plans.length ? (
        <p class="note">No annual plan has been recorded for this ally.</p>
      ) : (
        plans.map((p) => {
          const id = p.planId ?? p.id ?? `${p.ally}-${p.submissionYear}`;
          const share = p.unit === "share";
          const actual = (y: PlanYear) =>
            ds.get(vintage, ally, share ? "defexp_share_gdp_pct" : "defexp_nc_current", y.year)?.value ?? null;
          return (
            <DataTable
              key={id}
              spec={{
                title: `Plan ${id} (submitted ${p.submissionYear}${p.version ? `, version ${p.version}` : ""}): ${share ? "% of GDP" : "million national currency"}`,
                caption: (
                  <>
                    Plan {id} (submitted {p.submissionYear}): {share ? "% of GDP" : "million national currency"} —{" "}
                    <a href={apiUrl(`plans/${encodeURIComponent(id)}/assessment`)}>assessment</a>
                  </>
                ),
                columns: [
                  { key: "year", header: "Year" },
                  { key: "planned_core", header: "Planned core", numeric: true, show: (v) => fmt(v as number | null, share ? 2 : 0) },
                  { key: "planned_related", header: "Planned related", numeric: true, show: (v) => fmt(v as number | null, share ? 2 : 0) },
                  {
                    key: "actual_core",
                    header: `Actual (NATO ${vintage})`,
                    numeric: true,
                    show: (v) => fmt(v as number | null, share ? 2 : 0),
                  },
                ],
                rows: p.years.map((y) => ({
                  year: y.year,
                  planned_core: (share ? y.corePct : y.coreNcM) ?? null,
                  planned_related: (share ? y.relatedPct : y.relatedNcM) ?? null,
                  actual_core: actual(y),
                })),
              }}
            />
          );
        })
      )}
    </section>
  );
}
