import { scaleLinear } from "d3-scale";
import { fmt } from "../lib/format.ts";
import { useDrawingWidth } from "./chart-width.ts";

export interface ScatterPoint {
  id: string;
  /** Drawn beside the point (an ISO3 code). */
  short: string;
  /** Said in the tooltip (the ally's name). */
  label: string;
  x: number;
  y: number;
  /** Either figure is an estimate: the point is hollow. */
  estimate: boolean;
}

interface ScatterProps {
  title: string;
  points: ScatterPoint[];
  xLabel: string;
  yLabel: string;
  /** Guideline lines: the quadrant above both meets both guidelines. */
  xRef: { at: number; label: string };
  yRef: { at: number; label: string };
}

const NATURAL_WIDTH = 640;
const H = 380;
const M = { top: 16, right: 24, bottom: 44, left: 56 };

/** Two guidelines at once: each ally's share of GDP against its equipment share, as NATO draws them. */
export function ScatterChart({ title, points, xLabel, yLabel, xRef, yRef }: ScatterProps) {
  const W = useDrawingWidth(NATURAL_WIDTH);
  if (!points.length)
    return (
      <p class="note" role="note">
        No figures to draw.
      </p>
    );
  const x = scaleLinear()
    .domain([0, Math.max(xRef.at * 1.25, ...points.map((p) => p.x)) * 1.05])
    .nice()
    .range([M.left, W - M.right]);
  const y = scaleLinear()
    .domain([0, Math.max(yRef.at * 1.25, ...points.map((p) => p.y)) * 1.05])
    .nice()
    .range([H - M.bottom, M.top]);
  const both = points.filter((p) => p.x >= xRef.at && p.y >= yRef.at).length;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title} class="scatter-svg">
      <title>{title}</title>
      <rect x={x(xRef.at)} y={M.top} width={W - M.right - x(xRef.at)} height={y(yRef.at) - M.top} fill="#e8f3ec" />
      <text x={W - M.right - 4} y={M.top + 14} text-anchor="end" font-size="11" fill="#1b5e20">
        both guidelines met: {both}
      </text>
      <g class="axis" font-size="11">
        {x.ticks(6).map((t) => (
          <g key={`x${t}`}>
            <line x1={x(t)} x2={x(t)} y1={M.top} y2={H - M.bottom} stroke="#eef0f2" />
            <text x={x(t)} y={H - M.bottom + 16} text-anchor="middle">
              {fmt(t, t % 1 ? 1 : 0)}
            </text>
          </g>
        ))}
        {y.ticks(6).map((t) => (
          <g key={`y${t}`}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke="#eef0f2" />
            <text x={M.left - 6} y={y(t) + 4} text-anchor="end">
              {fmt(t, 0)}
            </text>
          </g>
        ))}
        <text x={(M.left + W - M.right) / 2} y={H - 6} text-anchor="middle">
          {xLabel}
        </text>
        <text x={12} y={(M.top + H - M.bottom) / 2} transform={`rotate(-90 12 ${(M.top + H - M.bottom) / 2})`} text-anchor="middle">
          {yLabel}
        </text>
        <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} stroke="#333" />
        <line x1={M.left} x2={M.left} y1={M.top} y2={H - M.bottom} stroke="#333" />
      </g>
      <g class="ref" font-size="11">
        <line x1={x(xRef.at)} x2={x(xRef.at)} y1={M.top} y2={H - M.bottom} stroke="#b2182b" stroke-dasharray="4 3" />
        <text x={x(xRef.at) + 4} y={H - M.bottom - 6} fill="#b2182b">
          {xRef.label}
        </text>
        <line x1={M.left} x2={W - M.right} y1={y(yRef.at)} y2={y(yRef.at)} stroke="#b2182b" stroke-dasharray="4 3" />
        <text x={M.left + 4} y={y(yRef.at) - 4} fill="#b2182b">
          {yRef.label}
        </text>
      </g>
      {points.map((p) => (
        <g
          key={p.id}
          class="point"
          data-ally={p.id}
          data-x={p.x}
          data-y={p.y}
          data-tip={`${p.label}: ${fmt(p.x, 2)}% of GDP, ${fmt(p.y, 1)}% on equipment${p.estimate ? " (estimate)" : ""}`}
        >
          <circle cx={x(p.x)} cy={y(p.y)} r={4} fill={p.estimate ? "#fff" : "#0072B2"} stroke="#0072B2" stroke-width="1.5" />
          <circle cx={x(p.x)} cy={y(p.y)} r={10} fill="transparent" />
          <text x={x(p.x) + 6} y={y(p.y) - 5} font-size="11" fill="#333">
            {p.short}
          </text>
        </g>
      ))}
    </svg>
  );
}
