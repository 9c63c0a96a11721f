/**
 * SIPRI's terms: Pledge ships less than 10 % of SIPRI's data set. Counted here from the files
 * themselves: every SIPRI figure under data/sipri/ and in the SIPRI test fixtures.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { inShippedSipriExtract, SIPRI_SHIPPED_LIMIT, SIPRI_WORKBOOK_FIGURES } from "./shipped-extract.ts";

const root = join(import.meta.dirname, "..", "..", "..");

function csvFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".csv"))
    .map((f) => join(dir, f));
}
const rowsOf = (file: string) => parse(readFileSync(file, "utf8"), { columns: true }) as Record<string, string>[];
const shipped = csvFilesUnder(join(root, "data", "sipri")).flatMap(rowsOf);

describe("the shipped SIPRI extract", () => {
  it("the limit is 10 % of the April 2025 workbook's 54,394 figures, rounded down: 5,439", () => {
    expect(SIPRI_WORKBOOK_FIGURES).toBe(54_394);
    expect(SIPRI_SHIPPED_LIMIT).toBe(5_439);
  });

  it("ships at most 5,439 figures (counted from data/sipri/)", () => {
    expect(shipped.length).toBeGreaterThan(1_000);
    expect(shipped.length).toBeLessThanOrEqual(5_439);
  });

  it("counting the SIPRI rows of the test fixtures too, stays within the limit", () => {
    const fixtures = csvFilesUnder(join(root, "test", "fixtures")).filter((f) => f.includes("sipri"));
    const fixtureRows = fixtures.flatMap(rowsOf).length;
    expect(shipped.length + fixtureRows).toBeLessThanOrEqual(5_439);
  });

  it("the SIPRI workbook extract under test/fixtures adds no figure beyond the shipped ones (distinct figures counted)", async () => {
    const { readRelease } = await import("../releases/read-release.ts");
    const { loadDataset } = await import("../load-dataset.ts");
    const file = join(root, "test", "fixtures", "releases", "sipri-2025-extract.xlsx");
    const r = await readRelease({ name: "extract.xlsx", bytes: readFileSync(file) }, { allies: loadDataset().allies });
    const keys = new Set(shipped.map((x) => `${x.ally_iso3}|${x.year}|${x.indicator}`));
    for (const o of r.observations) keys.add(`${o.entity}|${o.year}|${o.indicator}`);
    expect(r.observations.length).toBeGreaterThan(50);
    expect(keys.size).toBeLessThanOrEqual(5_439);
  });

  it("holds only figures its rule keeps (every row checked)", () => {
    const outside = shipped.filter((r) => !inShippedSipriExtract(r.indicator as string, Number(r.year)));
    expect(outside).toEqual([]);
  });

  it("keeps the share of GDP for every ally in the extract plus Russia, China and Ukraine from their first year", () => {
    const share = shipped.filter((r) => r.indicator === "milex_share_gdp_pct");
    const entities = new Set(share.map((r) => r.ally_iso3));
    for (const iso of ["RUS", "CHN", "UKR", "USA", "DEU", "POL", "FIN", "SWE"]) expect(entities.has(iso), iso).toBe(true);
    // The US series starts in 1949 in SIPRI's workbook; 1949–2024 is 76 years.
    expect(share.filter((r) => r.ally_iso3 === "USA")).toHaveLength(76);
  });
});
