import { geoConicConformal, geoPath } from "d3-geo";
import type { MultiPolygon, Polygon } from "geojson";
import { useEffect, useMemo, useState } from "preact/hooks";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import atlasUrl from "world-atlas/countries-110m.json?url";
import { encodeState } from "../lib/state.ts";
import { useUnitScale } from "./chart-width.ts";
import { type AllyShape, allyShapes } from "./map-geometry.ts";
import { legendItems, NO_DATA, NOT_APPLICABLE, shareColour } from "./palette.ts";

export interface MapDatum {
  ally: string;
  name: string;
  value: number | null;
  /** Text for the tooltip and the screen reader: "Poland: 4.12% of GDP (estimate)". */
  label: string;
  applicable: boolean;
}

type Countries = GeoJSON.FeatureCollection<Polygon | MultiPolygon>;
let atlas: Promise<Countries> | null = null;
/** The atlas is a file beside the page (fetched once, cached by the browser), not part of the JavaScript. */
function loadAtlas(): Promise<Countries> {
  atlas ??= fetch(atlasUrl)
    .then((r) => {
      if (!r.ok) throw new Error(`the map could not be loaded: HTTP ${r.status}`);
      return r.json() as Promise<Topology>;
    })
    .then((t) => feature(t, t.objects.countries as GeometryCollection) as unknown as Countries);
  atlas.catch(() => {
    atlas = null;
  });
  return atlas;
}

const W = 760;
const H = 520;
type Box = [[number, number], [number, number]];
const NA_BOX: Box = [
  [6, 6],
  [250, 250],
];
const EUROPE_BOX: Box = [
  [200, 6],
  [W - 6, H - 6],
];

export function ChoroplethMap({
  data,
  regionOf,
  title,
  linkState,
}: {
  data: MapDatum[];
  regionOf: (ally: string) => "europe" | "north_america" | undefined;
  title: string;
  linkState: (ally: string) => Parameters<typeof encodeState>[0];
}) {
  // The map keeps its projection and is scaled down as a whole on a phone; its words are not: they are
  // drawn larger in map units so that they stay about 11 pixels tall, and the legend wraps into rows.
  const k = 1 / useUnitScale(W);
  const [shapes, setShapes] = useState<AllyShape[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    loadAtlas().then(
      (c) => setShapes(allyShapes(c, regionOf)),
      (e: Error) => setError(e.message),
    );
  }, [regionOf]);

  const paths = useMemo(() => {
    if (!shapes) return null;
    // Two panels, each fitted to its allies: Europe large (29 of the 32 allies are there), North America
    // as an inset. Conic conformal keeps the shapes people know; the parallels suit each panel's latitudes.
    const panel = (region: "europe" | "north_america") => {
      const list = shapes.filter((s) => (s.territory ? "north_america" : regionOf(s.ally)) === region);
      const projection =
        region === "europe"
          ? geoConicConformal().rotate([-15, 0]).parallels([40, 65])
          : geoConicConformal().rotate([96, 0]).parallels([33, 65]);
      projection.fitExtent(region === "europe" ? EUROPE_BOX : NA_BOX, { type: "FeatureCollection", features: list.map((s) => s.feature) });
      const path = geoPath(projection);
      return list.map((s) => ({ ...s, d: path(s.feature) ?? "" }));
    };
    return [...panel("north_america"), ...panel("europe")];
  }, [shapes, regionOf]);

  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!paths)
    return (
      <p class="loading" role="status">
        Loading the map…
      </p>
    );
  const byAlly = new Map(data.map((d) => [d.ally, d]));
  const legend = [...legendItems(), { label: "n/a", colour: "url(#hatch-na)" }];
  const itemWidth = 82 * k;
  const perRow = Math.max(1, Math.floor((W - 12) / itemWidth));
  const legendRows = Math.ceil(legend.length / perRow);
  return (
    <svg viewBox={`0 0 ${W} ${H + 12 + legendRows * 22 * k}`} role="img" aria-labelledby="map-svg-title" class="map-svg">
      <title id="map-svg-title">{title}</title>
      <defs>
        <pattern id="hatch-na" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill={NOT_APPLICABLE} />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#9a9a9a" stroke-width="1.5" />
        </pattern>
      </defs>
      <rect x="2" y="2" width="256" height="256" fill="none" stroke="#c8cdd2" rx="4" />
      {k > 1.5 ? (
        // On a phone the label would cover the inset's shapes: it goes under the box, where Europe's panel leaves room.
        <text x="6" y={258 + 10 * k} font-size={10 * k} fill="#555">
          <tspan x="6">North America</tspan>
          <tspan x="6" dy={11 * k}>
            (smaller scale)
          </tspan>
        </text>
      ) : (
        <text x="10" y="252" font-size={10 * k} fill="#555">
          North America (smaller scale)
        </text>
      )}
      <g class="countries">
        {paths.map((p) => {
          const d = byAlly.get(p.ally);
          const fill = !d ? NO_DATA : !d.applicable ? "url(#hatch-na)" : shareColour(d.value);
          const label = d ? (p.territory ? `${p.territory} (Kingdom of Denmark) — ${d.label}` : d.label) : p.ally;
          return (
            <a
              key={`${p.ally}-${p.territory ?? ""}`}
              href={encodeState(linkState(p.ally))}
              aria-label={label}
              class="country-link"
              data-ally={p.ally}
              data-value={d?.value ?? ""}
            >
              <path d={p.d} fill={fill} stroke="#fff" stroke-width="0.6" class="country">
                <title>{label}</title>
              </path>
            </a>
          );
        })}
      </g>
      <g class="legend" transform={`translate(12, ${H + 6})`}>
        {legend.map((l, i) => (
          <g key={l.label} transform={`translate(${(i % perRow) * itemWidth}, ${Math.floor(i / perRow) * 22 * k}) scale(${k})`}>
            <rect width="18" height="14" fill={l.colour} stroke="#666" stroke-width="0.5" />
            <text x="22" y="11" font-size="11">
              {l.label}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}
