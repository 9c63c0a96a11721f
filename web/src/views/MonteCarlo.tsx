import { useEffect, useMemo, useState } from "preact/hooks";
import type { PathwaySet } from "../../../src/core/pathway.ts";
import type { SimulationResult } from "../../../src/core/simulation.ts";
import { calibrateVolatility } from "../../../src/core/simulation-calibration.ts";
import { FanChart, type FanRow } from "../charts/FanChart.tsx";
import { DataTable } from "../components/DataTable.tsx";
import { Figure } from "../components/Figure.tsx";
import { NumberSlider } from "../components/NumberSlider.tsx";
import { useApp } from "../context.ts";
import { fmt } from "../lib/format.ts";
import type { SimulationMessage, SimulationRequest } from "../lib/simulation.worker.ts";

const PS = [5, 25, 50, 75, 95];

type Run =
  | { status: "running"; done: number; total: number }
  | { status: "done"; result: SimulationResult; ms: number }
  | { status: "error"; message: string };

function fanRows(years: Int32Array, values: Float64Array, scale = 1): FanRow[] {
  return Array.from(years, (year, k) => {
    const at = (i: number) => (values[k * PS.length + i] as number) * scale;
    return { year, p5: at(0), p25: at(1), p50: at(2), p75: at(3), p95: at(4) };
  });
}

/**
 * The Monte Carlo around the planner's paths, in a Web Worker. Any change of the paths or of the
 * run's settings terminates the running worker (cancelling it) and starts a new one after a short pause.
 */
export function MonteCarlo({ set, official, imf }: { set: PathwaySet; official: string; imf: string }) {
  const { ds, state, update } = useApp();
  const [run, setRun] = useState<Run | null>(null);
  const calibration = useMemo(() => {
    const older = ds
      .natoVintages()
      .filter((v) => v.status === "official" && v.id !== official)
      .at(-1);
    return calibrateVolatility(ds, { imfVintageId: imf, fromVintage: older?.id ?? official, toVintage: official, firstYear: 2000 });
  }, [ds, official, imf]);

  useEffect(() => {
    let worker: Worker | null = null;
    const timer = setTimeout(() => {
      worker = new Worker(new URL("../lib/simulation.worker.ts", import.meta.url), { type: "module" });
      setRun({ status: "running", done: 0, total: set.allies.length });
      worker.onmessage = (e: MessageEvent<SimulationMessage>) => {
        const m = e.data;
        if (m.type === "progress") setRun({ status: "running", done: m.done, total: m.total });
        else if (m.type === "result") setRun({ status: "done", result: m.result, ms: m.ms });
        else setRun({ status: "error", message: m.message });
        if (m.type !== "progress") worker?.terminate();
      };
      worker.onerror = (e) => setRun({ status: "error", message: e.message || "the simulation failed" });
      const request: SimulationRequest = {
        paths: set.allies,
        calibration,
        options: { paths: state.paths, seed: state.seed, percentiles: PS },
      };
      worker.postMessage(request);
    }, 250);
    return () => {
      clearTimeout(timer);
      worker?.terminate();
    };
  }, [set, calibration, state.paths, state.seed]);

  const result = run?.status === "done" ? run.result : null;
  const one = set.allies.length === 1 ? result?.allies[0] : undefined;
  const fan = one
    ? fanRows(one.years, one.coreSharePct)
    : result?.alliance
      ? fanRows(result.alliance.years, result.alliance.coreUsdCurrentM, 1 / 1000)
      : [];
  const title = one
    ? `${set.allies[0]?.name}: core share of GDP, ${state.paths.toLocaleString("en")} simulated paths`
    : `Alliance core spending ($bn current), ${state.paths.toLocaleString("en")} simulated paths`;
  const probabilities = (result?.allies ?? []).map((a) => ({
    ally: a.ally,
    target_pct: a.targetPct,
    target_year: a.targetYear,
    p_target_in_target_year: a.pTargetInTargetYear,
    p_target_in_review_year: a.pTargetInReviewYear,
    p_on_path_at_review: a.pOnPathAtReview,
  }));
  const sources = [ds.source(ds.vintage(official)?.sourceId ?? ""), ds.source(ds.vintage(imf)?.sourceId ?? "")];

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
              {run.done} of {run.total} allies
            </span>
          </>
        ) : run?.status === "done" ? (
          <span data-testid="mc-done">
            {run.result.paths.toLocaleString("en")} paths, seed {run.result.seed}, in {fmt(run.ms, 0)} ms
          </span>
        ) : run?.status === "error" ? (
          <span class="error" role="alert">
            The simulation failed: {run.message}
          </span>
        ) : (
          <span>Simulation starts when the parameters settle…</span>
        )}
      </div>
      {one ? (
        <p>
          Probability of being at or above {fmt(one.targetPct, 1)}% in {one.targetYear}, if the ally budgets on this path:{" "}
          <span class="prob" data-testid="mc-probability">
            {fmt(one.pTargetInTargetYear * 100, 0)}%
          </span>
          <br />
          <small>
            The model spreads GDP and execution surprises around the path the ally follows; a path that ends exactly on the target reaches
            it about half the time. It is not a forecast of whether the ally will follow the path.
          </small>
        </p>
      ) : null}
      {fan.length ? (
        <Figure
          id="fan"
          title={title}
          subtitle="Budgets are set a year ahead as the path's share of the GDP then expected; GDP and execution then miss by log-normal shocks calibrated on IMF and NATO revisions."
          sources={sources}
          table={{
            title,
            columns: [
              { key: "year", header: "Year" },
              ...PS.map((p) => ({ key: `p${p}`, header: `p${p}`, numeric: true, show: (v: unknown) => fmt(v as number, 2) })),
            ],
            rows: fan.map((r) => ({ ...r })),
          }}
        >
          <FanChart title={title} rows={fan} yLabel={one ? "% of GDP" : "$bn current"} target={one?.targetPct} />
        </Figure>
      ) : null}
      {probabilities.length ? (
        <DataTable
          compact
          spec={{
            title: "Probability of being at or above the core target in the year named, if each ally budgets on its path",
            columns: [
              { key: "ally", header: "ISO3" },
              { key: "target_pct", header: "Target %", numeric: true, show: (v) => fmt(v as number) },
              { key: "target_year", header: "Year" },
              {
                key: "p_target_in_target_year",
                header: "P(at target that year)",
                numeric: true,
                show: (v) => `${fmt((v as number) * 100, 0)}%`,
              },
              {
                key: "p_target_in_review_year",
                header: "P(at target in 2029)",
                numeric: true,
                show: (v) => (v === null ? "–" : `${fmt((v as number) * 100, 0)}%`),
              },
              {
                key: "p_on_path_at_review",
                header: "P(on path in 2029)",
                numeric: true,
                show: (v) => (v === null ? "–" : `${fmt((v as number) * 100, 0)}%`),
              },
            ],
            rows: probabilities,
          }}
        />
      ) : null}
    </div>
  );
}
