import { scaleLinear } from "d3-scale";
import { area, line } from "d3-shape";
import { fmt } from "../lib/format.ts";
import { useDrawingWidth } from "./chart-width.ts";

/** One year of a fan: the 5th, 25th, 50th, 75th and 95th percentiles. */
export interface FanRow {
  year: number;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

export interface FanSeries {
  id: string;
  label: string;
  colour: string;
  rows: FanRow[];
}

const NATURAL_WIDTH = 640;
const H = 320;
const M = { top: 16, right: 16, bottom: 28, left: 64 };
const MIN_TICK_GAP = 40;
const LEGEND_ROW = 18;

/** Several Monte Carlo fans on one chart: per series its 5–95 band, its 25–75 band and its median line, in its own colour. */
export function ForecastFanChart({
  title,
  series,
  yLabel,
  target,
  decimals = 2,
}: {
  title: string;
  series: FanSeries[];
  yLabel: string;
  target?: number;
  decimals?: number;
}) {
  const W = useDrawingWidth(NATURAL_WIDTH);
  const all = series.flatMap((s) => s.rows);
  if (!all.length) return null;
  const years = [...new Set(all.map((r) => r.year))].sort((a, b) => a - b);
  const first = years[0] ?? 0;
  const everyNth = Math.max(1, Math.ceil(years.length / Math.floor((W - M.left - M.right) / MIN_TICK_GAP)));
  const x = scaleLinear()
    .domain([first, years.at(-1) ?? 1])
    .range([M.left, W - M.right]);
  const hi = Math.max(...all.map((r) => r.p95), target ?? 0);
  const lo = Math.min(...all.map((r) => r.p5), target ?? Number.POSITIVE_INFINITY);
  const y = scaleLinear()
    .domain([Math.max(0, lo * 0.9), hi * 1.05])
    .nice()
    .range([H - M.bottom, M.top]);
  const band = (rows: FanRow[], a: keyof FanRow, b: keyof FanRow) =>
    area<FanRow>()
      .x((r) => x(r.year))
      .y0((r) => y(r[a]))
      .y1((r) => y(r[b]))(rows) ?? "";
  const median = (rows: FanRow[]) =>
    line<FanRow>()
      .x((r) => x(r.year))
      .y((r) => y(r.p50))(rows) ?? "";
  return (
    <svg
      viewBox={`0 0 ${W} ${H + 8 + LEGEND_ROW * series.length}`}
      role="img"
      aria-label={title}
      class="fan-svg"
      data-testid="forecast-fans"
    >
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
        {years.map((yr) => (
          <text key={yr} x={x(yr)} y={H - M.bottom + 16} text-anchor="middle">
            {(yr - first) % everyNth ? "" : yr}
          </text>
        ))}
        <text x={12} y={H / 2} transform={`rotate(-90 12 ${H / 2})`} text-anchor="middle">
          {yLabel}
        </text>
      </g>
      {series.map((s) => (
        <g key={s.id} data-model={s.id}>
          <path d={band(s.rows, "p5", "p95")} fill={s.colour} fill-opacity="0.12" />
          <path d={band(s.rows, "p25", "p75")} fill={s.colour} fill-opacity="0.25" />
          <path d={median(s.rows)} fill="none" stroke={s.colour} stroke-width="2" />
          {s.rows.map((r) => (
            <circle key={r.year} cx={x(r.year)} cy={y(r.p50)} r="5" fill="transparent">
              <title>{`${s.label}, ${r.year}: median ${fmt(r.p50, decimals)}, 5–95%: ${fmt(r.p5, decimals)}–${fmt(r.p95, decimals)}`}</title>
            </circle>
          ))}
        </g>
      ))}
      {target !== undefined ? (
        <g class="ref">
          <line x1={M.left} x2={W - M.right} y1={y(target)} y2={y(target)} stroke="#b2182b" stroke-dasharray="4 3" />
          <text x={W - M.right - 2} y={y(target) - 4} text-anchor="end" font-size="11" fill="#b2182b">
            target {fmt(target, 1)}%
          </text>
        </g>
      ) : null}
      <g font-size="11" transform={`translate(${M.left}, ${H + 4})`}>
        {series.map((s, i) => (
          <g key={s.id} transform={`translate(0, ${i * LEGEND_ROW})`}>
            <rect width="18" height="10" fill={s.colour} fill-opacity="0.25" />
            <line x1="0" x2="18" y1="5" y2="5" stroke={s.colour} stroke-width="2" />
            <text x={24} y="9">
              {s.label}: median, 25th–75th and 5th–95th percentiles
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}
