import { describe, expect, it } from "vitest";
import { loadDataset } from "../data/load-dataset.ts";
import { allianceAggregates } from "./aggregates.ts";

const ds = loadDataset();

describe("alliance aggregates", () => {
  const june2024 = allianceAggregates(ds, 2024, "2024-06");

  it("give NATO's 2024 total of $1.47 trillion with the US at about two-thirds (June 2024 release)", () => {
    expect(june2024.natoTotalUsdCurrentM?.value).toBeCloseTo(1474399.48, 1);
    expect(june2024.usUsdCurrentM?.value).toBe(967707);
    expect(june2024.usShareOfTotalPct).toBeCloseTo((967707 / 1474399.477) * 100, 8);
    expect(Math.round(june2024.usShareOfTotalPct ?? 0)).toBe(66);
  });

  it("sum the allies to NATO's own total, and Europe-and-Canada plus the US to it too", () => {
    expect(june2024.alliesSumUsdCurrentM).toBeCloseTo(june2024.natoTotalUsdCurrentM?.value ?? 0, 0);
    expect((june2024.europeCanadaUsdCurrentM?.value ?? 0) + (june2024.usUsdCurrentM?.value ?? 0)).toBeCloseTo(
      june2024.natoTotalUsdCurrentM?.value ?? 0,
      0,
    );
  });

  it("count 23 of 31 allies at or above 2% in 2024 in June 2024, and 17 of 31 in the July 2026 release", () => {
    const gdp2 = (a: typeof june2024) => a.counts.find((c) => c.guidelineId === "gdp2");
    expect(gdp2(june2024)?.met).toHaveLength(23);
    expect(gdp2(june2024)?.below).toEqual(["HRV", "PRT", "ITA", "CAN", "BEL", "LUX", "SVN", "ESP"]);
    expect(gdp2(june2024)?.notApplicable).toEqual(["ISL"]);
    const july2026 = allianceAggregates(ds, 2024, "2026-07");
    expect(gdp2(july2026)?.met).toHaveLength(17);
    expect(gdp2(july2026)?.below).toHaveLength(14);
  });

  it("count five allies at or above 3.5% in 2026 in the July 2026 release", () => {
    const core = allianceAggregates(ds, 2026, "2026-07").counts.find((c) => c.guidelineId === "hague_core");
    expect([...(core?.met ?? [])].sort()).toEqual(["EST", "GRC", "LTU", "LVA", "POL"]);
  });

  it("keep absent allies out of counts and sums instead of counting them as zero (2025-08 press vintage)", () => {
    const press = allianceAggregates(ds, 2025, "2025-08");
    const gdp2 = press.counts.find((c) => c.guidelineId === "gdp2");
    expect(gdp2?.met).toHaveLength(15);
    expect(gdp2?.noData).toHaveLength(16);
    expect(press.alliesWithShare).toBe(15);
    expect(press.natoTotalUsdCurrentM).toBeNull();
    expect(press.alliesSumUsdCurrentM).toBeNull();
  });

  it("give the median and GDP-weighted shares over the allies with figures", () => {
    const shares = june2024.statuses.flatMap((s) => (s.shareOfGdpPct ? [s.shareOfGdpPct.value] : [])).sort((a, b) => a - b);
    expect(june2024.medianSharePct).toBe(shares[15]);
    const spend = june2024.statuses.reduce((t, s) => t + (s.spendingUsdCurrentM?.value ?? 0), 0);
    const gdp = june2024.statuses.reduce((t, s) => t + (s.applicable ? (s.gdpUsdCurrentM?.value ?? 0) : 0), 0);
    expect(june2024.gdpWeightedSharePct).toBeCloseTo((spend / gdp) * 100, 10);
  });
});
