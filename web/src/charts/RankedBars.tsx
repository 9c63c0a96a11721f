import { scaleLinear } from "d3-scale";
import type { EstimateFlag } from "../../../src/model/observation.ts";
import { flagText, fmt } from "../lib/format.ts";
import { useDrawingWidth } from "./chart-width.ts";
import { shareColour } from "./palette.ts";

export interface BarDatum {
  ally: string;
  name: string;
  value: number | null;
  estimate: EstimateFlag | null;
  /** Shown instead of a bar (Iceland: "not applicable — no armed forces"). */
  note?: string;
}

const REFERENCE = [
  { at: 2, label: "2%" },
  { at: 3.5, label: "3.5%" },
  { at: 5, label: "5%" },
];

/** Allies ranked by share of GDP, with the 2%, 3.5% (Hague core) and 5% (Hague total) lines. */
export function RankedBars({ data, title, decimals = 2 }: { data: BarDatum[]; title: string; decimals?: number }) {
  const W = useDrawingWidth(760);
  const row = 18;
  const top = 22;
  const left = 128;
  const right = 56;
  const H = top + data.length * row + 8;
  const max = Math.max(5.5, ...data.map((d) => d.value ?? 0));
  const x = scaleLinear()
    .domain([0, max])
    .range([left, W - right]);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="bars-svg-title" class="bars-svg">
      <title id="bars-svg-title">{title}</title>
      {REFERENCE.map((r) => (
        <g key={r.at} class="ref">
          <line x1={x(r.at)} x2={x(r.at)} y1={top - 4} y2={H - 4} stroke="#b2182b" stroke-dasharray="4 3" stroke-width="1" />
          <text x={x(r.at)} y={top - 8} text-anchor="middle" font-size="11" fill="#b2182b">
            {r.label}
          </text>
        </g>
      ))}
      {data.map((d, i) => {
        const y = top + i * row;
        const est = d.estimate === "estimate" || d.estimate === "uncertain";
        return (
          <g
            key={d.ally}
            class="bar"
            data-ally={d.ally}
            data-value={d.value ?? ""}
            data-tip={
              d.value !== null
                ? `${d.name}: ${fmt(d.value, decimals)}% of GDP (${flagText(d.estimate)})`
                : `${d.name}: ${d.note ?? "no figure"}`
            }
          >
            {/* The whole row answers a hover or a tap, not only the bar. */}
            <rect x={0} y={y} width={W} height={row} fill="transparent" />
            <text x={left - 6} y={y + row / 2 + 4} text-anchor="end" font-size="12">
              {d.name}
            </text>
            {d.value !== null ? (
              <>
                <rect
                  x={left}
                  y={y + 2}
                  width={Math.max(0, x(d.value) - left)}
                  height={row - 4}
                  fill={shareColour(d.value)}
                  fill-opacity={est ? 0.55 : 1}
                  stroke={est ? "#333" : "none"}
                  stroke-dasharray={est ? "3 2" : undefined}
                  stroke-width={est ? 1 : 0}
                />
                <text x={x(d.value) + 4} y={y + row / 2 + 4} font-size="11">
                  {fmt(d.value, decimals)}
                  {est ? "e" : ""}
                </text>
              </>
            ) : (
              <text x={left + 4} y={y + row / 2 + 4} font-size="11" font-style="italic" fill="#555">
                {d.note ?? "no figure"}
              </text>
            )}
          </g>
        );
      })}
      <line x1={left} x2={left} y1={top - 4} y2={H - 4} stroke="#333" />
    </svg>
  );
}
