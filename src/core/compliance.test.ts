import { describe, expect, it } from "vitest";
import { loadDataset } from "../data/load-dataset.ts";
import { allianceStatus, allyYearStatus, check } from "./compliance.ts";

const ds = loadDataset();
const ally = (iso3: string) => {
  const a = ds.ally(iso3);
  if (!a) throw new Error(iso3);
  return a;
};
const status = (iso3: string, year: number, vintage: string) => allyYearStatus(ds, ally(iso3), year, vintage);

describe("an ally against the guidelines", () => {
  it.each([
    // ally, year, vintage, guideline, expected status — read off NATO's published tables
    ["POL", 2024, "2024-06", "gdp2", "met"],
    ["POL", 2026, "2026-07", "hague_core", "met"],
    ["POL", 2024, "2024-06", "hague_core", "not_in_force"],
    ["FIN", 2022, "2024-06", "gdp2", "not_member"],
    ["FIN", 2023, "2024-06", "gdp2", "met"],
    ["ESP", 2024, "2024-06", "gdp2", "below"],
    ["CAN", 2024, "2024-06", "equipment20", "below"],
    ["BEL", 2024, "2024-06", "equipment20", "below"],
    ["DEU", 2024, "2024-06", "gdp2", "met"],
    ["DEU", 2024, "2026-07", "gdp2", "met"],
    ["ALB", 2024, "2024-06", "gdp2", "met"],
    ["ALB", 2024, "2026-07", "gdp2", "below"],
    ["EST", 2026, "2026-07", "hague_core", "met"],
  ] as const)("%s in %i (%s) %s: %s", (iso3, year, vintage, guideline, expected) => {
    expect(check(status(iso3, year, vintage), guideline).status).toBe(expected);
  });

  it("counts Slovakia's 2024 share, published as 2.00, as meeting 2% (the published figure decides)", () => {
    const c = check(status("SVK", 2024, "2024-06"), "gdp2");
    expect(c.status).toBe("met");
    expect(c.gapPp).toBeCloseTo(0, 10);
  });

  it("measures Spain's 2024 distance to 2% in points and money: 0.72 pp of its $1,658,360m GDP", () => {
    const c = check(status("ESP", 2024, "2024-06"), "gdp2");
    expect(c.gapPp).toBeCloseTo(0.72, 10);
    // 0.72% × 1,658,360.153 $m (NATO's GDP cell) = 11,940.19 $m; checked by hand from the June 2024 tables.
    expect(c.gapUsdCurrentM).toBeCloseTo(11940.19, 1);
    // Spain spends in euros; NATO's own rate is 19,723.45 €m / 21,269.29 $m.
    expect(c.gapNcCurrentM).toBeCloseTo((11940.1931 * 19723.45) / 21269.29221, 1);
    expect(c.estimate).toBe("estimate");
  });

  it("measures the equipment gap against defence spending, not GDP (Canada 2024)", () => {
    const c = check(status("CAN", 2024, "2024-06"), "equipment20");
    expect(c.gapPp).toBeCloseTo(20 - 18.6, 10);
    expect(c.gapUsdCurrentM).toBeCloseTo(0.014 * 30495.23454, 3);
  });

  it("applies Spain's own arrangement to the Hague core target, with its source", () => {
    const c = check(status("ESP", 2026, "2026-07"), "hague_core");
    expect(c.thresholdPct).toBe(2.1);
    expect(c.overrideSourceId).toBe("spain-flexibility-press");
    expect(check(status("ITA", 2026, "2026-07"), "hague_core").thresholdPct).toBe(3.5);
  });

  it("treats Iceland as not applicable, never as below 2%", () => {
    const s = status("ISL", 2026, "2026-07");
    expect(s.applicable).toBe(false);
    expect(s.shareOfGdpPct).toBeNull();
    expect(s.checks.every((c) => c.status === "not_applicable")).toBe(true);
  });

  it("reports no data, not zero, where a vintage lacks a figure (2025-08 has 15 shares only)", () => {
    const s = status("DEU", 2025, "2025-08");
    expect(s.shareOfGdpPct).toBeNull();
    expect(check(s, "gdp2")).toMatchObject({ status: "no_data", valuePct: null, gapPp: null });
    expect(check(status("POL", 2025, "2025-08"), "gdp2")).toMatchObject({ status: "met", valuePct: 4.48 });
  });

  it("has no data for the 5% total: NATO publishes no table of related spending", () => {
    expect(check(status("POL", 2026, "2026-07"), "hague_total").status).toBe("no_data");
  });

  it("carries estimate flags through: 2026 is an estimate in the July 2026 release", () => {
    expect(status("FRA", 2026, "2026-07").shareOfGdpPct?.estimate).toBe("estimate");
    expect(status("FRA", 2022, "2026-07").shareOfGdpPct?.estimate).toBe("reported");
  });
});

describe("the alliance ranking", () => {
  it("ranks 31 allies by share of GDP, Poland first, with Iceland last as not applicable", () => {
    const rows = allianceStatus(ds, 2024, "2024-06");
    expect(rows).toHaveLength(32);
    expect(rows[0]?.ally).toBe("POL");
    expect(rows.at(-1)?.ally).toBe("ISL");
    const shares = rows.slice(0, 31).map((r) => r.shareOfGdpPct?.value ?? Number.NaN);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
  });

  it("finds Poland at or above 2% in every year from 2020 in the July 2026 release, but not in 2019 (1.96)", () => {
    const years = ds.years("2026-07").filter((y) => check(status("POL", y, "2026-07"), "gdp2").status === "met");
    expect(years).toEqual([2015, 2018, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  });
});
