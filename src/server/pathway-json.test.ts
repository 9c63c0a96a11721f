import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { PathwaySet } from "../core/pathway.ts";
import {
  allianceRecords,
  allianceRows,
  PATHWAY_SERIES_COLUMNS,
  pathwaySeries,
  pathwaySummary,
  pathwaySummaryRecords,
  runPathwayRequest,
} from "../core/pathway-request.ts";
import { PATHWAY_ALLIANCE_SPEC, PATHWAY_SUMMARY_SPEC } from "../core/pathway-tables.ts";
import { EXACT_DIGITS_LIMIT, publishedValue } from "../core/published-precision.ts";
import { type PublishedTableSpec, publishRows } from "../core/published-table/spec.ts";
import { loadDataset } from "../data/load-dataset.ts";
import { PathwayRequestSchema } from "../model/pathway.ts";
import { pathwayAnswerJson, SpecRows } from "./pathway-json.ts";

const ds = loadDataset();
const decode = (bytes: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(bytes));

/** A real pathway set whose first ally's every column holds `values` instead of its figures. */
function setHolding(values: number[]): PathwaySet {
  const set = runPathwayRequest(ds, PathwayRequestSchema.parse({ allies: ["DEU"] }));
  const p = set.allies[0] as PathwaySet["allies"][number];
  const columns = Object.fromEntries(Object.keys(p.columns).map((k) => [k, Float64Array.from(values)])) as typeof p.columns;
  return { ...set, allies: [{ ...p, columns }] };
}

describe("the byte-written JSON of POST /pathways", () => {
  it.each([
    { target: {} },
    { target: { shape: "front-loaded", targetYear: 2032, corePct: 3 } },
    { target: { shape: "constant-real-growth" }, economy: { gdpShockPp: -3 } },
    { allies: ["ESP", "POL"], target: { shape: "back-loaded", relatedPct: 0 } },
  ])("parses to exactly the generic series form for %j", (body) => {
    const set = runPathwayRequest(ds, PathwayRequestSchema.parse(body));
    const about = { vintage: set.vintageId, summary: pathwaySummary(set), alliance: allianceRows(set), excluded: set.excluded };
    expect(decode(pathwayAnswerJson(about, set))).toEqual({ ...about, pathways: pathwaySeries(set) });
  });

  it.each([{ target: {} }, { allies: ["ESP", "POL", "USA"], target: { shape: "back-loaded", relatedPct: 0, targetYear: 2030 } }])(
    "writes the summary and alliance rows as JSON.stringify of their published rows would, for %j",
    (body) => {
      const set = runPathwayRequest(ds, PathwayRequestSchema.parse(body));
      const written = decode(
        pathwayAnswerJson(
          {
            vintage: set.vintageId,
            summary: new SpecRows(PATHWAY_SUMMARY_SPEC, pathwaySummaryRecords(set)),
            alliance: new SpecRows(PATHWAY_ALLIANCE_SPEC, allianceRecords(set)),
          },
          set,
        ),
      );
      // The oracle is the generic path: publish the rows, then the engine's own JSON text.
      const generic = JSON.parse(JSON.stringify({ vintage: set.vintageId, summary: pathwaySummary(set), alliance: allianceRows(set) }));
      expect(written).toEqual({ ...generic, pathways: pathwaySeries(set) });
    },
  );

  const SPEC: PublishedTableSpec = {
    name: "t",
    description: "test",
    columns: [
      { key: "pct", header: "%", type: "number", decimals: 4, description: "" },
      { key: "raw", header: "raw", type: "number", description: "" },
      { key: "text", header: "text", type: "text", description: "" },
      { key: "flag", header: "flag", type: "boolean", description: "" },
    ],
  };
  test.prop([
    fc.array(
      fc.record({
        pct: fc.oneof(fc.double(), fc.constant(null), fc.constant(undefined)),
        raw: fc.oneof(fc.double(), fc.constant(null)),
        text: fc.oneof(fc.string(), fc.constant(null)),
        flag: fc.oneof(fc.boolean(), fc.constant(undefined)),
      }),
      { maxLength: 8 },
    ),
  ])("any records parse back as JSON.stringify(publishRows(spec, records)) does", (records) => {
    const written = decode(pathwayAnswerJson({ rows: new SpecRows(SPEC, records) }, setHolding([1]))) as { rows: unknown };
    expect(written.rows).toEqual(JSON.parse(JSON.stringify(publishRows(SPEC, records))));
  });

  it("keeps names outside ASCII intact", () => {
    const set = runPathwayRequest(ds, PathwayRequestSchema.parse({ allies: ["TUR"] }));
    const renamed = { ...set, allies: set.allies.map((p) => ({ ...p, name: "Türkiye — “quoted”" })) };
    expect((decode(pathwayAnswerJson({ note: "ü" }, renamed)) as { pathways: { name: string }[] }).pathways[0]?.name).toBe(
      "Türkiye — “quoted”",
    );
  });

  const edges = [0, -0, 0.5, -0.5, 0.005, -0.005, 0.00005, 0.004999, 1.005, 2.675, 1e-12, -1e-12, 123456789.125, 3.5000000000000004];
  const beyond = [EXACT_DIGITS_LIMIT / 100, -EXACT_DIGITS_LIMIT, 1e300, Number.MAX_VALUE, Number.MIN_VALUE];
  it("writes each figure as its published value, and what JSON cannot hold as null", () => {
    const values = [...edges, ...beyond, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    const series = (decode(pathwayAnswerJson({}, setHolding(values))) as { pathways: { columns: Record<string, unknown[]> }[] })
      .pathways[0];
    for (const { key, decimals } of PATHWAY_SERIES_COLUMNS)
      expect(series?.columns[key], key).toEqual(values.map((v) => (Number.isFinite(v) ? publishedValue(v, decimals) : null)));
  });

  test.prop([fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 40 })])(
    "any finite double parses back to exactly its published value",
    (values) => {
      const series = (decode(pathwayAnswerJson({}, setHolding(values))) as { pathways: { columns: Record<string, number[]> }[] })
        .pathways[0];
      for (const { key, decimals } of PATHWAY_SERIES_COLUMNS)
        expect(series?.columns[key]).toEqual(values.map((v) => publishedValue(v, decimals)));
    },
  );

  // Below 10^9 the published value has at most 15 significant digits: the engine's shortest text for
  // it is exactly its decimal digits, so the writer must print the very same characters (no "1.50",
  // no "1.5" for 1.05, no lost zero after the point).
  test.prop([
    fc.array(
      fc.oneof(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.integer({ min: -1e6, max: 1e6 }).map((i) => i / 1000),
      ),
      {
        minLength: 1,
        maxLength: 40,
      },
    ),
  ])("writes an ordinary figure in the very characters JSON.stringify gives its published value", (values) => {
    const text = new TextDecoder().decode(pathwayAnswerJson({}, setHolding(values)));
    for (const { key, decimals } of PATHWAY_SERIES_COLUMNS)
      expect(text).toContain(`"${key}":${JSON.stringify(values.map((v) => publishedValue(v, decimals)))}`);
  });
});
