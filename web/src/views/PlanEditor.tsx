import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { PlanSummary, PlanVersion } from "../../../src/model/plan.ts";
import { useApp } from "../context.ts";
import { type FieldErrors, fieldErrorsOf, inputLabelOf, isFormInput } from "../lib/plan-form-errors.ts";
import { ApiFailure, apiJson } from "../lib/session.ts";

type Unit = "share" | "amount";
interface YearRow {
  key: number;
  year: string;
  core: string;
  related: string;
}
interface SourceRow {
  key: number;
  title: string;
  url: string;
}
let nextKey = 1;
const blankYear = (year = ""): YearRow => ({ key: nextKey++, year, core: "", related: "" });
const num = (s: string): number | undefined => (s.trim() === "" ? undefined : Number(s));
const str = (v: number | undefined) => (v === undefined ? "" : String(v));

/**
 * "Record a plan": a new plan (POST /plans) or, when the ally already has one for that submission
 * year, a new immutable version of it (POST /plans/{id}/versions); withdrawal with an optional note.
 * The server validates: its messages are shown beside the input they name.
 */
export function PlanEditor({ ally, plans, onSaved }: { ally: string; plans: PlanSummary[]; onSaved(): void }) {
  const { setUser } = useApp();
  const [submissionYear, setSubmissionYear] = useState(() => String(new Date().getFullYear()));
  const [unit, setUnit] = useState<Unit>("share");
  const [rows, setRows] = useState<YearRow[]>(() => [blankYear()]);
  const [notes, setNotes] = useState("");
  const [sources, setSources] = useState<SourceRow[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [withdrawNote, setWithdrawNote] = useState("");

  const existing = plans.find((p) => p.submissionYear === Number(submissionYear) && p.ally === ally);
  // Choosing a submission year that has a plan fills the form with its latest version, once per version.
  const filled = useRef<string | null>(null);
  useEffect(() => {
    const key = existing ? `${existing.planId}@${existing.latest.version}` : null;
    if (!existing || key === filled.current) return;
    filled.current = key;
    fill(existing.latest);
  }, [existing?.planId, existing?.latest.version]);

  function fill(v: PlanVersion) {
    setUnit(v.unit);
    const share = v.unit === "share";
    setRows(
      v.years.map((y) => ({
        key: nextKey++,
        year: String(y.year),
        core: str(share ? y.corePct : y.coreNcM),
        related: str(share ? y.relatedPct : y.relatedNcM),
      })),
    );
    setNotes(v.notes);
    setSources(v.sources.map((s) => ({ key: nextKey++, title: s.title, url: s.url ?? "" })));
    setErrors({});
    setFormError(null);
  }

  const body = () => {
    const [core, related] = unit === "share" ? ["corePct", "relatedPct"] : ["coreNcM", "relatedNcM"];
    return {
      ally,
      submissionYear: num(submissionYear) ?? null,
      unit,
      // Every row is sent, in order, so that the API's `years.<i>` names the row on screen.
      years: rows.map((r) => ({ year: num(r.year), [core]: num(r.core), [related]: num(r.related) })),
      notes,
      sources: sources.map((s) => ({ title: s.title, ...(s.url.trim() ? { url: s.url.trim() } : {}) })),
    };
  };

  async function run(what: () => Promise<{ planId: string; version: number; status: string }>, verb: string) {
    setBusy(true);
    setErrors({});
    setFormError(null);
    setDone(null);
    try {
      const v = await what();
      setDone(`${verb} plan ${v.planId}: version ${v.version} (${v.status}).`);
      onSaved();
    } catch (e) {
      if (e instanceof ApiFailure) {
        if (e.status === 401) setUser(null);
        const fields = e.status === 400 ? fieldErrorsOf(e) : {};
        setErrors(fields);
        setFormError(e.message);
      } else setFormError(`the server could not be reached (${(e as Error).message})`);
    } finally {
      setBusy(false);
    }
  }

  // The version this form was filled from: if someone saved another since, the server answers 412
  // instead of this save silently replacing their version.
  const ifMatch = (plan: { planId: string; latest: { version: number } }) => ({ "if-match": `"${plan.planId}.v${plan.latest.version}"` });
  const save = () =>
    run(
      () =>
        existing
          ? apiJson(`plans/${encodeURIComponent(existing.planId)}/versions`, { method: "POST", body: body(), headers: ifMatch(existing) })
          : apiJson("plans", { method: "POST", body: body() }),
      existing ? "Saved a new version of" : "Recorded",
    );
  const withdraw = () =>
    existing
      ? run(
          () =>
            apiJson(`plans/${encodeURIComponent(existing.planId)}/withdraw`, {
              method: "POST",
              headers: ifMatch(existing),
              body: withdrawNote.trim() ? { note: withdrawNote.trim() } : {},
            }),
          "Withdrew",
        )
      : Promise.resolve();

  /** An input's error, beside it, and the attributes that tie the two together. */
  const err = (key: string, inputId: string) => {
    const message = errors[key];
    return {
      attrs: message ? { "aria-invalid": true as const, "aria-describedby": `${inputId}-error` } : {},
      node: message ? (
        <span class="field-error" id={`${inputId}-error`} data-testid={`${inputId}-error`}>
          {message}
        </span>
      ) : null,
    };
  };
  const unmatched = Object.keys(errors).filter((k) => !isFormInput(k));
  const unitLabel = unit === "share" ? "% of GDP" : "million national currency";
  const sy = err("submissionYear", "plan-submission-year");
  const notesErr = err("notes", "plan-notes");

  return (
    <form
      class="plan-editor"
      aria-labelledby="plan-editor-h"
      data-testid="plan-editor"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h4 id="plan-editor-h">Record a plan for {ally}</h4>
      <div class="controls">
        <label for="plan-submission-year">
          Submission year
          <input
            id="plan-submission-year"
            type="number"
            min={2024}
            max={2050}
            step={1}
            value={submissionYear}
            onInput={(e) => setSubmissionYear(e.currentTarget.value)}
            {...sy.attrs}
          />
          {sy.node}
        </label>
        <label for="plan-unit">
          Unit
          <select id="plan-unit" value={unit} onChange={(e) => setUnit(e.currentTarget.value as Unit)}>
            <option value="share">Share of GDP (%)</option>
            <option value="amount">Amount (million national currency)</option>
          </select>
        </label>
        <p class="note plan-mode" data-testid="plan-mode">
          {existing
            ? `${existing.planId} exists (version ${existing.latest.version}, ${existing.latest.status}): saving adds a new version; nothing is overwritten.`
            : `No plan of ${ally} for ${submissionYear || "this year"} yet: saving records version 1.`}
        </p>
      </div>
      <div class="table-wrap">
        <table class="plan-years">
          <caption>Planned spending by year ({unitLabel})</caption>
          <thead>
            <tr>
              <th scope="col">Year</th>
              <th scope="col">Core</th>
              <th scope="col">Related</th>
              <th scope="col">
                <span class="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const cells: [keyof YearRow & ("year" | "core" | "related"), string, string][] = [
                ["year", `plan-year-${i}`, `Year, row ${i + 1}`],
                ["core", `plan-core-${i}`, `Core (${unitLabel}), row ${i + 1}`],
                ["related", `plan-related-${i}`, `Related (${unitLabel}), row ${i + 1}`],
              ];
              return (
                <tr key={r.key}>
                  {cells.map(([field, id, label]) => {
                    const e = err(`years.${i}.${field}`, id);
                    return (
                      <td key={field}>
                        <label class="sr-only" for={id}>
                          {label}
                        </label>
                        <input
                          id={id}
                          type="number"
                          step={field === "year" ? 1 : "any"}
                          min={field === "year" ? 2025 : 0}
                          max={field === "year" ? 2050 : undefined}
                          inputMode={field === "year" ? "numeric" : "decimal"}
                          value={r[field]}
                          onInput={(ev) => {
                            const value = ev.currentTarget.value;
                            setRows((all) => all.map((x) => (x.key === r.key ? { ...x, [field]: value } : x)));
                          }}
                          {...e.attrs}
                        />
                        {e.node}
                      </td>
                    );
                  })}
                  <td>
                    <button
                      type="button"
                      class="secondary btn-small"
                      disabled={rows.length === 1}
                      onClick={() => setRows((all) => all.filter((x) => x.key !== r.key))}
                    >
                      Remove<span class="sr-only"> row {i + 1}</span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p>
        <button
          type="button"
          class="secondary"
          onClick={() =>
            setRows((all) => {
              const last = Number(all.at(-1)?.year);
              return [...all, blankYear(Number.isFinite(last) && last > 0 && last < 2050 ? String(last + 1) : "")];
            })
          }
        >
          Add a year
        </button>
      </p>
      <label for="plan-notes" class="field">
        Notes
        <textarea id="plan-notes" rows={3} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} {...notesErr.attrs} />
        {notesErr.node}
      </label>
      <fieldset class="plan-sources">
        <legend>Sources</legend>
        {sources.length === 0 ? <p class="note">No source yet.</p> : null}
        {sources.map((s, i) => {
          const t = err(`sources.${i}.title`, `plan-source-title-${i}`);
          const u = err(`sources.${i}.url`, `plan-source-url-${i}`);
          return (
            <div class="source-row" key={s.key}>
              <label for={`plan-source-title-${i}`}>
                Title
                <input
                  id={`plan-source-title-${i}`}
                  type="text"
                  value={s.title}
                  onInput={(e) => {
                    const v = e.currentTarget.value;
                    setSources((all) => all.map((x) => (x.key === s.key ? { ...x, title: v } : x)));
                  }}
                  {...t.attrs}
                />
                {t.node}
              </label>
              <label for={`plan-source-url-${i}`}>
                URL
                <input
                  id={`plan-source-url-${i}`}
                  type="url"
                  value={s.url}
                  placeholder="https://"
                  onInput={(e) => {
                    const v = e.currentTarget.value;
                    setSources((all) => all.map((x) => (x.key === s.key ? { ...x, url: v } : x)));
                  }}
                  {...u.attrs}
                />
                {u.node}
              </label>
              <button type="button" class="secondary btn-small" onClick={() => setSources((all) => all.filter((x) => x.key !== s.key))}>
                Remove<span class="sr-only"> source {i + 1}</span>
              </button>
            </div>
          );
        })}
        <button type="button" class="secondary" onClick={() => setSources((all) => [...all, { key: nextKey++, title: "", url: "" }])}>
          Add a source
        </button>
      </fieldset>
      <p class="plan-actions">
        <button type="submit" disabled={busy} data-testid="plan-save">
          {existing ? "Save as new version" : "Record the plan"}
        </button>
      </p>
      {formError ? (
        <Alert>
          {Object.keys(errors).length
            ? `The plan was not saved. ${Object.keys(errors)
                .map((k) => `${inputLabelOf(k, rows, unitLabel)}: ${errors[k]}`)
                .join("; ")}.${unmatched.length === 0 ? " Each is marked beside its input." : ""}`
            : `The plan was not saved: ${formError}`}
        </Alert>
      ) : null}
      {done ? (
        <p class="saved" role="status" data-testid="plan-saved">
          {done}
        </p>
      ) : null}
      {existing && existing.latest.status === "active" ? (
        <fieldset class="plan-withdraw">
          <legend>Withdraw {existing.planId}</legend>
          <label for="plan-withdraw-note" class="field">
            Note (optional)
            <input id="plan-withdraw-note" type="text" value={withdrawNote} onInput={(e) => setWithdrawNote(e.currentTarget.value)} />
          </label>
          <button type="button" class="danger" disabled={busy} onClick={() => void withdraw()}>
            Withdraw<span class="sr-only"> plan {existing.planId}</span>
          </button>
        </fieldset>
      ) : null}
    </form>
  );
}

function Alert({ children }: { children: ComponentChildren }) {
  return (
    <p class="error" role="alert" data-testid="plan-error">
      {children}
    </p>
  );
}
