/**
 * `pledge data`: an import stores the release in one transaction and every command sees it; each bad
 * file of the list gets an error naming the file (and sheet, row, column where there is one),
 * a non-zero exit code, and leaves every stored vintage exactly as it was.
 */
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../test/support/fake-io.ts";
import { readZip, setText, sheetPaths, text, writeZip } from "../../test/support/xlsx-zip.ts";
import { loadDataset } from "../data/load-dataset.ts";
import { readRelease } from "../data/releases/read-release.ts";
import { ReleaseImportError } from "../data/releases/release.ts";
import { listImportedVintages, openStore } from "../store/index.ts";
import { main } from "./main.ts";

const fixtures = join(import.meta.dirname, "..", "..", "test", "fixtures", "releases");
const NATO = readFileSync(join(fixtures, "nato-2024-tables-extract.xlsx"));
const SIPRI = readFileSync(join(fixtures, "sipri-2025-extract.xlsx"));
const dir = mkdtempSync(join(tmpdir(), "pledge-data-"));
const dataDir = join(dir, "db");
const ds = loadDataset();

async function stored(): Promise<string> {
  const store = await openStore({ dataDir });
  try {
    return JSON.stringify(await listImportedVintages(store));
  } finally {
    await store.close();
  }
}

/** A copy of a workbook with one of its XML files edited. */
function edited(bytes: Uint8Array, edit: (zip: ReturnType<typeof readZip>, sheets: Map<string, string>) => void): Uint8Array {
  const zip = readZip(bytes);
  edit(zip, sheetPaths(zip));
  return writeZip(zip);
}

const sheetXml = (bytes: Uint8Array, sheet: string, change: (xml: string) => string) =>
  edited(bytes, (zip, sheets) => setText(zip, sheets.get(sheet) as string, change(text(zip, sheets.get(sheet) as string))));

beforeAll(async () => {
  // A vintage already stored: every failed import below must leave it exactly as it is.
  const r = await runCli([
    "data",
    "import",
    join(fixtures, "sipri-2025-extract.xlsx"),
    "--vintage",
    "sipri-extract",
    "--data-dir",
    dataDir,
  ]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("SIPRI's next price base", () => {
  it("a release in constant 2024 dollars (SIPRI's April 2026 layout) imports as milex_usd_const2024, with 2024 as its price base", async () => {
    // The real extract with every statement of its price base moved from 2023 to 2024, as SIPRI does
    // each April; the figures themselves are untouched.
    const next = edited(SIPRI, (z) => {
      setText(z, "xl/workbook.xml", text(z, "xl/workbook.xml").replace("Constant (2023) US$", "Constant (2024) US$"));
      setText(z, "xl/sharedStrings.xml", text(z, "xl/sharedStrings.xml").replaceAll("constant 2023 prices", "constant 2024 prices"));
    });
    const release = await readRelease({ name: "SIPRI-Milex-data-1949-2025.xlsx", bytes: next }, { allies: ds.allies });
    expect(release.priceBaseYear).toBe(2024);
    const indicators = new Set(release.observations.map((o) => o.indicator));
    expect(indicators.has("milex_usd_const2024")).toBe(true);
    expect(indicators.has("milex_usd_const2023")).toBe(false);
    const original = await readRelease({ name: "SIPRI.xlsx", bytes: SIPRI }, { allies: ds.allies });
    const values = (r: typeof release, indicator: string) =>
      r.observations.filter((o) => o.indicator === indicator).map((o) => `${o.entity} ${o.year} ${o.value}`);
    expect(values(original, "milex_usd_const2023").length).toBeGreaterThan(0);
    expect(values(release, "milex_usd_const2024")).toEqual(values(original, "milex_usd_const2023"));
  });
});

describe("pledge data import", () => {
  it("stores a NATO workbook as a vintage with its provenance; other commands and data diff see it", async () => {
    const file = join(dir, "tables.xlsx");
    writeFileSync(file, NATO);
    const r = await runCli([
      "data",
      "import",
      file,
      "--vintage",
      "nato-extract",
      "--published",
      "2024-06-17",
      "--data-dir",
      dataDir,
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout).summary;
    expect(summary.layout).toBe("NATO tables workbook, 2024 layout");
    expect(summary.vintage.file).toContain("sha256 ");
    expect(summary.allies).toBe(3);
    const env = { DATABASE_URL: `sqlite:${join(dataDir, "pledge.sqlite")}` };
    const io = (out: string[]) => ({ stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => out.push(s) }, env });
    const out: string[] = [];
    // Without a dataset given, the CLI reads the store: the imported vintage is one like the shipped ones.
    expect(await main(["ally", "POL", "--vintage", "nato-extract", "--format", "csv"], io(out))).toBe(0);
    expect(out.join("")).toMatch(/defexp_share_gdp_pct/);
    const diff: string[] = [];
    expect(await main(["data", "diff", "2024-06", "nato-extract", "--format", "json"], io(diff))).toBe(0);
    // The extract holds the same figures as the shipped June 2024 release: nothing revised, nothing crossed.
    expect(JSON.parse(diff.join("")).counts).toMatchObject({ revised: 0, crossed_guideline: 0, new_year: 0 });
  });

  it("shows its progress on a terminal (read, validate, store)", async () => {
    const file = join(dir, "tty.xlsx");
    writeFileSync(file, NATO);
    const r = await runCli(["data", "import", file, "--vintage", "nato-tty", "--dry-run", "--data-dir", dataDir], { tty: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("importing");
    expect(r.stderr).toContain("3/3");
  });

  it("--dry-run validates and stores nothing", async () => {
    const before = await stored();
    const file = join(dir, "dry.xlsx");
    writeFileSync(file, NATO);
    const r = await runCli(["data", "import", file, "--vintage", "nato-dry", "--dry-run", "--data-dir", dataDir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Dry run, nothing stored");
    expect(await stored()).toBe(before);
  });

  const bad: [string, () => Uint8Array, RegExp][] = [
    [
      "wrong sheet names",
      () => edited(NATO, (z) => setText(z, "xl/workbook.xml", text(z, "xl/workbook.xml").replace('name="TABLE3"', 'name="Table three"'))),
      /missing TABLE3/,
    ],
    [
      "a header row shifted by one",
      () =>
        sheetXml(SIPRI, "Share of GDP", (x) =>
          x.replace(/<row r="6"[\s\S]*?<\/row>/, (row) =>
            row.replace(
              /r="([A-Z]+)6"/g,
              (_m, c: string) =>
                `r="${c === "A" ? "A" : String.fromCharCode(...[...c].map((ch) => ch.charCodeAt(0))).replace(/.$/, (l) => String.fromCharCode(l.charCodeAt(0) + 1))}6"`,
            ),
          ),
        ),
      /sheet "Share of GDP", row \d+, column [A-Z]+: a figure with no year/,
    ],
    [
      "text in a numeric cell",
      () =>
        sheetXml(NATO, "TABLE3", (x) =>
          x.replace(/<c r="N32"([^>]*?)>[\s\S]*?<\/c>/, '<c r="N32"$1 t="inlineStr"><is><t>4,1 est.</t></is></c>'),
        ),
      /sheet "TABLE3", row \d+, column N: "4,1 est\." is not a number/,
    ],
    [
      "a duplicate row",
      () => edited(NATO, (z) => setText(z, "xl/sharedStrings.xml", text(z, "xl/sharedStrings.xml").replace(">Albania<", ">Poland<"))),
      /column C: duplicate row: "Poland" appears twice/,
    ],
    [
      "an unknown ally name",
      () => edited(NATO, (z) => setText(z, "xl/sharedStrings.xml", text(z, "xl/sharedStrings.xml").replace(">Albania<", ">Albanland<"))),
      /column C: unknown ally or aggregate "Albanland"/,
    ],
    [
      "a unit or price-base mismatch",
      () =>
        edited(SIPRI, (z) =>
          setText(z, "xl/workbook.xml", text(z, "xl/workbook.xml").replace("Constant (2023) US$", "Constant (2022) US$")),
        ),
      /price base mismatch/,
    ],
    ["a truncated file", () => NATO.subarray(0, NATO.length / 2), /not an \.xlsx workbook/],
    ["a zero-byte file", () => new Uint8Array(0), /the file is empty/],
    [
      "a file that is not a workbook",
      () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      /not a workbook/,
    ],
    [
      "a CSV in another encoding",
      () =>
        new Uint8Array(
          Buffer.from(
            "ally_iso3,country,year,indicator,value,unit,source,vintage,estimate_flag,source_table,source_label\nTUR,T\u00fcrkiye,2024,defexp_share_gdp_pct,2.1,x,x,x,false,x,x\n",
            "latin1",
          ),
        ),
      /line 2|row 2/,
    ],
  ];
  it.each(bad)("%s: a clear error, exit code 1, every stored vintage unchanged", async (name, make, message) => {
    const before = await stored();
    const file = join(dir, "bad.xlsx");
    writeFileSync(file, make());
    const source = name.includes("CSV") ? ["--source", "nato"] : [];
    const r = await runCli(["data", "import", file, ...source, "--data-dir", dataDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("bad.xlsx");
    expect(r.stderr).toMatch(message);
    expect(await stored()).toBe(before);
  });

  it("a 200 MB file is refused before it is read, and nothing is stored", async () => {
    const before = await stored();
    const file = join(dir, "huge.xlsx");
    writeFileSync(file, "");
    truncateSync(file, 200_000_000);
    const r = await runCli(["data", "import", file, "--data-dir", dataDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/huge\.xlsx: the file is 200,000,000 bytes, above the import limit/);
    expect(await stored()).toBe(before);
  });
});

describe("the SIPRI extract in the views", () => {
  it("a figure cut by SIPRI's terms is absent (never 0) and the note says where to get it", async () => {
    const r = await runCli(["ally", "USA", "--vintage", "sipri-2025-04", "--from", "1985", "--to", "1991", "--format", "json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    const rows = Object.values(json).find((v) => Array.isArray(v) && v.some((x) => x.indicator === "milex_lcu_current")) as Record<
      string,
      unknown
    >[];
    // Local currency is shipped from 2014 only; US dollars from 1990 (src/data/sipri/shipped-extract.ts).
    const lcu = rows.find((x) => x.indicator === "milex_lcu_current") as Record<string, unknown>;
    const usd = rows.find((x) => x.indicator === "milex_usd_current") as Record<string, unknown>;
    expect([lcu["1989"], usd["1989"]]).toEqual([null, null]);
    expect(usd["1990"]).toEqual(expect.any(Number));
    const table = await runCli(["ally", "USA", "--vintage", "sipri-2025-04", "--from", "1985"]);
    expect(table.stdout).toContain("Pledge ships an extract");
  });
});

describe("the importers under fuzzing", () => {
  test.prop([fc.array(fc.tuple(fc.nat(NATO.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 })], {
    numRuns: 25,
  })("a workbook with bytes changed is imported or refused with ReleaseImportError, never another error", async (changes) => {
    const bytes = Uint8Array.from(NATO);
    for (const [at, b] of changes) bytes[at] = b;
    const r = await readRelease({ name: "f.xlsx", bytes }, { allies: ds.allies }).catch((e) => e);
    if (r instanceof Error) expect(r).toBeInstanceOf(ReleaseImportError);
    else expect(r.observations.length).toBeGreaterThan(0);
  });

  test.prop([fc.string({ maxLength: 400 })], { numRuns: 100 })("any text is refused with ReleaseImportError or read", async (s) => {
    const r = await readRelease({ name: "f.txt", bytes: new TextEncoder().encode(s) }, { allies: ds.allies, source: "imf" }).catch(
      (e) => e,
    );
    if (r instanceof Error) expect(r).toBeInstanceOf(ReleaseImportError);
  });
});
