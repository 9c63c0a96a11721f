import { useEffect, useState } from "preact/hooks";
import type { UkraineAidRow } from "../../../src/core/ukraine-aid.ts";
import { useApp } from "../context.ts";
import { fmt } from "../lib/format.ts";
import { apiJson } from "../lib/session.ts";

interface AidAnswer {
  ukraine_aid: UkraineAidRow[];
  release: string;
  window: { from: string; to: string };
  averaging: string;
  caveat: string;
}

/**
 * Ukraine aid counted or not (`GET /api/v1/ukraine-aid`): NATO's share of GDP, and with the Kiel
 * Institute's military aid as an average annual share over the tracker's window. Allocations and
 * commitments are shown apart; the double-counting caveat stands beside the figures.
 */
export function AllyUkraineAid({ ally, year }: { ally: string; year: number }) {
  const { api, vintage } = useApp();
  const [mode, setMode] = useState<"exclude" | "include">("exclude");
  const [answer, setAnswer] = useState<AidAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!api) return;
    const ctl = new AbortController();
    setError(null);
    apiJson<AidAnswer>(`ukraine-aid?ally=${encodeURIComponent(ally)}&year=${year}&vintage=${encodeURIComponent(vintage)}`, {
      signal: ctl.signal,
    }).then(setAnswer, (e: Error) => {
      if (e.name !== "AbortError") setError(`the Ukraine aid figures could not be loaded (${e.message})`);
    });
    return () => ctl.abort();
  }, [api, ally, year, vintage]);
  if (!api) return null;
  const row = answer?.ukraine_aid[0];
  return (
    <section aria-labelledby="aid-h" data-testid="ukraine-aid" class="ukraine-aid">
      <h3 id="aid-h">Ukraine aid, counted or not ({year})</h3>
      <fieldset class="controls">
        <legend>Kiel military aid to Ukraine</legend>
        {(["exclude", "include"] as const).map((m) => (
          <label key={m}>
            <input type="radio" name="ukraine-aid" value={m} checked={mode === m} onChange={() => setMode(m)} data-testid={`aid-${m}`} />{" "}
            {m}
          </label>
        ))}
      </fieldset>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : !answer ? (
        <p class="loading" role="status">
          Loading the Ukraine aid figures…
        </p>
      ) : !row ? (
        <p class="note">The Kiel Institute's tracker has no figure for this ally.</p>
      ) : (
        <>
          <p>
            Share of GDP {mode === "include" ? "with" : "without"} military aid:{" "}
            <strong data-testid="aid-share">
              {fmt(mode === "include" ? row.shareWithAllocationsPct : row.natoSharePct, 2)}
              {row.natoSharePct === null ? "" : " %"}
            </strong>{" "}
            (NATO {fmt(row.natoSharePct, 2)} %
            {mode === "include" ? ` + ${fmt(row.militaryAllocationsAvgSharePct, 3)} pp military allocations a year` : ""}).
          </p>
          <ul>
            <li>
              Military aid allocated: €{fmt(row.militaryAllocationsEurBn, 2)} bn ({fmt(row.militaryAllocationsAvgSharePct, 3)} % of GDP a
              year)
            </li>
            <li>
              Military aid committed, shown apart and never added to allocations: €{fmt(row.militaryCommitmentsEurBn, 2)} bn (
              {fmt(row.militaryCommitmentsAvgSharePct, 3)} % of GDP a year)
            </li>
          </ul>
          <p class="note" data-testid="aid-caveat">
            {answer.caveat} {answer.averaging} Kiel Institute for the World Economy, Ukraine Support Tracker, {answer.release} (
            {answer.window.from} to {answer.window.to}); terms of reuse not confirmed.
          </p>
        </>
      )}
    </section>
  );
}
