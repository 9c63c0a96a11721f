import { describe, expect, it } from "vitest";
import { loadDataset } from "../data/load-dataset.ts";
import { ScenarioSchema } from "../model/scenario.ts";
import { ParameterError } from "./parameter-error.ts";
import {
  compareScenarios,
  findPreset,
  type GapCover,
  parseScenarioJson,
  publishedGapCover,
  runScenario,
  SCENARIO_PRESETS,
} from "./scenarios.ts";

const ds = loadDataset();
const opts = { imfVintageId: "weo-2026-04", defaultVintageId: "2026-07" };
const preset = (id: string) => {
  const p = findPreset(id);
  if (!p) throw new Error(id);
  return p;
};
const run = (id: string) => runScenario(ds, preset(id), opts);
const ally = (r: ReturnType<typeof run>, iso: string) => {
  const p = r.pathways.allies.find((x) => x.ally === iso);
  if (!p) throw new Error(iso);
  return p;
};

describe("scenario presets from the public debate", () => {
  it("every preset serialises to JSON and back unchanged, and lists its assumptions in words", () => {
    expect(SCENARIO_PRESETS.map((p) => p.id)).toEqual(["hague-2035", "earlier-2032", "status-quo", "reinforcement", "rupture"]);
    for (const p of SCENARIO_PRESETS) {
      expect(ScenarioSchema.parse(JSON.parse(JSON.stringify(p)))).toEqual(p);
      expect(p.assumptions.length).toBeGreaterThan(0);
    }
  });

  it("Earlier 2032 puts every ally below 3.5% at 3.5% in 2032 and holds it", () => {
    const r = run("earlier-2032");
    const ita = ally(r, "ITA");
    expect(ita.columns.coreSharePct[2032 - ita.baseYear]).toBe(3.5);
    expect(ita.columns.coreSharePct[2035 - ita.baseYear]).toBe(3.5);
    expect(ita.columns.coreSharePct[2029 - ita.baseYear]).toBeGreaterThan(ally(run("hague-2035"), "ITA").columns.coreSharePct[3] as number);
  });

  it("Status quo freezes every share at its base year and adds no related spending", () => {
    const r = run("status-quo");
    for (const p of r.pathways.allies) {
      expect(new Set(p.columns.coreSharePct)).toEqual(new Set([p.baseSharePct]));
      expect(p.columns.cumulativeCoreExtraNcM.at(-1)).toBe(0);
      expect(p.columns.cumulativeRelatedExtraNcM.at(-1)).toBe(0);
    }
  });

  it("Reinforcement: the United States keeps its base-year share of the alliance's core spending every year", () => {
    const a = run("reinforcement").pathways.alliance;
    const share = (j: number) => (a.usCoreUsdCurrentM[j] as number) / (a.coreUsdCurrentM[j] as number);
    for (let j = 1; j < a.years.length; j++) expect(share(j)).toBeCloseTo(share(0), 10);
    expect(share(0)).toBeGreaterThan(0.5);
  });

  it("Rupture: the US falls to 2% by 2029; Europe and Canada cover half the gap, shown in dollars and points of their GDP", () => {
    const r = run("rupture");
    const us = ally(r, "USA");
    expect(us.columns.coreSharePct[2029 - us.baseYear]).toBe(2);
    expect(us.columns.coreSharePct.at(-1)).toBe(2);
    const cover = r.gapCover;
    if (!cover) throw new Error("rupture must compute the gap");
    const k = 2030 - us.baseYear;
    const atBase = (us.baseSharePct / 100) * (us.columns.gdpNcM[k] as number); // the US dollar is its own currency
    expect(cover.usGapUsdCurrentM[k]).toBeCloseTo(atBase - (us.columns.coreUsdCurrentM[k] as number), 6);
    expect(cover.coveredUsdCurrentM[k]).toBeCloseTo((cover.usGapUsdCurrentM[k] as number) / 2, 6);
    expect(cover.coveredShareOfEuropeCanadaGdpPp[k]).toBeGreaterThan(0.1);
    expect(cover.coveredShareOfEuropeCanadaGdpPp[k]).toBeLessThan(2);
    // The cover is added to Europe and Canada's total, not lost.
    const hague = run("hague-2035").pathways.alliance;
    const j = 2030 - (r.pathways.alliance.years[0] as number);
    const europeOwn = hague.europeCanadaCoreUsdCurrentM[j] as number;
    expect(r.pathways.alliance.europeCanadaCoreUsdCurrentM[j]).toBeCloseTo(europeOwn + (cover.coveredUsdCurrentM[k] as number), 3);
  });

  it("the gap cover is published at the precision of every pathway figure: 2 decimals of millions, 4 of points", () => {
    const cover = run("rupture").gapCover as GapCover;
    const published = publishedGapCover(cover);
    expect(published.years).toEqual(Array.from(cover.years));
    published.covered_usd_current_m.forEach((v, i) => {
      expect(Math.abs(v - (cover.coveredUsdCurrentM[i] as number))).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(String(v).split(".")[1]?.length ?? 0).toBeLessThanOrEqual(2);
    });
    published.covered_share_of_europe_canada_gdp_pp.forEach((v, i) => {
      expect(Math.abs(v - (cover.coveredShareOfEuropeCanadaGdpPp[i] as number))).toBeLessThanOrEqual(0.00005 + 1e-12);
    });
  });

  it("side by side: one row per ally, year and scenario, plus the alliance", () => {
    const rows = compareScenarios([run("hague-2035"), run("status-quo")], [2029, 2035]);
    expect(rows).toHaveLength((31 + 1) * 2 * 2);
    const deu = rows.filter((r) => r.ally === "DEU" && r.year === 2035);
    expect(deu.map((r) => r.scenario)).toEqual(["hague-2035", "status-quo"]);
    expect(deu[0]?.coreSharePct).toBe(3.5);
    expect(deu[1]?.coreSharePct).toBe(ally(run("status-quo"), "DEU").baseSharePct);
  });

  it("a scenario file with a bad field gets an error naming the file and the field", () => {
    expect(() => parseScenarioJson("{", "mine.json")).toThrow(/mine\.json: not valid JSON/);
    expect(() => parseScenarioJson(JSON.stringify({ id: "x", name: "X", target: { targetYear: 2020 } }), "mine.json")).toThrow(
      /mine\.json: target\.targetYear/,
    );
    expect(() => parseScenarioJson(JSON.stringify({ id: "x", name: "X", us: { mode: "vanish" } }), "f.json")).toThrow(ParameterError);
    const custom = parseScenarioJson(JSON.stringify({ id: "mine", name: "Mine", overrides: { DEU: { corePct: 4 } } }), "mine.json");
    const r = runScenario(ds, custom, opts);
    expect(ally(r, "DEU").columns.coreSharePct.at(-1)).toBe(4);
    expect(() => runScenario(ds, { ...custom, overrides: { XXX: {} } }, opts)).toThrow(/overrides\.XXX/);
  });
});
