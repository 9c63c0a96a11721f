import { scaleLinear } from "d3-scale";
import { line } from "d3-shape";
import type { EstimateFlag } from "../../../src/model/observation.ts";
import type { Column } from "../components/DataTable.tsx";
import { wrapText } from "../lib/export-meta.ts";
import { flagMark, fmt } from "../lib/format.ts";
import { useDrawingWidth } from "./chart-width.ts";
import { seriesColour } from "./palette.ts";

export interface Point {
  x: number;
  y: number;
  estimate?: EstimateFlag;
}

export interface Series {
  id: string;
  label: string;
  points: Point[];
  /** Projections and superseded releases are dashed. */
  dashed?: boolean;
  colour?: string;
}

export interface ReferenceLine {
  y: number;
  label: string;
}

interface LineChartProps {
  title: string;
  series: Series[];
  yLabel: string;
  decimals?: number;
  references?: ReferenceLine[];
  /** Marks one year with a vertical rule (the 2029 review). */
  markX?: { x: number; label: string };
  yMin?: number;
}

const NATURAL_WIDTH = 640;
const H = 300;
const M = { top: 16, right: 16, bottom: 28 };
/** About 6.5 drawing units a character at 11 units (the axis and legend size). */
const CHAR = 6.5;
/** Year labels closer than this (in pixels) would run into each other. */
const MIN_TICK_GAP = 48;

/** Lines over years; estimates are hollow points, reported figures solid ones. */
export function LineChart({ title, series, yLabel, decimals = 2, references = [], markX, yMin }: LineChartProps) {
  const W = useDrawingWidth(NATURAL_WIDTH);
  const all = series.flatMap((s) => s.points);
  if (!all.length)
    return (
      <p class="note" role="note">
        No figures to draw.
      </p>
    );
  const xs = all.map((p) => p.x);
  const ys = [...all.map((p) => p.y), ...references.map((r) => r.y)];
  const lo = yMin ?? Math.min(0, ...ys);
  const y = scaleLinear()
    .domain([lo, Math.max(...ys) * 1.08 || 1])
    .nice()
    .range([H - M.bottom, M.top]);
  const tickLabel = (t: number) => fmt(t, Math.abs(t) >= 100 ? 0 : t % 1 ? 1 : 0);
  const yTicks = y.ticks(5);
  // The left margin makes room for the longest tick label and, beside it, the axis title: a
  // seven-digit label is neither clipped nor drawn under the title.
  const left = Math.max(48, Math.ceil(22 + 8 + CHAR * Math.max(...yTicks.map((t) => tickLabel(t).length))));
  const x = scaleLinear()
    .domain([Math.min(...xs), Math.max(...xs)])
    .range([left, W - M.right]);
  const span = (x.domain()[1] as number) - (x.domain()[0] as number);
  const step = span > 30 ? 10 : span > 12 ? 4 : span > 6 ? 2 : 1;
  const fit = Math.floor((W - left - M.right) / MIN_TICK_GAP);
  const xTicks = x.ticks(Math.max(2, Math.min(Math.floor(span / step), fit))).filter((t) => Number.isInteger(t));
  const path = line<Point>()
    .x((p) => x(p.x))
    .y((p) => y(p.y));
  const showLegend = series.length > 1;
  // As many legend columns as fit the longest label on one line; in a narrower chart labels wrap.
  const legendLeft = 8;
  const legendWidth = W - legendLeft - M.right;
  const longest = Math.max(...series.map((s) => s.label.length));
  const legendColumns = [3, 2, 1].find((c) => (legendWidth / c - 34) / CHAR >= longest && (c === 1 || W >= 400)) ?? 1;
  const legendColumn = legendWidth / legendColumns;
  const legendChars = Math.max(8, Math.floor((legendColumn - 34) / CHAR));
  // A label longer than its column wraps onto more lines (never cut); each legend row is as tall as its tallest label.
  const legendLines = series.map((s) => wrapText(s.label, legendChars));
  const rowTops: number[] = [];
  let legendHeight = 0;
  for (let r = 0; r * legendColumns < series.length; r++) {
    rowTops.push(legendHeight);
    const lines = Math.max(...legendLines.slice(r * legendColumns, (r + 1) * legendColumns).map((l) => l.length));
    legendHeight += 8 + 13 * lines;
  }
  return (
    <svg viewBox={`0 0 ${W} ${H + (showLegend ? legendHeight + 4 : 0)}`} role="img" aria-label={title} class="line-svg">
      <title>{title}</title>
      <g class="axis" font-size="11">
        {yTicks.map((t) => (
          <g key={t}>
            <line x1={left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke="#e3e6e9" />
            <text x={left - 6} y={y(t) + 4} text-anchor="end">
              {tickLabel(t)}
            </text>
          </g>
        ))}
        {xTicks.map((t) => (
          <text key={t} x={x(t)} y={H - M.bottom + 16} text-anchor="middle">
            {t}
          </text>
        ))}
        <text
          x={12}
          y={M.top + (H - M.top - M.bottom) / 2}
          transform={`rotate(-90 12 ${M.top + (H - M.top - M.bottom) / 2})`}
          text-anchor="middle"
        >
          {yLabel}
        </text>
        <line x1={left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} stroke="#333" />
      </g>
      {references.map((r) => (
        <g key={r.label} class="ref">
          <line x1={left} x2={W - M.right} y1={y(r.y)} y2={y(r.y)} stroke="#b2182b" stroke-dasharray="4 3" />
          <text x={W - M.right - 2} y={y(r.y) - 4} text-anchor="end" font-size="11" fill="#b2182b">
            {r.label}
          </text>
        </g>
      ))}
      {markX ? (
        <g class="ref">
          <line x1={x(markX.x)} x2={x(markX.x)} y1={M.top} y2={H - M.bottom} stroke="#777" stroke-dasharray="2 3" />
          <text x={x(markX.x) + 4} y={M.top + 10} font-size="10" fill="#555">
            {markX.label}
          </text>
        </g>
      ) : null}
      {series.map((s, i) => {
        const colour = s.colour ?? seriesColour(i);
        return (
          <g key={s.id} class="series" data-series={s.id}>
            <path
              d={runs(s.points)
                .map((r) => path(r) ?? "")
                .join("")}
              fill="none"
              stroke={colour}
              stroke-width="2"
              stroke-dasharray={s.dashed ? "6 4" : undefined}
            />
            {s.points.map((p) => {
              const est = p.estimate === "estimate" || p.estimate === "uncertain";
              return (
                <g key={p.x} class="point" data-tip={`${s.label}, ${p.x}: ${fmt(p.y, decimals)}${est ? " (estimate)" : ""}`}>
                  <circle cx={x(p.x)} cy={y(p.y)} r={3} fill={est ? "#fff" : colour} stroke={colour} stroke-width="1.5" />
                  {/* A finger needs a larger target than the drawn point. */}
                  <circle cx={x(p.x)} cy={y(p.y)} r={9} fill="transparent" />
                </g>
              );
            })}
          </g>
        );
      })}
      {showLegend ? (
        <g class="legend" font-size="11" transform={`translate(${legendLeft}, ${H + 6})`}>
          {series.map((s, i) => (
            <g key={s.id} transform={`translate(${(i % legendColumns) * legendColumn}, ${rowTops[Math.floor(i / legendColumns)] ?? 0})`}>
              <line
                x1="0"
                x2="22"
                y1="6"
                y2="6"
                stroke={s.colour ?? seriesColour(i)}
                stroke-width="2"
                stroke-dasharray={s.dashed ? "6 4" : undefined}
              />
              <text x="28" y="10">
                {legendLines[i]?.map((l, k) => (
                  <tspan key={k} x="28" dy={k ? 13 : 0}>
                    {l}
                  </tspan>
                ))}
              </text>
            </g>
          ))}
        </g>
      ) : null}
    </svg>
  );
}

/**
 * Runs of consecutive years: a line is broken where a year has no figure, so that an absent year is
 * drawn as absent, never bridged as if the figure were known.
 */
export function runs(points: readonly Point[]): Point[][] {
  const out: Point[][] = [];
  for (const p of points) {
    const last = out.at(-1);
    const prev = last?.at(-1);
    if (last && prev && p.x - prev.x <= 1) last.push(p);
    else out.push([p]);
  }
  return out;
}

/** The columns of the table behind a line chart (see seriesRows): the value at its decimals, with its estimate flag. */
export function seriesColumns(valueHeader: string, decimals: number, seriesHeader = "Series"): Column[] {
  return [
    { key: "series", header: seriesHeader },
    { key: "year", header: "Year" },
    {
      key: "value",
      header: valueHeader,
      numeric: true,
      show: (val, r) => `${fmt(val as number, decimals)}${flagMark(r.estimate as never)}`,
    },
    { key: "estimate", header: "Flag" },
  ];
}

/** Rows for the table behind a line chart: one per series and year. */
export function seriesRows(series: Series[], valueKey = "value") {
  return series.flatMap((s) => s.points.map((p) => ({ series: s.label, year: p.x, [valueKey]: p.y, estimate: p.estimate ?? null })));
}
