import { describe, expect, it } from "vitest";
import { loadDataset } from "../data/load-dataset.ts";
import { vintageDiff } from "./vintage-diff.ts";

const ds = loadDataset();

describe("vintageDiff", () => {
  it("Poland's share of GDP, June 2024 → July 2026: 2024 revised 4.12 → 3.75 (−0.37 points, by hand), 2025 and 2026 new", () => {
    const d = vintageDiff(ds, { from: "2024-06", to: "2026-07", ally: "POL", indicator: "defexp_share_gdp_pct" });
    const y2024 = d.changes.find((c) => c.kind === "revised" && c.year === 2024);
    expect(y2024).toMatchObject({ change: -0.37, direction: "down", fromEstimate: "estimate" });
    expect(d.changes.filter((c) => c.kind === "new_year").map((c) => c.year)).toEqual([2025, 2026]);
    expect(d.counts.dropped_series).toBe(0);
  });

  it("a crossing of 2 % is listed once per ally and year, in the direction of the later release, and agrees with the two figures", () => {
    const d = vintageDiff(ds, { from: "2024-06", to: "2026-07", indicator: "defexp_share_gdp_pct" });
    const crossings = d.changes.filter((c) => c.kind === "crossed_guideline" && c.guideline === "gdp2");
    expect(crossings.length).toBeGreaterThan(0);
    for (const c of crossings) {
      const before = ds.get("2024-06", c.ally, "defexp_share_gdp_pct", c.year as number)?.value as number;
      const after = ds.get("2026-07", c.ally, "defexp_share_gdp_pct", c.year as number)?.value as number;
      expect(before >= 2).not.toBe(after >= 2);
      expect(c.direction).toBe(after >= 2 ? "up" : "down");
    }
  });

  it("revisions come largest relative change first; constant prices in different bases are not compared", () => {
    const d = vintageDiff(ds, { from: "2024-06", to: "2026-07", ally: "DEU" });
    const revised = d.changes.filter((c) => c.kind === "revised").map((c) => Math.abs(c.changePct ?? 0));
    expect(revised).toEqual([...revised].sort((a, b) => b - a));
    expect(d.notCompared.map((n) => n.indicator)).toContain("defexp_usd_const");
  });

  it("a series the later release no longer carries is listed as dropped", () => {
    // The July 2026 release has no Iceland GDP rows (PROVENANCE.md, section 2).
    const d = vintageDiff(ds, { from: "2024-06", to: "2026-07", ally: "ISL" });
    expect(d.changes.filter((c) => c.kind === "dropped_series").length).toBeGreaterThan(0);
  });
});
