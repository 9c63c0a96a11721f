import { describe, expect, it } from "vitest";
import { loadDataset } from "../data/load-dataset.ts";
import { revisions } from "./revisions.ts";

const ds = loadDataset();

describe("revisions between releases", () => {
  it.each([
    // 2024 share of GDP, June 2024 estimate → July 2026 edition (domain.md, "Releases revise earlier years")
    ["POL", 4.12, 3.75],
    ["GRC", 3.08, 2.77],
    ["BGR", 2.18, 1.93],
    ["MNE", 2.02, 1.66],
    ["MKD", 2.22, 1.84],
    ["ALB", 2.03, 1.35],
  ])("%s 2024: %d → %d", (ally, from, to) => {
    const r = revisions(ds, { fromVintageId: "2024-06", toVintageId: "2026-07", indicator: "defexp_share_gdp_pct", ally, year: 2024 });
    if (!r.ok) throw new Error(r.reason);
    expect(r.revisions).toHaveLength(1);
    const [rev] = r.revisions;
    expect(Math.round((rev?.fromValue ?? 0) * 100) / 100).toBe(from);
    expect(rev?.toValue).toBe(to);
    expect(rev?.fromEstimate).toBe("estimate");
    // Compared at the July 2026 release's two decimals: the change is the difference of the published figures.
    expect(rev?.comparedAtDecimals).toBe(2);
    expect(rev?.change).toBeCloseTo(to - from, 12);
    expect(rev?.revised).toBe(true);
  });

  it("rounding is not revision: Albania 2021, 1.2430 in June 2024 and 1.24 in July 2026, is unrevised", () => {
    const r = revisions(ds, { fromVintageId: "2024-06", toVintageId: "2026-07", indicator: "defexp_share_gdp_pct", ally: "ALB" });
    if (!r.ok) throw new Error(r.reason);
    const y2021 = r.revisions.find((x) => x.year === 2021);
    expect(y2021).toMatchObject({ revised: false, change: 0 });
    expect(r.revisedCount).toBeLessThan(r.compared);
    // Largest first.
    const sizes = r.revisions.map((x) => Math.abs(x.change));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });

  it("refuses constant-price series, whose price bases differ (2015 vs 2021)", () => {
    const r = revisions(ds, { fromVintageId: "2024-06", toVintageId: "2026-07", indicator: "defexp_usd_const" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/2015 and 2021/);
  });

  it("skips Bulgaria's national currency, re-expressed in euros in the 2026 edition", () => {
    const r = revisions(ds, { fromVintageId: "2024-06", toVintageId: "2026-07", indicator: "defexp_nc_current", year: 2020 });
    if (!r.ok) throw new Error(r.reason);
    expect(r.revisions.some((x) => x.ally === "BGR")).toBe(false);
    expect(Math.abs(r.revisions.find((x) => x.ally === "DEU")?.change ?? 99)).toBeLessThanOrEqual(1);
    expect(r.revisions).toHaveLength(30);
  });
});
