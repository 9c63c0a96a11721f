import type { ComponentChildren } from "preact";
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import type { Source } from "../../../src/model/source.ts";
import { ChartWidth } from "../charts/chart-width.ts";
import { saveBlob, saveText, serializeSvg, svgToPng } from "../lib/download.ts";
import { fileSlug } from "../lib/table-export.ts";
import { DataTable, type TableSpec } from "./DataTable.tsx";

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
}

export function SourceLinks({ sources }: { sources: readonly (Source | undefined)[] }) {
  const list = sources.filter((s, i, all): s is Source => s !== undefined && all.findIndex((x) => x?.id === s.id) === i);
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

/** A chart with its title, source, downloads (SVG, PNG) and the table behind it. */
export function Figure({ id, title, subtitle, sources, table, children, notes }: FigureProps) {
  const box = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [width, setWidth] = useState<number | null>(null);
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
  const svg = () => box.current?.querySelector("svg") ?? null;
  const base = fileSlug(title);
  return (
    <figure class="figure" id={id} aria-labelledby={`${id}-title`}>
      <figcaption>
        <h3 id={`${id}-title`}>{title}</h3>
        {subtitle ? <p class="subtitle">{subtitle}</p> : null}
      </figcaption>
      <div class="chart" ref={box}>
        <ChartWidth.Provider value={width}>{children}</ChartWidth.Provider>
      </div>
      {notes}
      <div class="figure-foot">
        <SourceLinks sources={sources} />
        <span class="downloads">
          <button
            type="button"
            class="btn-small"
            onClick={() => {
              const el = svg();
              if (el) saveText(serializeSvg(el), `${base}.svg`, "image/svg+xml");
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
                saveBlob(await svgToPng(el), `${base}.png`);
                setError(null);
              } catch (e) {
                setError((e as Error).message);
              }
            }}
          >
            PNG<span class="sr-only"> of {title}</span>
          </button>
        </span>
      </div>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <details class="data-table">
        <summary>Data table</summary>
        <DataTable spec={table} id={`${id}-table`} />
      </details>
    </figure>
  );
}
