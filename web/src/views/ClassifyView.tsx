import { useMemo, useState } from "preact/hooks";
import { CLASSIFIED_LINE_COLUMNS } from "../../../src/core/classification/published-columns.ts";
import { AllySelect } from "../components/AllySelect.tsx";
import { DataTable } from "../components/DataTable.tsx";
import { useApp } from "../context.ts";
import { apiUrl } from "../lib/data.ts";
import { CSRF_COOKIE, CSRF_HEADER, failureOf, readCookie } from "../lib/session.ts";
import type { Row } from "../lib/table-export.ts";

/** One decision of the user's on a line (OverrideSchema in src/model/classification.ts). */
interface Override {
  lineId: string;
  category: string;
  reason: string;
}

/** The answer of POST /api/v1/classifications, as far as this view reads it. */
interface Answer {
  ally: string;
  year: number;
  currency: string;
  status: string;
  ruleSet: { id: string; version: string };
  lines: Row[];
  totals: Row[];
  groupTotals: Record<"core" | "related" | "not_counted" | "needs_review", number>;
  gdp: { amount: number; label: string; estimate: boolean } | null;
  guidelines: { guideline: string; name: string; kind: string; threshold_pct: number; share_of_gdp_pct: number | null; basis: string }[];
  nato: { label: string; amount: number; difference: number; estimate: boolean; explanation: string[] } | null;
  notes: string[];
}

const money = (v: unknown) => (typeof v === "number" ? Math.round(v).toLocaleString("en-GB") : "–");
const share = (v: number | null | undefined, d = 2) => (v === null || v === undefined ? "–" : `${v.toFixed(d)} %`);
const GROUP_LABEL: Record<string, string> = {
  core: "Core defence",
  related: "Towards the 1.5 %",
  not_counted: "Not counted",
  needs_review: "Needs review",
};

/**
 * A national budget classified line by line: the user uploads a CSV or XLSX, the server's rules
 * decide each line (rule, explanation, citation), and the totals are set against the Hague guidelines.
 * The user may override a line's category with a reason; the budget is classified again with the
 * decisions, which the answer records beside the rules'. Nothing is stored; the result is
 * "classified by the user", never NATO's figure.
 */
export function ClassifyView() {
  const { ds, api, state } = useApp();
  const [ally, setAlly] = useState(state.ally);
  // The newest year of NATO's newest release: a year with GDP and a NATO figure to compare with.
  const [year, setYear] = useState(() => String(ds.years(ds.latestNatoVintage().id).at(-1) ?? ""));
  const [unit, setUnit] = useState("units");
  const [file, setFile] = useState<File | null>(null);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [filter, setFilter] = useState("all");
  // The user's decisions on lines, sent with the budget and recorded in the answer beside the rules'.
  const [overrides, setOverrides] = useState<Override[]>([]);

  const classify = async (decisions: Override[]) => {
    if (!file) return setError("Choose a budget file (.csv or .xlsx) first.");
    setBusy(true);
    setError(null);
    try {
      const xlsx = file.name.toLowerCase().endsWith(".xlsx");
      const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
      const csrf = readCookie(CSRF_COOKIE);
      if (csrf) headers[CSRF_HEADER] = csrf;
      const name = file.name.replace(/[^\w. -]/g, "_").slice(0, 120) || "upload";
      const q = new URLSearchParams({ ally, year, unit, file: name });
      const budget = xlsx ? { workbook: base64Of(await file.arrayBuffer()) } : { budget: await file.text() };
      const res = await fetch(apiUrl(`classifications?${q}`), {
        method: "POST",
        headers,
        body: JSON.stringify({ ...budget, overrides: decisions }),
        credentials: "same-origin",
      });
      if (!res.ok) throw await failureOf(res);
      setAnswer((await res.json()) as Answer);
      setOverrides(decisions);
    } catch (err) {
      setAnswer(null);
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: Event) => {
    e.preventDefault();
    setFilter("all");
    // A new file or ally: the decisions were about other lines.
    void classify([]);
  };
  const decide = (decision: Override) => void classify([...overrides.filter((o) => o.lineId !== decision.lineId), decision]);
  const undo = (lineId: string) => void classify(overrides.filter((o) => o.lineId !== lineId));

  const categories = useMemo(
    () => (answer ? answer.totals.filter((t) => (t.lines as number) > 0).map((t) => String(t.category)) : []),
    [answer],
  );
  const shown = useMemo(
    () => (answer ? answer.lines.filter((l) => filter === "all" || l.group === filter || l.category === filter) : []),
    [answer, filter],
  );

  if (api === false)
    return (
      <section aria-labelledby="classify-h">
        <h2 id="classify-h">Classify a budget</h2>
        <p class="notice" role="note">
          Classifying a budget needs the Pledge server (<code>npm start</code>) or the CLI (<code>pledge classify</code>); this static copy
          has no API.
        </p>
      </section>
    );

  return (
    <section aria-labelledby="classify-h">
      <h2 id="classify-h">Classify a budget</h2>
      <p>
        Upload a national budget (CSV or XLSX with the columns <code>id</code>, <code>name</code>, <code>amount</code>; optional{" "}
        <code>description</code>, <code>cofog</code>, <code>ministry</code>, <code>chapter</code>, <code>tags</code>, <code>unit</code>,{" "}
        <code>military_share</code>). Each line is classified as NATO core defence, towards the Hague's 1.5 %, or not counted, by rules that
        cite NATO's definition; a line no rule decides is left for review, never guessed. Nothing is stored.
      </p>
      <form class="controls" onSubmit={submit} data-testid="classify-form">
        <label for="budget-file">
          Budget file
          <input id="budget-file" type="file" accept=".csv,.xlsx,text/csv" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        </label>
        <AllySelect ds={ds} value={ally} onChange={setAlly} id="classify-ally" />
        <label for="classify-year">
          Year
          <input id="classify-year" type="number" min={1949} max={2100} value={year} onInput={(e) => setYear(e.currentTarget.value)} />
        </label>
        <label for="classify-unit">
          Amounts in
          <select id="classify-unit" value={unit} onChange={(e) => setUnit(e.currentTarget.value)}>
            <option value="units">units of currency</option>
            <option value="thousands">thousands</option>
            <option value="millions">millions</option>
            <option value="billions">billions</option>
          </select>
        </label>
        <button type="submit" disabled={busy}>
          {busy ? "Classifying…" : "Classify"}
        </button>
      </form>
      {error ? (
        <p class="error" role="alert" data-testid="classify-error">
          {error}
        </p>
      ) : null}
      {answer ? (
        <Result
          answer={answer}
          filter={filter}
          setFilter={setFilter}
          categories={categories}
          shown={shown}
          overrides={overrides}
          decide={decide}
          undo={undo}
          busy={busy}
        />
      ) : null}
    </section>
  );
}

/** A reason is required: an override without one would be a guess the output could not explain. */
function OverrideForm({
  line,
  categories,
  current,
  busy,
  onApply,
  onCancel,
}: {
  line: Row;
  categories: Row[];
  current: Override | undefined;
  busy: boolean;
  onApply(o: Override): void;
  onCancel(): void;
}) {
  const [category, setCategory] = useState(current?.category ?? String(categories[0]?.category ?? ""));
  const [reason, setReason] = useState(current?.reason ?? "");
  const [problem, setProblem] = useState<string | null>(null);
  const apply = (e: Event) => {
    e.preventDefault();
    if (reason.trim().length < 3) return setProblem("Give the reason for the override (at least 3 characters).");
    onApply({ lineId: String(line.id), category, reason: reason.trim() });
  };
  return (
    <form class="controls override-form" onSubmit={apply} data-testid="classify-override" aria-label={`Override line ${String(line.id)}`}>
      <p>
        Line {String(line.id)}, {String(line.name)}: the rules say <strong>{String(line.category)}</strong>.
      </p>
      <label for="override-category">
        Category
        <select id="override-category" value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
          {categories.map((c) => (
            <option key={String(c.category)} value={String(c.category)}>
              {String(c.name)} ({GROUP_LABEL[String(c.group)] ?? String(c.group)})
            </option>
          ))}
        </select>
      </label>
      <label for="override-reason">
        Reason
        <input
          id="override-reason"
          type="text"
          maxLength={500}
          value={reason}
          aria-invalid={problem ? "true" : undefined}
          aria-describedby={problem ? "override-problem" : undefined}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      </label>
      {problem ? (
        <p id="override-problem" class="error" role="alert">
          {problem}
        </p>
      ) : null}
      <button type="submit" disabled={busy}>
        Apply
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}

/** Base64 of a file's bytes, in slices (String.fromCharCode takes a bounded number of arguments). */
function base64Of(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function Result({
  answer,
  filter,
  setFilter,
  categories,
  shown,
  overrides,
  decide,
  undo,
  busy,
}: {
  answer: Answer;
  filter: string;
  setFilter(f: string): void;
  categories: string[];
  shown: Row[];
  overrides: Override[];
  decide(o: Override): void;
  undo(lineId: string): void;
  busy: boolean;
}) {
  const cur = answer.currency;
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <div data-testid="classify-result">
      <p class="notice" role="note">
        {answer.status} with rules {answer.ruleSet.id} v{answer.ruleSet.version}: not a NATO figure.{" "}
        {answer.gdp
          ? `GDP: ${answer.gdp.label}, ${money(answer.gdp.amount / 1e6)} m ${cur}${answer.gdp.estimate ? " (estimate)" : ""}.`
          : "No GDP in the dataset for this year: shares are not shown."}
      </p>
      <ul class="cards" aria-label="Against the Hague guidelines" id="classify-guidelines">
        {answer.guidelines.map((g) => (
          <li key={g.guideline}>
            <strong>{g.name}</strong>
            <span class="big">{share(g.share_of_gdp_pct)}</span>
            <span>
              {g.kind === "at_least" ? "at least" : "up to"} {g.threshold_pct} % of GDP <small>({g.basis})</small>
            </span>
          </li>
        ))}
        <li>
          <strong>Needs review</strong>
          <span class="big">
            {money(answer.groupTotals.needs_review)} {cur}
          </span>
          <span>in no total until decided</span>
        </li>
      </ul>
      {answer.nato ? (
        <p data-testid="classify-nato">
          NATO's figure ({answer.nato.label}): {money(answer.nato.amount / 1e6)} m {cur}
          {answer.nato.estimate ? " (estimate)" : ""}; classified core minus NATO: {money(answer.nato.difference / 1e6)} m {cur}.{" "}
          {answer.nato.explanation.join(" ")}
        </p>
      ) : (
        <p>NATO publishes no figure for this ally and year in the dataset's releases.</p>
      )}
      <DataTable
        id="classify-totals"
        spec={{
          title: `Totals by category (${cur})`,
          file: `classification-totals-${answer.ally}-${answer.year}`,
          columns: [
            { key: "name", header: "Category" },
            { key: "group", header: "Group", show: (v) => GROUP_LABEL[String(v)] ?? String(v) },
            { key: "amount", header: cur, numeric: true, show: money },
            { key: "share_of_gdp_pct", header: "% of GDP", numeric: true, show: (v) => share(v as number | null, 3) },
            { key: "lines", header: "Lines", numeric: true },
          ],
          rows: answer.totals.filter((t) => (t.lines as number) > 0 || t.group !== "needs_review"),
        }}
      />
      <form class="controls" onSubmit={(e) => e.preventDefault()}>
        <label for="classify-filter">
          Show lines
          <select id="classify-filter" value={filter} onChange={(e) => setFilter(e.currentTarget.value)}>
            <option value="all">all</option>
            {Object.entries(GROUP_LABEL).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
            {categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      </form>
      {editing ? (
        <OverrideForm
          line={answer.lines.find((l) => l.id === editing) as Row}
          categories={answer.totals.filter((t) => t.group !== "needs_review")}
          current={overrides.find((o) => o.lineId === editing)}
          busy={busy}
          onApply={(o) => {
            setEditing(null);
            decide(o);
          }}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      {overrides.length ? (
        <section aria-labelledby="classify-decisions-h" data-testid="classify-decisions">
          <h3 id="classify-decisions-h">Your decisions ({overrides.length})</h3>
          <ul class="notes">
            {overrides.map((o) => (
              <li key={o.lineId}>
                Line {o.lineId}: {o.category}, because {o.reason}{" "}
                <button type="button" class="secondary" disabled={busy} onClick={() => undo(o.lineId)}>
                  Undo<span class="sr-only"> the decision on line {o.lineId}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <DataTable
        id="classify-lines"
        spec={{
          title: `Lines (${shown.length} of ${answer.lines.length})`,
          file: `classification-${answer.ally}-${answer.year}`,
          columns: [
            { key: "id", header: "Line" },
            {
              key: "name",
              header: "Name and why",
              // The explanation sits under the name so that it is read with the line, also on a phone.
              show: (v, r) => (
                <span>
                  {String(v)}
                  <br />
                  <small class="explanation">
                    {String(r.explanation)}
                    {r.citation ? <em> Source: {String(r.citation)}</em> : null}
                    {r.override_reason ? <strong> Overridden: {String(r.override_reason)}</strong> : null}
                  </small>
                </span>
              ),
            },
            { key: "amount", header: cur, numeric: true, show: money },
            { key: "category", header: "Category" },
            { key: "rule", header: "Rule", show: (v) => (v ? String(v) : "–") },
            {
              key: "id",
              header: "Decide",
              show: (v) => (
                <button type="button" class="secondary" disabled={busy} onClick={() => setEditing(String(v))}>
                  Override<span class="sr-only"> line {String(v)}</span>
                </button>
              ),
            },
          ],
          csvColumns: [...CLASSIFIED_LINE_COLUMNS],
          rows: shown,
        }}
      />
      {answer.notes.length ? (
        <ul class="notes">
          {answer.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
