import { scaleLinear } from "d3-scale";
import { area, line } from "d3-shape";
import { fmt } from "../lib/format.ts";
import { useDrawingWidth } from "./chart-width.ts";

export interface FanRow {
  year: number;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

const NATURAL_WIDTH = 640;
const H = 300;
const M = { top: 16, right: 16, bottom: 28, left: 64 };
/** Year labels closer than this (in pixels) would run into each other. */
const MIN_TICK_GAP = 40;
/** The legend's three keys and the width each takes, laid out in rows that fit the drawing. */
const LEGEND = [
  { label: "5th–95th percentile", width: 150, kind: "outer" },
  { label: "25th–75th", width: 110, kind: "inner" },
  { label: "median", width: 80, kind: "median" },
] as const;

/** Percentile bands of a Monte Carlo: 5–95 light, 25–75 darker, the median as a line. */
export function FanChart({
  title,
  rows,
  yLabel,
  target,
  decimals = 2,
}: {
  title: string;
  rows: FanRow[];
  yLabel: string;
  target?: number;
  decimals?: number;
}) {
  const W = useDrawingWidth(NATURAL_WIDTH);
  if (!rows.length) return null;
  const everyNth = Math.max(1, Math.ceil(rows.length / Math.floor((W - M.left - M.right) / MIN_TICK_GAP)));
  const first = rows[0]?.year ?? 0;
  const legendLeft = W - M.left >= 350 ? M.left : 8;
  let lx = 0;
  let ly = 0;
  const legend = LEGEND.map((item) => {
    if (lx > 0 && legendLeft + lx + item.width > W) {
      lx = 0;
      ly += 18;
    }
    const at = { ...item, x: lx, y: ly };
    lx += item.width;
    return at;
  });
  const x = scaleLinear()
    .domain([rows[0]?.year ?? 0, rows.at(-1)?.year ?? 1])
    .range([M.left, W - M.right]);
  const hi = Math.max(...rows.map((r) => r.p95), target ?? 0);
  const lo = Math.min(...rows.map((r) => r.p5), target ?? Number.POSITIVE_INFINITY);
  const y = scaleLinear()
    .domain([Math.max(0, lo * 0.9), hi * 1.05])
    .nice()
    .range([H - M.bottom, M.top]);
  const band = (a: keyof FanRow, b: keyof FanRow) =>
    area<FanRow>()
      .x((r) => x(r.year))
      .y0((r) => y(r[a]))
      .y1((r) => y(r[b]))(rows) ?? "";
  const median =
    line<FanRow>()
      .x((r) => x(r.year))
      .y((r) => y(r.p50))(rows) ?? "";
  return (
    <svg viewBox={`0 0 ${W} ${H + 22 + ly}`} role="img" aria-label={title} class="fan-svg">
      <title>{title}</title>
      <g font-size="11">
        {y.ticks(5).map((t) => (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke="#e3e6e9" />
            <text x={M.left - 6} y={y(t) + 4} text-anchor="end">
              {fmt(t, Math.abs(t) >= 100 ? 0 : 1)}
            </text>
          </g>
        ))}
        {rows.map((r) => (
          <text key={r.year} x={x(r.year)} y={H - M.bottom + 16} text-anchor="middle">
            {(r.year - first) % everyNth ? "" : r.year}
          </text>
        ))}
        <text x={12} y={H / 2} transform={`rotate(-90 12 ${H / 2})`} text-anchor="middle">
          {yLabel}
        </text>
      </g>
      <path d={band("p5", "p95")} fill="#0072B2" fill-opacity="0.18" />
      <path d={band("p25", "p75")} fill="#0072B2" fill-opacity="0.38" />
      <path d={median} fill="none" stroke="#0072B2" stroke-width="2" />
      {target !== undefined ? (
        <g class="ref">
          <line x1={M.left} x2={W - M.right} y1={y(target)} y2={y(target)} stroke="#b2182b" stroke-dasharray="4 3" />
          <text x={W - M.right - 2} y={y(target) - 4} text-anchor="end" font-size="11" fill="#b2182b">
            target {fmt(target, 1)}%
          </text>
        </g>
      ) : null}
      <g font-size="11" transform={`translate(${legendLeft}, ${H + 6})`}>
        {legend.map((l) => (
          <g key={l.kind} transform={`translate(${l.x}, ${l.y})`}>
            {l.kind === "median" ? (
              <line x1="0" x2="22" y1="5" y2="5" stroke="#0072B2" stroke-width="2" />
            ) : (
              <rect width="18" height="10" fill="#0072B2" fill-opacity={l.kind === "outer" ? 0.18 : 0.38} />
            )}
            <text x={l.kind === "median" ? 28 : 24} y="9">
              {l.label}
            </text>
          </g>
        ))}
      </g>
      {rows.map((r) => (
        <circle
          key={r.year}
          cx={x(r.year)}
          cy={y(r.p50)}
          r="8"
          fill="transparent"
          class="tip-target"
          data-tip={`${r.year}: median ${fmt(r.p50, decimals)}, 5–95%: ${fmt(r.p5, decimals)}–${fmt(r.p95, decimals)}`}
        />
      ))}
    </svg>
  );
}
