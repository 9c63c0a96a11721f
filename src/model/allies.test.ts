import { describe, expect, it } from "vitest";
import { findDataDir, loadDataset } from "../data/load-dataset.ts";

const ds = loadDataset(findDataDir());

describe("the 32 allies", () => {
  it("are 32, with unique ISO3 and ISO2 codes", () => {
    expect(ds.allies).toHaveLength(32);
    expect(new Set(ds.allies.map((a) => a.iso3)).size).toBe(32);
    expect(new Set(ds.allies.map((a) => a.iso2)).size).toBe(32);
  });

  it("are exactly the 31 allies NATO's tables report plus Iceland", () => {
    const reported = new Set(ds.observations.filter((o) => o.vintageId === "2026-07" && o.entity.length === 3).map((o) => o.entity));
    expect([...reported].sort()).toEqual(
      ds.allies
        .filter((a) => a.hasArmedForces)
        .map((a) => a.iso3)
        .sort(),
    );
    expect(ds.allies.filter((a) => !a.hasArmedForces).map((a) => a.iso3)).toEqual(["ISL"]);
  });

  it("include Finland (2023) and Sweden (2024) as the newest members", () => {
    const newest = [...ds.allies].sort((a, b) => b.accessionYear - a.accessionYear).slice(0, 2);
    expect(newest.map((a) => [a.iso3, a.accessionYear])).toEqual([
      ["SWE", 2024],
      ["FIN", 2023],
    ]);
  });

  // NATO converts every euro user at one EUR/USD rate a year, so the euro list can be checked against the data.
  it("that use the euro in 2026 share NATO's implied EUR/USD rate in the July 2026 release, and the others do not", () => {
    const rate = (iso: string) => {
      const nc = ds.get("2026-07", iso, "defexp_nc_current", 2026)?.value ?? Number.NaN;
      const usd = ds.get("2026-07", iso, "defexp_usd_current", 2026)?.value ?? Number.NaN;
      return nc / usd;
    };
    const eur = rate("DEU");
    for (const a of ds.allies.filter((x) => x.hasArmedForces)) {
      const sameRate = Math.abs(rate(a.iso3) / eur - 1) < 0.01;
      expect(sameRate, a.iso3).toBe(a.currencyCode === "EUR");
    }
  });
});
