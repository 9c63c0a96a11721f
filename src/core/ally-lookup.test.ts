import { describe, expect, it } from "vitest";
import { loadDataset } from "../data/load-dataset.ts";
import { findAlly, nearest } from "./ally-lookup.ts";

const { allies } = loadDataset();

describe("finding an ally by what people type", () => {
  it.each([
    ["DEU", "DEU"],
    ["de", "DEU"],
    ["germany", "DEU"],
    ["  GERMANY ", "DEU"],
    ["Turkiye", "TUR"],
    ["turkey", "TUR"],
    ["uk", "GBR"],
    ["north macedonia", "MKD"],
    ["Czech Republic", "CZE"],
  ])("%s → %s", (query, iso3) => {
    const r = findAlly(allies, query);
    expect(r.ok && r.ally.iso3).toBe(iso3);
  });

  it.each([
    ["germny", "DEU"],
    ["Polnd", "POL"],
    ["Esonia", "EST"],
  ])("suggests the nearest ally for a typo: %s → %s", (query, iso3) => {
    const r = findAlly(allies, query);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.suggestions[0]?.iso3).toBe(iso3);
  });

  it("suggests close indicator ids", () => {
    expect(nearest("defexp_share_gdp", ["defexp_share_gdp_pct", "equipment_share_pct", "gdp_usd_current"])[0]).toBe("defexp_share_gdp_pct");
  });
});
