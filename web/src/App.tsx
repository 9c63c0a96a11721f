import { lazy, Suspense } from "preact/compat";
import { useCallback, useEffect, useMemo, useState } from "preact/hooks";
import type { Dataset } from "../../src/model/dataset.ts";
import { Loading } from "./components/Loading.tsx";
import { Ctx } from "./context.ts";
import { detectApi, loadDataset } from "./lib/data.ts";
import { type AppState, decodeState, encodeState, type View } from "./lib/state.ts";
import { AllyView } from "./views/AllyView.tsx";
import { Overview } from "./views/Overview.tsx";
import { SourcesView } from "./views/SourcesView.tsx";

// The planner and the scenario comparison carry the pathway engine and its schemas: loaded on demand.
const Planner = lazy(() => import("./views/Planner.tsx").then((m) => ({ default: m.Planner })));
const CompareView = lazy(() => import("./views/CompareView.tsx").then((m) => ({ default: m.CompareView })));

const NAV: { view: View; label: string }[] = [
  { view: "overview", label: "Overview" },
  { view: "ally", label: "Ally" },
  { view: "planner", label: "Planner" },
  { view: "compare", label: "Compare" },
  { view: "sources", label: "Sources" },
];

export function App() {
  const [ds, setDs] = useState<Dataset | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [api, setApi] = useState<boolean | null>(null);
  const [state, setState] = useState<AppState>(() => decodeState(location.hash));

  useEffect(() => {
    loadDataset().then(setDs, (e: Error) => setError(e.message));
    detectApi().then(setApi);
    const onHash = () => setState(decodeState(location.hash));
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, []);

  const update = useCallback((change: Partial<AppState>, push = false) => {
    setState((s) => {
      const next = { ...s, ...change };
      const hash = encodeState(next);
      if (hash !== location.hash) history[push ? "pushState" : "replaceState"](null, "", hash);
      return next;
    });
  }, []);

  useEffect(() => {
    const label = NAV.find((n) => n.view === state.view)?.label ?? "";
    document.title = `${label} — Pledge: NATO defence spending`;
  }, [state.view]);

  const vintage = useMemo(() => {
    if (!ds) return "";
    const v = ds.vintage(state.vintage);
    return v?.series === "nato" ? v.id : ds.latestNatoVintage().id;
  }, [ds, state.vintage]);

  const ctx = useMemo(() => (ds ? { ds, api, state, update, vintage } : null), [ds, api, state, update, vintage]);

  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <div class="brand">
          <strong>Pledge</strong> <span>NATO allies' defence spending against the 2%, 20% and Hague 3.5% + 1.5% guidelines</span>
        </div>
        <nav aria-label="Views">
          <ul>
            {NAV.map((n) => (
              <li key={n.view}>
                <a
                  href={encodeState({ ...state, view: n.view })}
                  aria-current={state.view === n.view ? "page" : undefined}
                  onClick={(e) => {
                    e.preventDefault();
                    update({ view: n.view }, true);
                  }}
                >
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {error ? (
          <div class="error" role="alert">
            <h2>The data could not be loaded</h2>
            <p>{error}</p>
            <button type="button" onClick={() => location.reload()}>
              Try again
            </button>
          </div>
        ) : !ctx ? (
          <Loading what="the dataset" />
        ) : (
          <Ctx.Provider value={ctx}>
            <Suspense fallback={<Loading what="this view" />}>
              {state.view === "overview" ? <Overview /> : null}
              {state.view === "ally" ? <AllyView /> : null}
              {state.view === "planner" ? <Planner /> : null}
              {state.view === "compare" ? <CompareView /> : null}
              {state.view === "sources" ? <SourcesView /> : null}
            </Suspense>
          </Ctx.Provider>
        )}
      </main>
      <footer class="foot">
        <p>
          Figures: NATO, SIPRI and IMF releases as published; every number links to its source. Estimates are marked “e”; absent figures are
          shown as “–”, never as zero. Iceland has no armed forces: the spending guidelines do not apply to it.
        </p>
      </footer>
    </>
  );
}
