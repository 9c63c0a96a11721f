import { describe, expect, it } from "vitest";
import { loadDataset } from "../../data/load-dataset.ts";
import { createDataset } from "../../model/dataset.ts";
import type { Observation } from "../../model/observation.ts";
import { detectUnitFactor, estimatesVersusOutturns, summariseOutturns } from "./estimate-outturn.ts";

const ds = loadDataset();
const rows = estimatesVersusOutturns(ds);
const row = (ally: string, year: number) => {
  const r = rows.find((x) => x.ally === ally && x.year === year);
  if (!r) throw new Error(`no row ${ally} ${year}`);
  return r;
};

describe("NATO's estimates against outturns (hand-checked excerpt of the CSVs)", () => {
  it("Bulgaria: the July 2026 release is in euros; the lev factor is detected and removed, not counted as a 67 % cut", () => {
    const bgr = row("BGR", 2024);
    // data/nato/2024-06: 4217 (million leva, estimate); data/nato/2026-07: 2027 (million euros, outturn).
    expect(bgr.estimateNcM).toBe(4217);
    expect(bgr.outturnNcM).toBe(2027);
    expect(bgr.lag).toBe(0);
    // The 2014–2022 figures differ by the lev's fixed rate (1.95583 per euro, data/allies.csv note) up to
    // the 2026 release's rounding to whole millions.
    expect(bgr.logUnitFactor).toBeCloseTo(-Math.log(1.95583), 3);
    expect(bgr.unitChange).toMatch(/national currency → euro \(2026\): ÷ 1\.95\d+ in all 9 final years/);
    // By hand: 2027 × 1.95583 = 3964.47 leva against 4217 estimated: −6.2 %, not ln(2027/4217) = −73 %.
    expect(bgr.logRevision).toBeCloseTo(Math.log((2027 * 1.95583) / 4217), 3);
    expect(bgr.logRevision).toBeGreaterThan(-0.07);
  });

  it("Germany 2024 (budget year): 90,585.8 estimated, 86,638 outturn, −4.4 %, no unit change", () => {
    const deu = row("DEU", 2024);
    expect(deu.lag).toBe(0);
    expect(deu.unitChange).toBeNull();
    expect(deu.logUnitFactor).toBe(0);
    expect(deu.logRevision).toBeCloseTo(Math.log(86638 / 90585.8471), 10);
  });

  it("Germany 2023 (the year just ended in June 2024) was already final: lag 1, no revision beyond rounding", () => {
    const deu = row("DEU", 2023);
    expect(deu.lag).toBe(1);
    expect(Math.abs(deu.logRevision)).toBeLessThan(1e-5);
  });

  it("Albania's 2023–24 cut of a third touches only the estimated years: not a unit change", () => {
    const alb = row("ALB", 2024);
    expect(alb.unitChange).toBeNull();
    expect(alb.logRevision).toBeCloseTo(Math.log(34081 / 49842.376), 10);
  });

  it("a backtest from June 2024 sees no outturn yet", () => {
    expect(estimatesVersusOutturns(ds, "2024-06")).toEqual([]);
  });

  it("summarises by lag with the sign kept: the budget year moves far more than the year just ended", () => {
    const s = summariseOutturns(rows);
    const budget = s.find((x) => x.lag === 0);
    const ended = s.find((x) => x.lag === 1);
    expect(budget?.samples).toBe(rows.filter((r) => r.lag === 0).length);
    expect(budget?.years).toBe("2024");
    // Recomputed here from the rows: mean of the lag-0 log revisions.
    const lag0 = rows.filter((r) => r.lag === 0).map((r) => r.logRevision);
    expect(budget?.meanLogRevision).toBeCloseTo(lag0.reduce((a, b) => a + b, 0) / lag0.length, 12);
    expect(budget?.robustSd).toBeGreaterThan(5 * (ended?.robustSd ?? 1));
  });
});

describe("summary statistics on a small case by hand", () => {
  it("mean, median, sd, robust sd and share below", () => {
    const base = { ally: "X", year: 2024, lag: 0, estimateVintage: "a", outturnVintage: "b", estimateNcM: 1, outturnNcM: 1 };
    const mk = (logRevision: number) => ({
      ...base,
      logUnitFactor: 0,
      unitChange: null,
      logRevision,
      estimateSharePct: null,
      outturnSharePct: null,
    });
    const [s] = summariseOutturns([mk(-0.1), mk(0), mk(0.04), mk(0.02)]);
    expect(s?.meanLogRevision).toBeCloseTo(-0.01, 12);
    expect(s?.medianLogRevision).toBeCloseTo(0.01, 12);
    // deviations from −0.01: −0.09, 0.01, 0.05, 0.03 → squares 0.0081 + 0.0001 + 0.0025 + 0.0009 = 0.0116; ÷ 3
    expect(s?.sd).toBeCloseTo(Math.sqrt(0.0116 / 3), 12);
    // |x − 0.01|: 0.11, 0.01, 0.03, 0.01 → median 0.02
    expect(s?.robustSd).toBeCloseTo(1.4826 * 0.02, 12);
    expect(s?.shareBelow).toBe(0.25);
  });
});

describe("unit change detection on a made-up pair of releases", () => {
  const obs = (vintageId: string, year: number, value: number, estimate: Observation["estimate"] = "reported"): Observation => ({
    entity: "XXX",
    year,
    indicator: "defexp_nc_current",
    value,
    vintageId,
    estimate,
    sourceUnit: "m",
    sourceTable: "t",
    sourceLabel: "l",
    citation: "c",
  });
  const make = (later: number[]) =>
    createDataset({
      allies: [],
      sources: [],
      vintages: [],
      guidelines: [],
      targetOverrides: [],
      observations: [100, 110, 120].flatMap((v, i) => [obs("a", 2020 + i, v), obs("b", 2020 + i, later[i] as number)]),
    });
  it("the same ratio in every final year is a unit change", () => {
    expect(detectUnitFactor(make([50, 55, 60]), "XXX", "a", "b").logFactor).toBeCloseTo(Math.log(0.5), 12);
  });
  it("a revision of one year only is not", () => {
    expect(detectUnitFactor(make([100, 110, 80]), "XXX", "a", "b").logFactor).toBe(0);
  });
  it("rounding is not", () => {
    expect(detectUnitFactor(make([100.2, 110, 120]), "XXX", "a", "b").logFactor).toBe(0);
  });
});
