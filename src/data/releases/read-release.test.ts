/**
 * The importers on the publishers' real files: the full June 2024 NATO workbook must give back the
 * shipped 2024-06 vintage exactly, and SIPRI's full workbook every figure of the shipped extract. The
 * oracle is data/'s CSVs read here with a plain CSV parser, not the importer's code.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { readZip, setText, text, writeZip } from "../../../test/support/xlsx-zip.ts";
import { findDataDir, loadDataset } from "../load-dataset.ts";
import { readRelease } from "./read-release.ts";
import { ReleaseImportError } from "./release.ts";

const root = join(import.meta.dirname, "..", "..", "..");
const raw = join(root, "..", "shared", "data", "raw");
const fixtures = join(root, "test", "fixtures", "releases");
const ds = loadDataset();
const FLAGS: Record<string, string> = { true: "estimate", false: "reported", uncertain: "uncertain", not_flagged: "not_flagged" };

function shippedRows(file: string) {
  return (parse(readFileSync(join(findDataDir(), file), "utf8"), { columns: true }) as Record<string, string>[]).map((r) => ({
    key: `${r.ally_iso3}|${r.year}|${r.indicator}`,
    value: Number(r.value),
    estimate: FLAGS[r.estimate_flag as string],
    unit: r.unit,
    table: r.source_table,
    label: r.source_label,
  }));
}

async function release(path: string, name = path.split("/").at(-1) as string) {
  return readRelease({ name, bytes: readFileSync(path) }, { allies: ds.allies });
}

function differences(shipped: ReturnType<typeof shippedRows>, imported: Awaited<ReturnType<typeof release>>) {
  const mine = new Map(imported.observations.map((o) => [`${o.entity}|${o.year}|${o.indicator}`, o]));
  const out: string[] = [];
  for (const s of shipped) {
    const m = mine.get(s.key);
    if (!m) out.push(`${s.key}: missing`);
    else if (
      m.value !== s.value ||
      m.estimate !== s.estimate ||
      m.sourceUnit !== s.unit ||
      m.sourceTable !== s.table ||
      m.sourceLabel !== s.label
    )
      out.push(`${s.key}: ${JSON.stringify([s, m])}`);
  }
  return { out, mine };
}

describe("the publishers' full workbooks", () => {
  it("the full June 2024 NATO workbook reproduces the shipped 2024-06 vintage: 0 differences, no extra figure", async () => {
    const r = await release(join(raw, "240617-def-exp-2024-TABLES-en.xlsx"));
    const shipped = shippedRows("nato/2024-06/nato_defexp_2024_edition.csv");
    const { out } = differences(shipped, r);
    expect(out).toEqual([]);
    expect(r.observations).toHaveLength(shipped.length);
    expect(shipped.length).toBe(5346);
    expect(r.layout).toBe("NATO tables workbook, 2024 layout");
    expect(r.priceBaseYear).toBe(2015);
    expect(r.sha256).toBe("94f4de63de124dd323cb6729ddf66b66a3e024b9984d21abc6cb5624773b375e");
  });

  it("SIPRI's full workbook gives every shipped figure exactly (value, colour flag, unit, sheet, label with footnote marks)", async () => {
    const r = await release(join(raw, "SIPRI-Milex-data-1949-2024_2.xlsx"), "renamed-by-the-user.xlsx");
    const shipped = shippedRows("sipri/2025-04/sipri_milex_1949_2024.csv");
    const { out } = differences(shipped, r);
    expect(out).toEqual([]);
    // The extract Pledge ships before it was cut to SIPRI's terms held 9,970 figures (PROVENANCE.md).
    expect(r.observations).toHaveLength(9970);
    expect(r.publisher).toBe("sipri");
    // China 2024 is printed in blue: a SIPRI estimate (PROVENANCE.md, headline figures).
    expect(r.observations.find((o) => o.entity === "CHN" && o.year === 2024 && o.indicator === "milex_usd_current")).toMatchObject({
      value: 313658.3302,
      estimate: "estimate",
    });
  });
});

describe("small real extracts (test/fixtures/releases, cut by scripts/cut-release-extracts.ts)", () => {
  it("NATO: every figure of the extract equals the shipped vintage's", async () => {
    const r = await release(join(fixtures, "nato-2024-tables-extract.xlsx"));
    const shipped = shippedRows("nato/2024-06/nato_defexp_2024_edition.csv").filter((s) =>
      /^(ALB|POL|USA|NATO_TOTAL|NATO_EUR_CAN)\|/.test(s.key),
    );
    expect(differences(shipped, r).out).toEqual([]);
    expect(r.observations).toHaveLength(shipped.length);
    // Poland 2024e share of GDP, 4.12 rounded (PROVENANCE.md's check against the press).
    const pol = r.observations.find((o) => o.entity === "POL" && o.year === 2024 && o.indicator === "defexp_share_gdp_pct");
    expect(pol?.value.toFixed(2)).toBe("4.12");
    expect(pol?.estimate).toBe("estimate");
    expect(pol?.sourceLabel).toBe("Poland*");
  });

  it("SIPRI: Poland, Russia and the world 2019–2024, shares ×100, flags from the text colour", async () => {
    const r = await release(join(fixtures, "sipri-2025-extract.xlsx"));
    const shipped = shippedRows("sipri/2025-04/sipri_milex_1949_2024.csv").filter(
      (s) => /^(POL|RUS)\|/.test(s.key) && Number(s.key.split("|")[1]) >= 2019,
    );
    expect(differences(shipped, r).out).toEqual([]);
    const rus = r.observations.find((o) => o.entity === "RUS" && o.year === 2024 && o.indicator === "milex_usd_current");
    expect(rus?.value).toBeCloseTo(148967, -1);
    expect(rus?.estimate).toBe("estimate");
    expect(r.observations.find((o) => o.entity === "WLD" && o.indicator === "milex_usd_current_bn")?.value).toBeCloseTo(2718.18, 1);
  });

  it("the IMF's tab-separated export: subjects Pledge uses, estimates after the stated year, other countries skipped", async () => {
    // Two rows in the IMF's export layout, with the April 2026 figures data/imf/ ships for Germany.
    const de = (ind: string, y: number) => ds.get("weo-2026-04", "DEU", ind as never, y)?.value;
    const header = [
      "WEO Country Code",
      "ISO",
      "WEO Subject Code",
      "Country",
      "Subject Descriptor",
      "Units",
      "Scale",
      "2024",
      "2025",
      "2026",
      "Estimates Start After",
    ];
    const lines = [
      header,
      [
        "134",
        "DEU",
        "NGDPD",
        "Germany",
        "Gross domestic product, current prices",
        "U.S. dollars",
        "Billions",
        String(de("gdp_usd_current_bn", 2024)),
        String(de("gdp_usd_current_bn", 2025)),
        String(de("gdp_usd_current_bn", 2026)),
        "2024",
      ],
      [
        "512",
        "AFG",
        "NGDPD",
        "Afghanistan",
        "Gross domestic product, current prices",
        "U.S. dollars",
        "Billions",
        "n/a",
        "n/a",
        "n/a",
        "2020",
      ],
    ];
    const bytes = new TextEncoder().encode(lines.map((l) => l.join("\t")).join("\r\n"));
    const r = await readRelease({ name: "WEOApr2026all.xls", bytes }, { allies: ds.allies });
    expect(r.publisher).toBe("imf");
    expect(r.observations.map((o) => [o.year, o.value, o.estimate])).toEqual([
      [2024, de("gdp_usd_current_bn", 2024), "reported"],
      [2025, de("gdp_usd_current_bn", 2025), "estimate"],
      [2026, de("gdp_usd_current_bn", 2026), "estimate"],
    ]);
    expect(r.skippedCountries).toBe(1);
  });

  it("Pledge's long CSV (data/'s format) with --source", async () => {
    const bytes = readFileSync(join(findDataDir(), "nato/2025-08-press/nato_2025_edition_press_anchors.csv"));
    const r = await readRelease({ name: "anchors.csv", bytes }, { allies: ds.allies, source: "nato" });
    expect(r.observations).toHaveLength(15);
    await expect(readRelease({ name: "anchors.csv", bytes }, { allies: ds.allies })).rejects.toThrow(/give --source/);
  });

  it("a file that is something else than --source says is refused", async () => {
    const bytes = readFileSync(join(fixtures, "sipri-2025-extract.xlsx"));
    const e = await readRelease({ name: "x.xlsx", bytes }, { allies: ds.allies, source: "nato" }).catch((x) => x);
    expect(e).toBeInstanceOf(ReleaseImportError);
    expect(String(e.message)).toMatch(/--source nato was given, but the file is SIPRI/);
  });
});

describe("layouts", () => {
  const extract = readFileSync(join(fixtures, "nato-2024-tables-extract.xlsx"));
  const retitled = (title: string) => {
    // A copy of the real extract whose tables are titled as the 2026 edition titles them (values unchanged).
    const zip = readZip(extract);
    setText(zip, "xl/sharedStrings.xml", text(zip, "xl/sharedStrings.xml").replaceAll("Table 1 : Defence expenditure<", `${title}<`));
    return writeZip(zip);
  };

  it('a workbook whose tables are headed "Core defence expenditure" is read as the 2026 layout', async () => {
    const zip = readZip(extract);
    setText(
      zip,
      "xl/sharedStrings.xml",
      text(zip, "xl/sharedStrings.xml")
        .replace(/Table (1|2) : Defence expenditure</g, "Table $1 : Core defence expenditure<")
        .replace("Defence expenditure as a share of GDP", "Core defence expenditure as a share of GDP")
        .replace("GDP per capita and defence expenditure per capita", "GDP per capita and core defence expenditure per capita")
        .replace("Defence expenditure per capita (US dollars)", "Core defence expenditure per capita (US dollars)")
        .replaceAll("Distribution of defence expenditure by main category", "Distribution of core defence expenditure by main category"),
    );
    const r = await readRelease({ name: "def-exp-2026-en.xlsx", bytes: writeZip(zip) }, { allies: ds.allies });
    expect(r.layout).toBe("NATO tables workbook, 2026 layout (core defence expenditure)");
  });

  it("an unknown layout is refused, saying what was expected and what was found", async () => {
    const e = await readRelease({ name: "t.xlsx", bytes: retitled("Table 1 : Military spending") }, { allies: ds.allies }).catch((x) => x);
    expect(e).toBeInstanceOf(ReleaseImportError);
    expect(e.message).toMatch(
      /t\.xlsx, sheet "TABLE1", row 4: unknown NATO layout: expected the title "Table 1 : Defence expenditure" \(2024\).*found "Table 1 : Military spending"/,
    );
  });

  it("the IMF's export as a workbook is read like its text export", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("WEOApr2026all");
    const pop = (y: number) => ds.get("weo-2026-04", "POL", "population_mn", y)?.value ?? null;
    sheet.addRow(["WEO Country Code", "ISO", "WEO Subject Code", "Country", "Units", "Scale", "2025", "2026", "Estimates Start After"]);
    sheet.addRow(["964", "POL", "LP", "Poland", "Persons", "Millions", pop(2025), pop(2026), 2025]);
    const r = await readRelease({ name: "WEOApr2026all.xlsx", bytes: new Uint8Array(await wb.xlsx.writeBuffer()) }, { allies: ds.allies });
    expect(r.layout).toBe("IMF WEO export (workbook)");
    expect(r.observations.map((o) => [o.indicator, o.year, o.value, o.estimate])).toEqual([
      ["population_mn", 2025, pop(2025), "reported"],
      ["population_mn", 2026, pop(2026), "estimate"],
    ]);
  });
});
