import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from "geojson";

/** ISO 3166 numeric codes (the ids of world-atlas) of the 32 allies. */
export const ISO_NUMERIC: Record<string, string> = {
  ALB: "008",
  BEL: "056",
  BGR: "100",
  CAN: "124",
  HRV: "191",
  CZE: "203",
  DNK: "208",
  EST: "233",
  FIN: "246",
  FRA: "250",
  DEU: "276",
  GRC: "300",
  HUN: "348",
  ISL: "352",
  ITA: "380",
  LVA: "428",
  LTU: "440",
  LUX: "442",
  MNE: "499",
  NLD: "528",
  MKD: "807",
  NOR: "578",
  POL: "616",
  PRT: "620",
  ROU: "642",
  SVK: "703",
  SVN: "705",
  ESP: "724",
  SWE: "752",
  TUR: "792",
  GBR: "826",
  USA: "840",
};

/**
 * Greenland is part of the Kingdom of Denmark and inside the North Atlantic Treaty area: it is drawn
 * in Denmark's colour, and its tooltip says so. Other self-governing territories (Faroe Islands) are
 * too small to matter at this scale and are left out.
 */
export const TERRITORIES: Record<string, { ally: string; name: string }> = { "304": { ally: "DNK", name: "Greenland" } };

export interface AllyShape {
  ally: string;
  /** The territory's own name when it is not the ally's mainland (Greenland). */
  territory: string | null;
  feature: Feature<Polygon | MultiPolygon>;
}

/** Mean of a ring's vertices: good enough to tell an island in the Caribbean from one in the Baltic. */
function ringCentre(ring: readonly Position[]): [number, number] {
  let x = 0;
  let y = 0;
  for (const p of ring) {
    x += p[0] as number;
    y += p[1] as number;
  }
  return [x / ring.length, y / ring.length];
}

/**
 * Keeps the parts of an ally in the treaty's part of the world and drops overseas territories that
 * would stretch the map: French Guiana, Réunion and the Antilles, the Canaries, Madeira and the Azores,
 * the Caribbean Netherlands, Bouvet Island and Hawaii. Svalbard and Alaska stay.
 */
export function inAllianceArea(region: "europe" | "north_america", [lon, lat]: [number, number]): boolean {
  if (region === "north_america") return lat > 24 && lon < -50;
  return lat > 34 && lon > -25 && lon < 50;
}

export function clipOverseas(
  feature: Feature<Polygon | MultiPolygon>,
  region: "europe" | "north_america",
): Feature<Polygon | MultiPolygon> | null {
  const g = feature.geometry;
  const polygons = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  const kept = polygons.filter((poly) => poly[0] && inAllianceArea(region, ringCentre(poly[0])));
  if (!kept.length) return null;
  return { ...feature, geometry: { type: "MultiPolygon", coordinates: kept } };
}

export function allyShapes(
  countries: FeatureCollection<Polygon | MultiPolygon>,
  regionOf: (ally: string) => "europe" | "north_america" | undefined,
): AllyShape[] {
  const byNumeric = new Map(Object.entries(ISO_NUMERIC).map(([iso3, n]) => [n, iso3]));
  const out: AllyShape[] = [];
  for (const f of countries.features) {
    const id = String(f.id ?? "");
    const territory = TERRITORIES[id];
    const ally = byNumeric.get(id) ?? territory?.ally;
    if (!ally) continue;
    // Greenland is in North America geographically, whatever its sovereign's region.
    const region = territory ? "north_america" : regionOf(ally);
    if (!region) continue;
    const clipped = territory ? f : clipOverseas(f, region);
    if (clipped) out.push({ ally, territory: territory?.name ?? null, feature: clipped });
  }
  return out;
}

/** The part of the world each panel shows, as a longitude and latitude window. */
const PANEL_WINDOW: Record<"europe" | "north_america", [[number, number], [number, number]]> = {
  europe: [
    [-30, 27],
    [60, 82],
  ],
  north_america: [
    [-180, 14],
    [-50, 85],
  ],
};

function ringTouches(ring: readonly Position[], [[w, s], [e, n]]: [[number, number], [number, number]]): boolean {
  let minLon = Number.POSITIVE_INFINITY;
  let maxLon = Number.NEGATIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  for (const [lon, lat] of ring as [number, number][]) {
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  return maxLon >= w && minLon <= e && maxLat >= s && minLat <= n;
}

/**
 * Countries that are not allies but lie in a panel (Austria, Switzerland, Serbia, Ireland, Ukraine,
 * Russia; Mexico): drawn in a neutral grey so the map has no holes, and never linked. Only their
 * polygons that reach the panel's window are kept, so the far side of the world is not projected.
 */
export function neighbourShapes(
  countries: FeatureCollection<Polygon | MultiPolygon>,
  region: "europe" | "north_america",
): Feature<MultiPolygon>[] {
  const allied = new Set([...Object.values(ISO_NUMERIC), ...Object.keys(TERRITORIES)]);
  const out: Feature<MultiPolygon>[] = [];
  for (const f of countries.features) {
    if (allied.has(String(f.id ?? ""))) continue;
    const g = f.geometry;
    const polygons = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
    const kept = polygons.filter((p) => p[0] && ringTouches(p[0], PANEL_WINDOW[region]));
    if (kept.length) out.push({ ...f, geometry: { type: "MultiPolygon", coordinates: kept } });
  }
  return out;
}
