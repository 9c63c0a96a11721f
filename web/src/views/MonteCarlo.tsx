import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import {
  FORECAST_LEVELS,
  FORECAST_PROBABILITIES_SPEC,
  forecastProbabilityRows,
  type ModelRun,
} from "../../../src/core/forecast/forecast-tables.ts";
import { planForecastSetup, type RegistryPlan } from "../../../src/core/forecast/plan-models.ts";
import { trajectorySetup } from "../../../src/core/forecast/trajectory-models.ts";
import { hagueFigures } from "../../../src/core/hague-figures.ts";
import type { PathwaySet } from "../../../src/core/pathway.ts";
import { calibrateVolatility } from "../../../src/core/simulation-calibration.ts";
import { DEFAULT_FORECAST_MODEL, type ForecastModel, MODEL_ASSUMPTIONS } from "../../../src/model/forecast-models.ts";
import type { PathwayRequest } from "../../../src/model/pathway.ts";
import type { PlanSummary } from "../../../src/model/plan.ts";
import { type FanRow, type FanSeries, ForecastFanChart } from "../charts/ForecastFanChart.tsx";
import { SERIES_COLOURS } from "../charts/palette.ts";
import { DataTable } from "../components/DataTable.tsx";
import { Figure } from "../components/Figure.tsx";
import { NumberSlider } from "../components/NumberSlider.tsx";
import { useApp } from "../context.ts";
import { fmt } from "../lib/format.ts";
import { apiJson } from "../lib/session.ts";
import type { ModelRunRequest, SimulationMessage, SimulationRequest } from "../lib/simulation.worker.ts";
import { specColumns, specCsvColumns } from "../lib/spec-columns.ts";

const PS = [...FORECAST_LEVELS];
const P = PS.length;
const MODEL_LABELS: Record<ForecastModel, string> = {
  path: "On the path",
  trajectory: "On its current trajectory",
  plan: "On its declared plan",
};
const MODEL_COLOURS: Record<ForecastModel, string> = { path: SERIES_COLOURS[0], trajectory: SERIES_COLOURS[1], plan: SERIES_COLOURS[2] };

type Run =
  | { status: "running"; done: number; total: number }
  | {
      status: "done";
      results: { model: ForecastModel; result: ModelRun["result"]; ms: number }[];
      ms: number;
      /** The run's own settings: the inputs may have moved on while the next run waits to start. */
      paths: number;
      seed: number;
    }
  | { status: "error"; message: string };

function fanRows(years: Int32Array, values: Float64Array, scale = 1): FanRow[] {
  return Array.from(years, (year, k) => {
    const at = (i: number) => (values[k * P + i] as number) * scale;
    return { year, p5: at(0), p25: at(1), p50: at(2), p75: at(3), p95: at(4) };
  });
}

/**
 * The three projections around the planner's paths, in a Web Worker: on the path, on the current
 * trajectory, and on the declared plan (when the server's registry is reachable). Any change of the
 * paths or of the run's settings terminates a running worker and starts the run after a short pause,
 * in the worker of the last finished run when there is one.
 */
export function MonteCarlo({ set, official, imf, request }: { set: PathwaySet; official: string; imf: string; request?: PathwayRequest }) {
  const { ds, api, state, update } = useApp();
  const [run, setRun] = useState<Run | null>(null);
  const [plans, setPlans] = useState<RegistryPlan[] | null>(null);
  const calibration = useMemo(() => {
    const older = ds
      .natoVintages()
      .filter((v) => v.status === "official" && v.id !== official)
      .at(-1);
    return calibrateVolatility(ds, { imfVintageId: imf, fromVintage: older?.id ?? official, toVintage: official, firstYear: 2000 });
  }, [ds, official, imf]);
  /** How many allies shown have a usable plan (null until a run has looked). */
  const [withPlan, setWithPlan] = useState<number | null>(null);

  // The plan registry lives on the server; the static site has none, and says so.
  useEffect(() => {
    if (!api) return;
    const ctl = new AbortController();
    apiJson<{ plans: PlanSummary[] }>("plans?limit=500", { signal: ctl.signal }).then(
      (r) => setPlans(r.plans.filter((p) => p.latest.status === "active").map((p) => p.latest)),
      () => setPlans([]),
    );
    return () => ctl.abort();
  }, [api]);

  /** The worker of the last finished run, kept warm for the next; stopped when the view goes. */
  const warm = useRef<Worker | null>(null);
  useEffect(
    () => () => {
      warm.current?.terminate();
      warm.current = null;
    },
    [],
  );

  useEffect(() => {
    /** The worker of the run in progress: a change of the inputs stops it. */
    let worker: Worker | null = null;
    // Set up after the pause, not while rendering: a slider's every step must stay within a frame.
    const timer = setTimeout(() => {
      const trajectory = trajectorySetup(ds, set.vintageId, set.allies);
      const planSetup = plans && request ? planForecastSetup(ds, request, set, plans, calibration.execution.medianLogRevision) : null;
      setWithPlan(planSetup ? planSetup.paths.length : null);
      const runs: ModelRunRequest[] = [
        { model: "path", paths: set.allies, models: {} },
        { model: "trajectory", paths: set.allies, models: trajectory.models },
        ...(planSetup?.paths.length ? [{ model: "plan" as const, paths: planSetup.paths, models: planSetup.models }] : []),
      ];
      const w = warm.current ?? new Worker(new URL("../lib/simulation.worker.ts", import.meta.url), { type: "module" });
      warm.current = null;
      worker = w;
      const message: SimulationRequest = { runs, calibration, options: { paths: state.paths, seed: state.seed, percentiles: PS } };
      setRun({ status: "running", done: 0, total: runs.reduce((n, r) => n + r.paths.length, 0) });
      w.onmessage = (e: MessageEvent<SimulationMessage>) => {
        const m = e.data;
        if (m.type === "progress") setRun({ status: "running", done: m.done, total: m.total });
        else if (m.type === "result")
          setRun({ status: "done", results: m.results, ms: m.ms, paths: message.options.paths, seed: message.options.seed });
        else setRun({ status: "error", message: m.message });
        if (m.type === "progress") return;
        worker = null;
        // A worker that finished is kept for the next run: its compiled code makes the next run's first
        // model two to three times as fast as in a new worker (bench/dashboard-forecast.bench.ts). One that failed is not reused.
        if (m.type === "result") {
          warm.current?.terminate();
          warm.current = w;
        } else w.terminate();
      };
      w.onerror = (e) => {
        // An idle warm worker that fails is dropped quietly: the result on screen is its last run's, and good.
        if (worker === w) setRun({ status: "error", message: e.message || "the simulation failed" });
        if (warm.current === w) warm.current = null;
        w.terminate();
      };
      w.postMessage(message);
    }, 250);
    return () => {
      clearTimeout(timer);
      worker?.terminate();
    };
  }, [ds, set, request, plans, calibration, state.paths, state.seed]);

  const hague = hagueFigures(ds);
  const results = run?.status === "done" ? run.results : [];
  const one = set.allies.length === 1 ? set.allies[0] : undefined;
  const series: FanSeries[] = results.flatMap(({ model, result }) => {
    const label = MODEL_LABELS[model];
    const colour = MODEL_COLOURS[model];
    if (one) {
      const a = result.allies.find((x) => x.ally === one.ally);
      return a ? [{ id: model, label, colour, rows: fanRows(a.years, a.coreSharePct) }] : [];
    }
    // The alliance total only where a model covers every ally the planner shows.
    return result.alliance && result.allies.length === set.allies.length
      ? [{ id: model, label, colour, rows: fanRows(result.alliance.years, result.alliance.coreUsdCurrentM, 1 / 1000) }]
      : [];
  });
  const names = new Map(ds.allies.map((a) => [a.iso3, a.name]));
  const runs: ModelRun[] = results.map((r) => ({ model: r.model, result: r.result, names, reviewYear: hague.reviewYear }));
  const probabilities = forecastProbabilityRows(runs);
  const path = results.find((r) => r.model === DEFAULT_FORECAST_MODEL)?.result.allies.find((a) => a.ally === one?.ally);
  // The figures shown are the last finished run's: its path count, not the slider's while the next run waits.
  const shownPaths = (run?.status === "done" ? run.paths : state.paths).toLocaleString("en");
  const title = one
    ? `${one.name}: core share of GDP under three assumptions, ${shownPaths} simulated paths each`
    : `Alliance core spending ($bn current) under each assumption that covers every ally shown, ${shownPaths} paths each`;
  const sources = [
    ds.source(ds.vintage(official)?.sourceId ?? ""),
    ds.source(ds.vintage(imf)?.sourceId ?? ""),
    ds.source(ds.vintages.findLast((v) => v.series === "sipri")?.sourceId ?? ""),
  ];
  const planNote = !api
    ? "On its declared plan: not run here. The plan registry is kept by the Pledge server; this read-only copy has none."
    : withPlan === 0
      ? "On its declared plan: no ally shown has a plan in the registry with a year after the base year."
      : null;

  return (
    <div>
      <div class="controls">
        <NumberSlider
          id="paths"
          label="Simulated paths"
          min={1000}
          max={100000}
          step={1000}
          value={state.paths}
          onInput={(v) => update({ paths: Math.round(v) })}
        />
        <label for="seed">
          Seed
          <input
            id="seed"
            type="number"
            min={0}
            max={4294967295}
            step={1}
            value={state.seed}
            onInput={(e) => {
              const n = Number(e.currentTarget.value);
              if (Number.isInteger(n) && n >= 0 && n <= 4294967295) update({ seed: n });
            }}
          />
        </label>
      </div>
      <div class="progress" aria-live="polite">
        {run?.status === "running" ? (
          <>
            <label for="mc-progress">Simulating…</label>
            <progress id="mc-progress" max={run.total} value={run.done} />
            <span>
              {run.done} of {run.total} ally runs
            </span>
          </>
        ) : run?.status === "done" ? (
          <span
            data-testid="mc-done"
            data-seed={run.seed}
            {...Object.fromEntries(results.map((r) => [`data-ms-${r.model}`, r.ms.toFixed(1)]))}
          >
            {run.paths.toLocaleString("en")} paths per model, seed {run.seed}, {results.length} models in {fmt(run.ms, 0)} ms
          </span>
        ) : run?.status === "error" ? (
          <span class="error" role="alert">
            The simulation failed: {run.message}
          </span>
        ) : (
          <span>Simulation starts when the parameters settle…</span>
        )}
      </div>
      {one && path ? (
        <p>
          On its current trajectory (the backtested default, docs/forecast.md), probability of reaching {fmt(path.targetPct, 1)}% by{" "}
          {path.targetYear}:{" "}
          <span class="prob" data-testid="mc-probability">
            {fmt(path.pTargetByTargetYear * 100, 0)}%
          </span>
          ; by the {hague.reviewYear} review: {path.pTargetByReviewYear === null ? "–" : `${fmt(path.pTargetByReviewYear * 100, 0)}%`}.
          <br />
          <small>
            Each model answers a different question; the table below gives all three, and the sentence under the chart says what each
            assumes.
          </small>
        </p>
      ) : null}
      {series.length ? (
        <Figure
          id="fan"
          title={title}
          subtitle="Three projections, each named for what it assumes; the trajectory is the model checked against history (pledge backtest)."
          sources={sources}
          table={{
            title,
            columns: [
              { key: "model", header: "Model" },
              { key: "year", header: "Year" },
              ...PS.map((p) => ({ key: `p${p}`, header: `p${p}`, numeric: true, show: (v: unknown) => fmt(v as number, 2) })),
            ],
            rows: series.flatMap((s) => s.rows.map((r) => ({ model: s.label, ...r }))),
          }}
        >
          <ForecastFanChart
            title={title}
            series={series}
            yLabel={one ? "% of GDP" : "$bn current"}
            target={one ? one.target.corePct : undefined}
          />
        </Figure>
      ) : null}
      <ul class="assumptions" data-testid="model-assumptions">
        {(["path", "trajectory", "plan"] as const).map((m) => (
          <li key={m} data-testid={`assumes-${m}`}>
            <span style={{ color: MODEL_COLOURS[m] }}>■</span> {m === "plan" && planNote ? planNote : MODEL_ASSUMPTIONS[m]}
          </li>
        ))}
      </ul>
      {probabilities.length ? (
        <DataTable
          compact
          id="forecast-probabilities"
          spec={{
            title: `Probability of reaching the core target by and in the target year, and by the ${hague.reviewYear} review, under each assumption`,
            columns: specColumns(FORECAST_PROBABILITIES_SPEC).map((c) =>
              c.key.startsWith("p_") ? { ...c, show: (v: unknown) => (v === null ? "–" : `${fmt((v as number) * 100, 0)}%`) } : c,
            ),
            csvColumns: specCsvColumns(FORECAST_PROBABILITIES_SPEC),
            rows: probabilities.map((r) => ({ ...r })),
          }}
        />
      ) : null}
    </div>
  );
}
