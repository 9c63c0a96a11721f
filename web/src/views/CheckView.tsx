import { useEffect, useMemo, useState } from "preact/hooks";
import { checkSentence } from "../../../src/core/claims/check-claims.ts";
import type { ClaimCheckResult, Verdict } from "../../../src/model/claim-check.ts";
import { MAX_SENTENCE_CHARS } from "../../../src/model/claim-limits.ts";
import { useApp } from "../context.ts";

const VERDICT_LABEL: Record<Verdict, string> = {
  consistent: "Consistent",
  close: "Close",
  inconsistent: "Inconsistent",
  not_checkable: "Not checkable",
};

/**
 * "Check a claim": a sentence from the news against every release. The check runs in the page with
 * the same core as `pledge check` and POST /api/v1/claims/check, so it works on a static copy too; the
 * sentence and its date live in the URL, so a check is a link that reopens it.
 */
export function CheckView() {
  const { ds, state, update } = useApp();
  const [draft, setDraft] = useState(state.claim);
  const [date, setDate] = useState(state.published);
  // A link or the back button changes the check: the form follows it.
  useEffect(() => {
    setDraft(state.claim);
    setDate(state.published);
  }, [state.claim, state.published]);
  const result = useMemo((): ClaimCheckResult | { error: string } | null => {
    if (!state.claim.trim()) return null;
    try {
      return checkSentence(ds, { sentence: state.claim, published: state.published || undefined });
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }, [ds, state.claim, state.published]);

  return (
    <section aria-labelledby="check-h" class="check-view">
      <h2 id="check-h">Check a claim</h2>
      <p>
        Paste a sentence about defence spending. Each figure it states (totals, shares of GDP, the US share, counts of allies at a
        threshold, rankings, changes, multiples of Russia's) is compared with every release: consistent within the sentence's own rounding,
        close (within 10%), inconsistent, or not checkable. The grammar is in <code>docs/claims.md</code>.
      </p>
      <form
        data-testid="check-form"
        onSubmit={(e) => {
          e.preventDefault();
          update({ claim: draft.trim().slice(0, MAX_SENTENCE_CHARS), published: date }, true);
        }}
      >
        <label>
          Sentence
          <textarea
            name="claim"
            rows={3}
            maxLength={MAX_SENTENCE_CHARS}
            value={draft}
            onInput={(e) => setDraft((e.target as HTMLTextAreaElement).value)}
            data-testid="check-sentence"
          />
        </label>
        <label>
          Published (resolves “this year”, “last year”)
          <input
            type="date"
            name="published"
            value={date}
            onInput={(e) => setDate((e.target as HTMLInputElement).value)}
            data-testid="check-date"
          />
        </label>
        <button type="submit" class="check-submit" data-testid="check-submit">
          Check
        </button>
      </form>
      {result === null ? null : "error" in result ? (
        <p role="alert" class="error">
          {result.error}
        </p>
      ) : (
        <div data-testid="check-result" aria-live="polite">
          {result.claims.length === 0 ? <p>No checkable claim found in this sentence.</p> : null}
          {result.claims.map((c, i) => (
            <article key={`${i}-${c.text}`} class="claim" data-testid="claim">
              <h3>
                {i + 1}. “{c.text}”
              </h3>
              <p class="reading">Read as: {c.reading}</p>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Release</th>
                    <th scope="col">Data</th>
                    <th scope="col">Verdict</th>
                    <th scope="col">Why</th>
                  </tr>
                </thead>
                <tbody>
                  {c.results.map((r) => (
                    <tr key={r.vintage} data-vintage={r.vintage} data-verdict={r.verdict}>
                      <th scope="row">
                        {r.label}
                        {r.currentAtPublication ? " (current when published)" : ""}
                      </th>
                      <td>{r.shown ?? "–"}</td>
                      <td class={`verdict verdict-${r.verdict}`}>{VERDICT_LABEL[r.verdict]}</td>
                      <td>
                        {r.why}
                        {r.caveats.length && r.verdict !== "not_checkable" ? <small class="caveats"> {r.caveats.join(" ")}</small> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </article>
          ))}
          {result.unparsed.length ? (
            <div class="unparsed">
              <h3>Not checked</h3>
              <ul>
                {result.unparsed.map((u) => (
                  <li key={u.text}>
                    “{u.text}”: {u.reason}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      )}
    </section>
  );
}
