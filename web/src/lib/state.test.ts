import { describe, expect, it } from "vitest";
import { type AppState, DEFAULT_STATE, decodeState, encodeState } from "./state.ts";

describe("URL state", () => {
  it("writes nothing but the view for the defaults", () => {
    expect(encodeState(DEFAULT_STATE)).toBe("#/overview");
    expect(decodeState("#/overview")).toEqual(DEFAULT_STATE);
    expect(decodeState("")).toEqual(DEFAULT_STATE);
  });

  const cases: [string, Partial<AppState>][] = [
    ["a year and a vintage on the overview", { year: 2019, vintage: "2024-06" }],
    ["an ally", { view: "ally", ally: "DEU" }],
    [
      "a planner with a custom target",
      { view: "planner", allies: ["DEU", "FRA"], core: 3, related: 1, by: 2032, shape: "back-loaded", seed: 7 },
    ],
    ["a planner back to the default target", { view: "planner", core: null, preset: "rupture" }],
    ["scenarios side by side", { view: "compare", mode: "scenarios", scenarios: ["hague-2035", "rupture"] }],
    ["no allies at all in the comparison", { view: "compare", allies: [] }],
    ["a chart-only page for an embed", { view: "overview", year: 2019, embed: "map" }],
    ["two vintages on the sources view", { view: "sources", from: "2025-08", to: "2026-07" }],
    [
      "a claim check with its publication date (spaces, %, & and # survive)",
      { view: "check", claim: "Poland spends 4.12% of GDP & more #1 — “quoted”", published: "2024-06-18" },
    ],
  ];
  it.each(cases)("round-trips %s", (_, change) => {
    const s = { ...DEFAULT_STATE, ...change };
    const hash = encodeState(s);
    expect(decodeState(hash)).toEqual(s);
    expect(encodeState(decodeState(hash))).toBe(hash);
  });

  it("keeps list separators readable", () => {
    expect(encodeState({ ...DEFAULT_STATE, view: "planner", allies: ["DEU", "FRA"] })).toBe("#/planner?allies=DEU,FRA");
  });

  it("ignores what it does not understand instead of failing", () => {
    const s = decodeState("#/nowhere?year=abc&core=99&shape=zigzag&ally=<script>&allies=DEU,xx,FRA&paths=5");
    expect(s.view).toBe("overview");
    expect(s.year).toBe(DEFAULT_STATE.year);
    expect(s.core).toBeNull();
    expect(s.shape).toBe("linear");
    expect(s.ally).toBe(DEFAULT_STATE.ally);
    expect(s.allies).toEqual(["DEU", "FRA"]);
    expect(s.paths).toBe(DEFAULT_STATE.paths);
  });
});
