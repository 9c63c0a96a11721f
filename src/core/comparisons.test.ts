import { describe, expect, it } from "vitest";
import { loadDataset } from "../data/load-dataset.ts";
import { adversaryComparison, gdpComparison } from "./comparisons.ts";

const ds = loadDataset();

describe("NATO beside Russia, China and Ukraine", () => {
  const c2024 = adversaryComparison(ds, 2024, "sipri-2025-04");

  it("uses SIPRI's April 2025 headline figures (US 997,309; China 313,658e; Russia 148,967e $m)", () => {
    const by = Object.fromEntries(c2024.comparators.map((c) => [c.iso3, c]));
    expect(by.CHN?.milexUsdCurrentM).toEqual({ value: 313658.3302, estimate: "estimate" });
    expect(by.RUS?.milexUsdCurrentM?.value).toBeCloseTo(148967.2751, 4);
    expect(by.UKR?.milexSharePct?.value).toBeCloseTo(34.48, 2);
    expect(ds.get("sipri-2025-04", "USA", "milex_usd_current", 2024)?.value).toBeCloseTo(997309, -1);
  });

  it("sums the 32 allies (Iceland's recorded 0 included) and divides by each comparator", () => {
    const sum = ds.allies.reduce((t, a) => t + (ds.get("sipri-2025-04", a.iso3, "milex_usd_current", 2024)?.value ?? 0), 0);
    expect(c2024.natoSipriUsdCurrentM).toBeCloseTo(sum, 6);
    const rus = c2024.comparators.find((c) => c.iso3 === "RUS");
    expect(rus?.natoMultiple).toBeCloseTo(sum / 148967.2751, 6);
    expect(c2024.natoShareOfWorldPct).toBeCloseTo((sum / 2718183.719) * 100, 6);
  });

  it("puts NATO's combined economy at about 25 times Russia's (IMF, market rates, 2024)", () => {
    const g = gdpComparison(ds, 2024, "weo-2026-04");
    expect(g.alliesMissing).toEqual([]);
    expect(Math.round(g.natoToRussia ?? 0)).toBe(25);
  });

  it("sums the members of the year only: in 2000 neither Montenegro (2017) nor Finland (2023) is counted or missing", () => {
    const c = adversaryComparison(ds, 2000, "sipri-2025-04");
    expect(c.alliesMissing).not.toContain("MNE");
    const fin = ds.get("sipri-2025-04", "FIN", "milex_usd_current", 2000)?.value ?? 0;
    expect(fin).toBeGreaterThan(0);
    let members = 0;
    for (const a of ds.allies)
      if (a.accessionYear <= 2000) members += ds.get("sipri-2025-04", a.iso3, "milex_usd_current", 2000)?.value ?? 0;
    expect(c.natoSipriUsdCurrentM).toBeCloseTo(members, 6);
  });
});
