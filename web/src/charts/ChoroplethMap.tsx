import { geoConicConformal, geoPath } from "d3-geo";
import type { MultiPolygon, Polygon } from "geojson";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import atlasUrl from "world-atlas/countries-110m.json?url";
import { encodeState } from "../lib/state.ts";
import { useUnitScale } from "./chart-width.ts";
import { type AllyShape, allyShapes, neighbourShapes } from "./map-geometry.ts";
import { legendItems, NO_DATA, NOT_APPLICABLE, shareColour } from "./palette.ts";

export interface MapDatum {
  ally: string;
  name: string;
  value: number | null;
  /** Text for the tooltip and the screen reader: "Poland: 4.12% of GDP (estimate)". */
  label: string;
  applicable: boolean;
  /** The figure is the source's estimate: the shape is drawn with a hatch over its colour. */
  estimate?: boolean;
}

/** Neutral grey for countries outside the alliance, so the map has no holes. */
const NON_ALLY = "#ececec";

/**
 * The next ally in an arrow key's direction: the nearest shape centre on that side, with distance
 * across the direction counting double, so that Right from Germany goes to Poland, not to Sweden.
 */
export function nextInDirection(
  from: [number, number],
  key: "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown",
  others: readonly { ally: string; centre: [number, number] }[],
): string | null {
  const [dx, dy] = key === "ArrowLeft" ? [-1, 0] : key === "ArrowRight" ? [1, 0] : key === "ArrowUp" ? [0, -1] : [0, 1];
  let best: { ally: string; score: number } | null = null;
  for (const o of others) {
    const ax = o.centre[0] - from[0];
    const ay = o.centre[1] - from[1];
    const along = ax * dx + ay * dy;
    if (along <= 0) continue;
    const across = Math.abs(ax * dy - ay * dx);
    const score = along + 2 * across;
    if (!best || score < best.score) best = { ally: o.ally, score };
  }
  return best?.ally ?? null;
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

/**
 * Small allies are hard to see and to tap on a phone: the map can zoom onto them (the Baltic states,
 * the Western Balkans and their neighbours) and back.
 */
const ZOOMS = {
  baltic: { label: "Baltic states", allies: ["EST", "LVA", "LTU"] },
  balkans: { label: "Balkans", allies: ["SVN", "HRV", "MNE", "ALB", "MKD", "BGR", "GRC"] },
} as const;

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

  const [countries, setCountries] = useState<Countries | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [zoom, setZoom] = useState<keyof typeof ZOOMS | "">("");
  const svgRef = useRef<SVGSVGElement>(null);
  useEffect(() => {
    loadAtlas().then(setCountries, () => {});
  }, []);

  const drawing = useMemo(() => {
    if (!shapes || !countries) return null;
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
      const neighbours = neighbourShapes(countries, region).map((f) => path(f) ?? "");
      return {
        allies: list.map((s) => ({ ...s, d: path(s.feature) ?? "", centre: path.centroid(s.feature), bounds: path.bounds(s.feature) })),
        neighbours,
      };
    };
    const na = panel("north_america");
    const eu = panel("europe");
    return { paths: [...na.allies, ...eu.allies], neighbours: { north_america: na.neighbours, europe: eu.neighbours } };
  }, [shapes, countries, regionOf]);
  const paths = drawing?.paths ?? null;

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
  const legend = [
    ...legendItems(),
    { label: "no data", colour: NO_DATA },
    { label: "estimate", colour: "url(#hatch-est-legend)" },
    { label: "n/a", colour: "url(#hatch-na)" },
    { label: "not an ally", colour: NON_ALLY },
  ];
  // One tab stop for the whole map (a roving tabindex): arrow keys move between allies, Enter opens one.
  const mainland = paths.filter((p) => !p.territory);
  const focusAlly =
    active && mainland.some((p) => p.ally === active)
      ? active
      : ([...mainland].sort((a, b) => a.ally.localeCompare(b.ally))[0]?.ally ?? "");
  const onKeyDown = (e: KeyboardEvent) => {
    const key = e.key;
    if (key !== "ArrowLeft" && key !== "ArrowRight" && key !== "ArrowUp" && key !== "ArrowDown") return;
    const from = mainland.find((p) => p.ally === focusAlly);
    if (!from) return;
    e.preventDefault();
    const next = nextInDirection(
      from.centre,
      key,
      mainland.filter((p) => p.ally !== focusAlly),
    );
    if (!next) return;
    setActive(next);
    svgRef.current?.querySelector<SVGAElement>(`a.country-link[data-ally="${next}"]:not([data-territory])`)?.focus();
  };
  const itemWidth = 82 * k;
  const perRow = Math.max(1, Math.floor((W - 12) / itemWidth));
  const legendRows = Math.ceil(legend.length / perRow);
  const zoomed = zoom ? paths.filter((p) => !p.territory && (ZOOMS[zoom].allies as readonly string[]).includes(p.ally)) : [];
  const viewBox = (() => {
    const full = `0 0 ${W} ${H + 12 + legendRows * 22 * k}`;
    if (!zoomed.length) return full;
    const x0 = Math.min(...zoomed.map((p) => p.bounds[0][0]));
    const y0 = Math.min(...zoomed.map((p) => p.bounds[0][1]));
    const x1 = Math.max(...zoomed.map((p) => p.bounds[1][0]));
    const y1 = Math.max(...zoomed.map((p) => p.bounds[1][1]));
    const pad = 0.15 * Math.max(x1 - x0, y1 - y0);
    return `${x0 - pad} ${y0 - pad} ${x1 - x0 + 2 * pad} ${y1 - y0 + 2 * pad}`;
  })();
  return (
    <>
      <fieldset class="map-zoom">
        <legend class="sr-only">Zoom the map</legend>
        {(Object.keys(ZOOMS) as (keyof typeof ZOOMS)[]).map((z) => (
          <button key={z} type="button" class="btn-small" aria-pressed={zoom === z} onClick={() => setZoom(zoom === z ? "" : z)}>
            {ZOOMS[z].label}
          </button>
        ))}
        {zoom ? (
          <button type="button" class="btn-small" onClick={() => setZoom("")}>
            Whole map
          </button>
        ) : null}
      </fieldset>
      {/* A group, not an image: it holds links (an image with links inside is a nested-interactive error). */}
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG cannot be a fieldset */}
      <svg
        ref={svgRef}
        viewBox={viewBox}
        role="group"
        aria-labelledby="map-svg-title"
        aria-describedby="map-svg-desc"
        class="map-svg"
        onKeyDown={onKeyDown}
      >
        <title id="map-svg-title">{title}</title>
        <desc id="map-svg-desc">One tab stop: the arrow keys move between allies, Enter opens the ally's page.</desc>
        <defs>
          <clipPath id="clip-na">
            <rect x="2" y="2" width="256" height="256" />
          </clipPath>
          <clipPath id="clip-eu">
            <rect x="0" y="0" width={W} height={H} />
          </clipPath>
          <pattern id="hatch-est" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">
            <line x1="0" y1="0" x2="0" y2="5" stroke="#ffffff" stroke-width="1.6" stroke-opacity="0.85" />
          </pattern>
          <pattern id="hatch-est-legend" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">
            <rect width="5" height="5" fill="#277f8e" />
            <line x1="0" y1="0" x2="0" y2="5" stroke="#ffffff" stroke-width="1.6" stroke-opacity="0.85" />
          </pattern>
          <pattern id="hatch-na" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill={NOT_APPLICABLE} />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#9a9a9a" stroke-width="1.5" />
          </pattern>
        </defs>
        <g class="neighbours" fill={NON_ALLY} stroke="#fff" stroke-width="0.6">
          <g clip-path="url(#clip-eu)">
            {drawing?.neighbours.europe.map((d, i) => (
              <path key={`eu-${i}`} d={d} />
            ))}
          </g>
          <rect x="2" y="2" width="256" height="256" fill="#fff" stroke="none" />
          <g clip-path="url(#clip-na)">
            {drawing?.neighbours.north_america.map((d, i) => (
              <path key={`na-${i}`} d={d} />
            ))}
          </g>
        </g>
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
                data-territory={p.territory ?? undefined}
                data-value={d?.value ?? ""}
                data-estimate={d?.estimate ? "true" : undefined}
                data-tip={label}
                tabindex={!p.territory && p.ally === focusAlly ? 0 : -1}
                onFocus={() => {
                  if (!p.territory) setActive(p.ally);
                }}
              >
                <path d={p.d} fill={fill} stroke="#fff" stroke-width="0.6" class="country" />
                {d?.estimate && d.applicable && d.value !== null ? (
                  <path d={p.d} fill="url(#hatch-est)" stroke="none" class="estimate-hatch" pointer-events="none" />
                ) : null}
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
    </>
  );
}
