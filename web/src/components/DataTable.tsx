import type { ComponentChildren, RefObject } from "preact";
import { useContext, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { Source } from "../../../src/model/source.ts";
import { Ctx } from "../context.ts";
import { saveText } from "../lib/download.ts";
import { DEFAULT_ESTIMATE_NOTE, distinctSources, tableMetadata, today } from "../lib/export-meta.ts";
import { encodeState } from "../lib/state.ts";
import { type Cell, fileSlug, type Row, toCsv, toJson } from "../lib/table-export.ts";

export interface Column {
  key: string;
  header: string;
  /** How a cell is shown; the CSV and JSON always carry the raw value. */
  show?: (v: Cell, row: Row) => ComponentChildren;
  numeric?: boolean;
}

export interface TableSpec {
  title: string;
  columns: Column[];
  rows: Row[];
  /** Base of the downloaded file names (default: from the title). */
  file?: string;
  /** CSV column order, when it differs from the shown columns (e.g. the API's). */
  csvColumns?: string[];
  caption?: ComponentChildren;
  /** Where the figures come from: written into the metadata file beside the CSV. */
  sources?: readonly (Source | undefined)[];
  /** Units of the numeric columns by key, for the metadata file. */
  units?: Record<string, string>;
}

export function TableDownloads({ spec }: { spec: TableSpec }) {
  const app = useContext(Ctx);
  const base = spec.file ?? fileSlug(spec.title);
  const cols = spec.csvColumns ?? spec.columns.map((c) => c.key);
  // Nothing to download is better than a file with a header and no rows.
  if (!spec.rows.length) return <span class="note">(no figures)</span>;
  const metadata = () =>
    tableMetadata(
      {
        title: spec.title,
        subtitle: "",
        sources: distinctSources(spec.sources ?? []),
        estimateNote: DEFAULT_ESTIMATE_NOTE,
        url: (location.href.split("#")[0] ?? "") + (app ? encodeState({ ...app.state, embed: "" }) : ""),
        date: today(),
      },
      `${base}.csv`,
      cols.map((key) => ({ key, header: spec.columns.find((c) => c.key === key)?.header ?? key, unit: spec.units?.[key] })),
    );
  return (
    <span class="downloads">
      <button type="button" class="btn-small" onClick={() => saveText(toCsv(cols, spec.rows), `${base}.csv`, "text/csv")}>
        CSV<span class="sr-only"> of {spec.title}</span>
      </button>
      <button
        type="button"
        class="btn-small"
        onClick={() =>
          saveText(toJson(spec.rows.map((r) => Object.fromEntries(cols.map((c) => [c, r[c] ?? null])))), `${base}.json`, "application/json")
        }
      >
        JSON<span class="sr-only"> of {spec.title}</span>
      </button>
      <button
        type="button"
        class="btn-small"
        title="Where the figures come from, their terms, units and the link to this view (JSON)"
        onClick={() => saveText(`${JSON.stringify(metadata(), null, 2)}\n`, `${base}.metadata.json`, "application/json")}
      >
        Metadata<span class="sr-only"> of {spec.title}</span>
      </button>
    </span>
  );
}

/**
 * Whether the table is wider or taller than its box. A box that scrolls is a tab stop (so a keyboard
 * can scroll it: the planner's probability table) and says that it scrolls (a phone shows only the
 * first columns otherwise, with nothing telling that more are there).
 */
function useOverflow(box: RefObject<HTMLDivElement | null>) {
  const [overflow, setOverflow] = useState({ x: false, y: false });
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const measure = () => {
      const x = el.scrollWidth > el.clientWidth + 1;
      const y = el.scrollHeight > el.clientHeight + 1;
      setOverflow((o) => (o.x === x && o.y === y ? o : { x, y }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    const table = el.firstElementChild;
    if (table) observer.observe(table);
    return () => observer.disconnect();
  }, [box]);
  return overflow;
}

export function DataTable({ spec, compact = false, id }: { spec: TableSpec; compact?: boolean; id?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const overflow = useOverflow(box);
  const scrolls = overflow.x || overflow.y;
  return (
    <div class="table-block" id={id}>
      <div class="table-tools">
        {overflow.x ? (
          <span class="scroll-cue" data-testid="scroll-cue">
            More columns: scroll sideways →
          </span>
        ) : null}
        <TableDownloads spec={spec} />
      </div>
      {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: the label is there exactly when the role is (a box that scrolls) */}
      <div
        ref={box}
        class={`table-wrap${compact ? " compact" : ""}${overflow.x ? " scrolls-x" : ""}`}
        tabIndex={scrolls ? 0 : undefined}
        role={scrolls ? "region" : undefined}
        aria-label={scrolls ? `${spec.title} (scrollable)` : undefined}
      >
        <table>
          <caption>{spec.caption ?? spec.title}</caption>
          <thead>
            <tr>
              {spec.columns.map((c) => (
                <th scope="col" key={c.key} class={c.numeric ? "num" : undefined}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {spec.rows.map((r, i) => (
              <tr key={i}>
                {spec.columns.map((c) => (
                  <td key={c.key} class={c.numeric ? "num" : undefined}>
                    {c.show ? c.show(r[c.key], r) : (r[c.key] ?? "–")}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
