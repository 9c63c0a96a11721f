import { describe, expect, it } from "vitest";
import { pathwaySeries, runPathwayRequest } from "../core/pathway-request.ts";
import { loadDataset } from "../data/load-dataset.ts";
import { PathwayRequestSchema } from "../model/pathway.ts";
import { pathwaySeriesJson } from "./pathway-json.ts";

const ds = loadDataset();

describe("the fast JSON of POST /pathways", () => {
  it.each([
    { target: {} },
    { target: { shape: "front-loaded", targetYear: 2032, corePct: 3 } },
    { target: { shape: "constant-real-growth" }, economy: { gdpShockPp: -3 } },
    { allies: ["ESP", "POL"], target: { shape: "back-loaded", relatedPct: 0 } },
  ])("parses to exactly the generic series form for %j", (body) => {
    const set = runPathwayRequest(ds, PathwayRequestSchema.parse(body));
    expect(JSON.parse(pathwaySeriesJson(set))).toEqual(pathwaySeries(set));
  });
});
