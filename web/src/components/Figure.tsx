import type { ComponentChildren } from "preact";
import { useContext, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { Source } from "../../../src/model/source.ts";
import { ChartWidth } from "../charts/chart-width.ts";
import { Ctx } from "../context.ts";
import { composeSvg, saveBlob, saveText, svgToPng } from "../lib/download.ts";
import { DEFAULT_ESTIMATE_NOTE, distinctSources, type ExportMeta, today } from "../lib/export-meta.ts";
import { encodeState } from "../lib/state.ts";
import { fileSlug } from "../lib/table-export.ts";
import { DataTable, type TableSpec } from "./DataTable.tsx";
import { useTooltip } from "./Tooltip.tsx";

interface FigureProps {
  id: string;
  title: string;
  subtitle?: ComponentChildren;
  /** Where the numbers come from: every figure links to its source. */
  sources: readonly (Source | undefined)[];
  /** The data behind the chart, shown as a table in a disclosure and downloadable as CSV and JSON. */
  table: TableSpec;
  children: ComponentChildren;
  notes?: ComponentChildren;
  /** How this chart marks estimates, for the exported files (a general note when not given). */
  estimateNote?: string;
}

export function SourceLinks({ sources }: { sources: readonly (Source | undefined)[] }) {
  const list = distinctSources(sources);
  if (!list.length) return null;
  return (
    <p class="source">
      Source:{" "}
      {list.map((s, i) => (
        <span key={s.id}>
          {i > 0 ? "; " : ""}
          {s.url ? (
            <a href={s.url} rel="noopener noreferrer" target="_blank">
              {s.publisher}, {s.title}
            </a>
          ) : (
            `${s.publisher}, ${s.title}`
          )}{" "}
          ({s.published}, {s.licence})
        </span>
      ))}
    </p>
  );
}

/** The page's address without its hash: links made from it reopen this dashboard wherever it is served. */
const pageBase = () => location.href.split("#")[0] ?? "";

/**
 * A chart with its title, source, downloads (SVG, PNG: both carry title, subtitle, source, estimate note,
 * link and date), an embed snippet, a tooltip for hover, tap and focus, and the table behind it.
 */
export function Figure({ id, title, subtitle, sources, table, children, notes, estimateNote = DEFAULT_ESTIMATE_NOTE }: FigureProps) {
  const app = useContext(Ctx);
  const box = useRef<HTMLDivElement>(null);
  const caption = useRef<HTMLElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [width, setWidth] = useState<number | null>(null);
  const [embedOpen, setEmbedOpen] = useState(false);
  const tooltip = useTooltip(box);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    // Whole tens of pixels: a chart redraws when its column changes, not on every sub-pixel of a resize.
    const measure = () => setWidth(Math.floor(el.clientWidth / 10) * 10 || null);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const svg = () => box.current?.querySelector<SVGSVGElement>("svg") ?? null;
  const base = fileSlug(title);
  const hasData = table.rows.length > 0;
  const viewUrl = app ? pageBase() + encodeState({ ...app.state, embed: "" }) : pageBase();
  const embedUrl = app ? pageBase() + encodeState({ ...app.state, embed: id }) : "";
  const embedded = app?.state.embed === id;
  const meta = (): ExportMeta => ({
    title,
    subtitle: caption.current?.querySelector(".subtitle")?.textContent?.trim() ?? "",
    sources: distinctSources(sources),
    estimateNote,
    url: viewUrl,
    date: today(),
  });
  const snippet = `<iframe src="${embedUrl}" title="${title.replace(/"/g, "&quot;")}" width="100%" height="620" style="border:0" loading="lazy"></iframe>`;
  return (
    <figure class={`figure${embedded ? " embedded" : ""}`} id={id} aria-labelledby={`${id}-title`}>
      <figcaption ref={caption}>
        <h3 id={`${id}-title`}>{title}</h3>
        {subtitle ? <p class="subtitle">{subtitle}</p> : null}
      </figcaption>
      <div class="chart" ref={box}>
        <ChartWidth.Provider value={width}>{children}</ChartWidth.Provider>
        {tooltip}
      </div>
      {notes}
      <div class="figure-foot">
        <SourceLinks sources={sources} />
        {embedded ? (
          <a class="btn-small" href={viewUrl} target="_blank" rel="noopener" data-testid="open-in-pledge">
            Open in Pledge
          </a>
        ) : hasData ? (
          <span class="downloads">
            <button
              type="button"
              class="btn-small"
              onClick={() => {
                const el = svg();
                if (el) saveText(composeSvg(el, meta()).text, `${base}.svg`, "image/svg+xml");
              }}
            >
              SVG<span class="sr-only"> of {title}</span>
            </button>
            <button
              type="button"
              class="btn-small"
              onClick={async () => {
                const el = svg();
                if (!el) return;
                try {
                  saveBlob(await svgToPng(composeSvg(el, meta())), `${base}.png`);
                  setError(null);
                } catch (e) {
                  setError((e as Error).message);
                }
              }}
            >
              PNG<span class="sr-only"> of {title}</span>
            </button>
            {app ? (
              <button type="button" class="btn-small" aria-expanded={embedOpen} onClick={() => setEmbedOpen(!embedOpen)}>
                Embed<span class="sr-only"> {title}</span>
              </button>
            ) : null}
          </span>
        ) : (
          <span class="note">No figures, so nothing to download.</span>
        )}
      </div>
      {embedOpen && hasData ? (
        <div class="embed-snippet">
          <label for={`${id}-embed`}>Paste this into a page to show this chart as it is now (same year, release and allies):</label>
          <textarea id={`${id}-embed`} readOnly rows={3} value={snippet} onFocus={(e) => e.currentTarget.select()} />
          <a href={embedUrl} target="_blank" rel="noopener">
            Preview the embedded chart
          </a>
        </div>
      ) : null}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {embedded ? null : (
        <details class="data-table">
          <summary>Data table</summary>
          <DataTable spec={{ sources, ...table }} id={`${id}-table`} />
        </details>
      )}
    </figure>
  );
}
