import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { MultiPolygon, Polygon } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { describe, expect, it } from "vitest";
import { loadDataset } from "../../../src/data/load-dataset.ts";
import { allyShapes, ISO_NUMERIC, neighbourShapes } from "./map-geometry.ts";

const require = createRequire(import.meta.url);
const topo = JSON.parse(readFileSync(require.resolve("world-atlas/countries-110m.json"), "utf8")) as Topology;
const countries = feature(topo, topo.objects.countries as GeometryCollection) as unknown as GeoJSON.FeatureCollection<
  Polygon | MultiPolygon
>;
const ds = loadDataset();
const shapes = allyShapes(countries, (a) => ds.ally(a)?.region);

describe("the alliance map", () => {
  it("has a numeric code for every ally and a shape for each in the atlas", () => {
    expect(Object.keys(ISO_NUMERIC).sort()).toEqual(ds.allies.map((a) => a.iso3).sort());
    expect(new Set(shapes.map((s) => s.ally)).size).toBe(32);
  });

  it("drops overseas territories: France keeps no polygon south of 34°N", () => {
    const fra = shapes.find((s) => s.ally === "FRA" && !s.territory);
    const polys = fra?.feature.geometry.type === "MultiPolygon" ? fra.feature.geometry.coordinates : [];
    expect(polys.length).toBeGreaterThan(0);
    for (const p of polys) for (const [, lat] of p[0] ?? []) expect(lat).toBeGreaterThan(34);
  });

  it("draws Greenland as part of Denmark", () => {
    expect(shapes.find((s) => s.territory === "Greenland")?.ally).toBe("DNK");
  });

  it("draws the non-allied neighbours (Austria, Switzerland, Serbia) and no ally among them", () => {
    const europe = neighbourShapes(countries, "europe").map((f) => (f.properties as { name?: string } | null)?.name);
    for (const name of ["Austria", "Switzerland", "Serbia", "Ireland", "Ukraine", "Russia"]) expect(europe).toContain(name);
    const allied = new Set(Object.values(ISO_NUMERIC));
    for (const f of neighbourShapes(countries, "europe")) expect(allied.has(String(f.id))).toBe(false);
    // Nothing from the other side of the world: no Australia, no Antarctica in Europe's panel.
    expect(europe).not.toContain("Australia");
    expect(europe).not.toContain("Antarctica");
    expect(neighbourShapes(countries, "north_america").map((f) => (f.properties as { name?: string } | null)?.name)).toContain("Mexico");
  });
});
