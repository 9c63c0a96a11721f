import { lazy, Suspense } from "preact/compat";
import { useCallback, useEffect, useMemo, useState } from "preact/hooks";
import type { Dataset } from "../../src/model/dataset.ts";
import { Loading } from "./components/Loading.tsx";
import { SignIn } from "./components/SignIn.tsx";
import { Ctx } from "./context.ts";
import { detectApi, loadDataset, SignInRequired } from "./lib/data.ts";
import { type SessionUser, whoAmI } from "./lib/session.ts";
import { type AppState, decodeState, encodeState, type View } from "./lib/state.ts";
import { AllyView } from "./views/AllyView.tsx";
import { Overview } from "./views/Overview.tsx";
import { SourcesView } from "./views/SourcesView.tsx";

// The planner and the scenario comparison carry the pathway engine and its schemas: loaded on demand.
const Planner = lazy(() => import("./views/Planner.tsx").then((m) => ({ default: m.Planner })));
const CompareView = lazy(() => import("./views/CompareView.tsx").then((m) => ({ default: m.CompareView })));
const ClassifyView = lazy(() => import("./views/ClassifyView.tsx").then((m) => ({ default: m.ClassifyView })));
// The alliance over time and NATO's tables: loaded when the view opens.
const AllianceView = lazy(() => import("./views/AllianceView.tsx").then((m) => ({ default: m.AllianceView })));
// The claim checker carries the parser: loaded when the view opens.
const CheckView = lazy(() => import("./views/CheckView.tsx").then((m) => ({ default: m.CheckView })));
const AffordabilityView = lazy(() => import("./views/AffordabilityView.tsx").then((m) => ({ default: m.AffordabilityView })));

const NAV: { view: View; label: string }[] = [
  { view: "overview", label: "Overview" },
  { view: "ally", label: "Ally" },
  { view: "planner", label: "Planner" },
  { view: "compare", label: "Compare" },
  { view: "alliance", label: "Alliance" },
  { view: "afford", label: "Affordability" },
  { view: "classify", label: "Classify" },
  { view: "check", label: "Check a claim" },
  { view: "sources", label: "Sources" },
];

export function App() {
  const [ds, setDs] = useState<Dataset | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [api, setApi] = useState<boolean | null>(null);
  const [state, setState] = useState<AppState>(() => decodeState(location.hash));
  const [user, setUser] = useState<SessionUser | null>(null);
  /** True once the dataset answered 401: a private server (`pledge serve --private`) that needs a signed-in user. */
  const [locked, setLocked] = useState(false);
  const [privateServer, setPrivateServer] = useState(false);

  const load = useCallback(() => {
    setError(null);
    loadDataset().then(
      (d) => {
        setLocked(false);
        setDs(d);
      },
      (e: Error) => {
        if (e instanceof SignInRequired) {
          setPrivateServer(true);
          setLocked(true);
        } else setError(e.message);
      },
    );
  }, []);

  useEffect(() => {
    // The session is restored from its cookie; a static copy has no API and is never asked. A private
    // server says so in its health answer, so the page asks for the figures only once someone is signed in.
    detectApi().then(async (status) => {
      setApi(status.available);
      const who = status.available ? await whoAmI() : null;
      setUser(who);
      if (!status.publicReads) {
        setPrivateServer(true);
        if (!who) {
          setLocked(true);
          return;
        }
      }
      load();
    });
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

  // A chart-only page (the embed snippet's iframe) shows one figure without the page around it.
  useEffect(() => {
    document.documentElement.classList.toggle("embed", state.embed !== "");
  }, [state.embed]);

  useEffect(() => {
    const label = NAV.find((n) => n.view === state.view)?.label ?? "";
    document.title = `${label} — Pledge: NATO defence spending`;
  }, [state.view]);

  const vintage = useMemo(() => {
    if (!ds) return "";
    const v = ds.vintage(state.vintage);
    return v?.series === "nato" ? v.id : ds.latestNatoVintage().id;
  }, [ds, state.vintage]);

  const onUser = useCallback(
    (u: SessionUser | null) => {
      setUser(u);
      if (u && locked) load();
      // Signed out of a private server: its figures are for signed-in users only.
      if (!u && privateServer) {
        setDs(null);
        setLocked(true);
      }
    },
    [locked, privateServer, load],
  );

  const ctx = useMemo(
    () => (ds ? { ds, api, state, update, vintage, user, setUser: onUser } : null),
    [ds, api, state, update, vintage, user, onUser],
  );

  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <h1 class="brand">
          <strong>Pledge</strong> <span>NATO allies' defence spending against the 2%, 20% and Hague 3.5% + 1.5% guidelines</span>
        </h1>
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
        {api && !(locked && !user) ? <SignIn user={user} onUser={onUser} variant="header" /> : null}
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
        ) : locked && !user ? (
          <section class="private" aria-labelledby="private-h" data-testid="private">
            <h2 id="private-h">Sign in to see the figures</h2>
            <p>
              This Pledge server is private: its figures, plans and scenarios are shown to signed-in users only. Sign in with the name and
              password your administrator gave you (<code>pledge user add</code>).
            </p>
            <SignIn user={null} onUser={onUser} variant="page" />
          </section>
        ) : !ctx ? (
          <Loading what="the dataset" />
        ) : (
          <Ctx.Provider value={ctx}>
            <Suspense fallback={<Loading what="this view" />}>
              {state.view === "overview" ? <Overview /> : null}
              {state.view === "ally" ? <AllyView /> : null}
              {state.view === "planner" ? <Planner /> : null}
              {state.view === "compare" ? <CompareView /> : null}
              {state.view === "alliance" ? <AllianceView /> : null}
              {state.view === "classify" ? <ClassifyView /> : null}
              {state.view === "check" ? <CheckView /> : null}
              {state.view === "sources" ? <SourcesView /> : null}
              {state.view === "afford" ? <AffordabilityView /> : null}
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
