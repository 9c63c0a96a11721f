import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDataset } from "../model/dataset.ts";
import { findIndicator } from "../model/indicator.ts";
import type { Bundle } from "./bundle.ts";
import { loadPlanClaims } from "./claimed-plans.ts";
import { loadKielTotals } from "./kiel-aid.ts";
import { findDataDir, loadDataset } from "./load-dataset.ts";
import { inputsSha256, readDatasetFromCsv } from "./read-csv-dataset.ts";
import { SEPARATE_DATA_FILES } from "./separate-files.ts";

const dataDir = findDataDir();
const parts = readDatasetFromCsv(dataDir);
const ds = createDataset(parts);

describe("the shipped dataset", () => {
  it.each([
    ["2024-06", 5346],
    ["2025-08", 15],
    ["2026-07", 6273],
    ["sipri-2025-04", 5342],
    ["weo-2026-04", 32868],
  ])("vintage %s has the %i rows PROVENANCE.md lists", (vintage, rows) => {
    expect(parts.observations.filter((o) => o.vintageId === vintage)).toHaveLength(rows);
  });

  it("has no duplicate (ally, year, indicator, vintage)", () => {
    const keys = new Set(parts.observations.map((o) => `${o.entity}|${o.year}|${o.indicator}|${o.vintageId}`));
    expect(keys.size).toBe(parts.observations.length);
  });

  it("has the June 2024 anchors: US 2024 = 967,707 $m and NATO total = 1,474,399 $m", () => {
    expect(ds.get("2024-06", "USA", "defexp_usd_current", 2024)?.value).toBe(967707);
    expect(ds.get("2024-06", "NATO_TOTAL", "defexp_usd_current", 2024)?.value).toBeCloseTo(1474399.48, 1);
  });

  it("has 23 allies at or above 2% in 2024 in the June 2024 vintage (published two-decimal figures)", () => {
    const at2 = ds.allies.filter((a) => {
      const v = ds.get("2024-06", a.iso3, "defexp_share_gdp_pct", 2024)?.value;
      return v !== undefined && Math.round(v * 100) / 100 >= 2;
    });
    expect(at2).toHaveLength(23);
  });

  it("marks 2023 and 2024 as estimates in the June 2024 vintage, earlier years as reported", () => {
    expect(ds.get("2024-06", "DEU", "defexp_share_gdp_pct", 2024)?.estimate).toBe("estimate");
    expect(ds.get("2024-06", "DEU", "defexp_share_gdp_pct", 2023)?.estimate).toBe("estimate");
    expect(ds.get("2024-06", "DEU", "defexp_share_gdp_pct", 2022)?.estimate).toBe("reported");
  });

  it.each([
    ["2024-06", 0.01],
    ["2026-07", 0.06],
  ])("category shares sum to 100 within rounding in %s", (vintage, tolerance) => {
    let checked = 0;
    for (const a of ds.allies)
      for (const y of ds.years(vintage)) {
        const parts4 = (["equipment_share_pct", "personnel_share_pct", "infrastructure_share_pct", "other_share_pct"] as const).map(
          (i) => ds.get(vintage, a.iso3, i, y)?.value,
        );
        if (parts4.some((p) => p === undefined)) continue;
        const sum = (parts4 as number[]).reduce((t, p) => t + p, 0);
        expect(Math.abs(sum - 100), `${a.iso3} ${y}`).toBeLessThanOrEqual(tolerance);
        checked++;
      }
    expect(checked).toBeGreaterThan(300);
  });

  it("share of GDP equals constant-price spending over constant-price GDP within rounding in 2026-07", () => {
    let checked = 0;
    for (const a of ds.allies)
      for (const y of ds.years("2026-07")) {
        const share = ds.get("2026-07", a.iso3, "defexp_share_gdp_pct", y);
        const spend = ds.get("2026-07", a.iso3, "defexp_usd_const", y);
        const gdp = ds.get("2026-07", a.iso3, "gdp_usd_const", y);
        if (!share || !spend || !gdp) continue;
        // The 2026 workbook is published rounded (2 dp shares, integer $m): allow half a unit of each.
        expect(Math.abs((spend.value / gdp.value) * 100 - share.value), `${a.iso3} ${y}`).toBeLessThanOrEqual(
          0.006 + (share.value * 0.5) / spend.value,
        );
        checked++;
      }
    expect(checked).toBe(31 * 13);
  });

  it("share of GDP equals the ratio to full precision in 2024-06, except three cells NATO typed differently", () => {
    const off: string[] = [];
    for (const a of ds.allies)
      for (const y of ds.years("2024-06")) {
        const share = ds.get("2024-06", a.iso3, "defexp_share_gdp_pct", y);
        const spend = ds.get("2024-06", a.iso3, "defexp_usd_const", y);
        const gdp = ds.get("2024-06", a.iso3, "gdp_usd_const", y);
        if (share && spend && gdp && Math.abs((spend.value / gdp.value) * 100 - share.value) > 1e-6) off.push(`${a.iso3} ${y}`);
      }
    // A source quirk, kept as published: e.g. Slovakia 2024 is the cell 2.00 while the ratio is 1.989.
    expect(off.sort()).toEqual(["FRA 2020", "LTU 2019", "SVK 2024"]);
  });

  it("keeps the secondary 2025 press vintage apart: 15 shares, Poland 4.48 against 4.25 in the July 2026 release", () => {
    expect(ds.vintage("2025-08")?.status).toBe("secondary");
    expect(ds.get("2025-08", "POL", "defexp_share_gdp_pct", 2025)?.value).toBe(4.48);
    expect(ds.get("2026-07", "POL", "defexp_share_gdp_pct", 2025)?.value).toBe(4.25);
  });

  it("never holds a defence figure for Iceland, which has no armed forces; only GDP", () => {
    const iceland = parts.observations.filter((o) => o.entity === "ISL" && o.vintageId.match(/^20/));
    expect(iceland.length).toBeGreaterThan(0);
    expect(iceland.every((o) => o.indicator.startsWith("gdp_"))).toBe(true);
  });

  it("lists every data file in vintages.csv with its source, and every indicator in the registry with its unit", () => {
    const files = readdirSync(dataDir, { recursive: true, encoding: "utf8" }).filter(
      (f) => f.endsWith(".csv") && f.includes("/") && !SEPARATE_DATA_FILES.includes(f),
    );
    const listed = parts.vintages.map((v) => v.file);
    expect(files.sort()).toEqual([...listed].sort());
    for (const v of parts.vintages)
      expect(
        parts.sources.some((s) => s.id === v.sourceId),
        v.id,
      ).toBe(true);
    for (const id of new Set(parts.observations.map((o) => o.indicator))) expect(findIndicator(id)?.unit, id).toBeTruthy();
  });

  it("documents each data file kept outside the bundle in data/PROVENANCE.md, and loads it", () => {
    const provenance = readFileSync(join(dataDir, "PROVENANCE.md"), "utf8");
    for (const f of SEPARATE_DATA_FILES) expect(provenance, f).toContain(`\`${f}\``);
    expect(loadPlanClaims(dataDir)).toHaveLength(64);
    expect(loadKielTotals(dataDir)).toHaveLength(29);
  });

  it("ships a bundle generated from exactly these CSVs (run npm run build:data after editing data/)", () => {
    const bundle = JSON.parse(readFileSync(join(dataDir, "generated/dataset.json"), "utf8")) as Bundle;
    expect(bundle.inputsSha256).toBe(inputsSha256(dataDir));
    const loaded = loadDataset(dataDir);
    const rows = (list: typeof parts.observations) => list.map((o) => JSON.stringify(o)).sort();
    const [fromBundle, fromCsv] = [rows(loaded.observations), rows(parts.observations)];
    expect(fromBundle.length).toBe(fromCsv.length);
    expect(fromBundle.find((r, i) => r !== fromCsv[i])).toBeUndefined();
    expect(loaded.allies).toEqual(parts.allies);
  });
});
