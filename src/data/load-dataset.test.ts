import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DataError } from "./data-error.ts";
import { readDatasetFromCsv } from "./read-csv-dataset.ts";

const EXTRACT = join(import.meta.dirname, "../../test/fixtures/data-extract");
const NATO24 = "nato/2024-06/nato_defexp_2024_edition.csv";
const dirs: string[] = [];

/** A copy of the real extract with one file edited, so each test breaks exactly one thing. */
function extractWith(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "pledge-data-"));
  dirs.push(dir);
  cpSync(EXTRACT, dir, { recursive: true });
  writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), "utf8")));
  return dir;
}

function loadError(dir: string): DataError {
  try {
    readDatasetFromCsv(dir);
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  throw new Error("expected the load to fail");
}

/** Replaces the cell of `column` (0-based) on CSV line `line` (1 = header); only for cells before the quoted unit. */
const setCell = (text: string, line: number, column: number, value: string) =>
  text
    .split("\n")
    .map((l, i) => {
      if (i !== line - 1) return l;
      const cells = l.split(",");
      cells[column] = value;
      return cells.join(",");
    })
    .join("\n");

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("loading a real extract of the dataset", () => {
  it("loads every vintage of the shipped extract", () => {
    const parts = readDatasetFromCsv(EXTRACT);
    expect(parts.vintages).toHaveLength(5);
    expect(parts.observations).toHaveLength(40 * 4 + 15);
    expect(parts.observations[0]).toMatchObject({
      entity: "ALB",
      year: 2014,
      indicator: "defexp_nc_current",
      vintageId: "2024-06",
      estimate: "reported",
    });
  });
});

describe("bad data is refused with its file, row and field", () => {
  it.each([
    ["a value that is not a number", (t: string) => setCell(t, 5, 4, "12,5x"), 5, undefined],
    ["a non-numeric value", (t: string) => setCell(t, 5, 4, "n/a"), 5, "value"],
    ["a year out of range", (t: string) => setCell(t, 7, 2, "1800"), 7, "year"],
    ["an indicator not in the registry", (t: string) => setCell(t, 9, 3, "defexp_made_up"), 9, "indicator"],
    ["an unknown ally code", (t: string) => setCell(t, 10, 0, "XYZ"), 10, "ally_iso3"],
    [
      "an unknown estimate flag",
      (t: string) =>
        t
          .split("\n")
          .map((l, i) => (i === 10 ? l.replace(",true,TABLE1", ",maybe,TABLE1") : l))
          .join("\n"),
      11,
      "estimate_flag",
    ],
  ])("%s", (_what, edit, row, field) => {
    const e = loadError(extractWith(NATO24, edit));
    expect(e.file).toBe(NATO24);
    expect(e.row).toBe(row);
    if (field) expect(e.field).toBe(field);
    expect(e.message).toContain(`${NATO24}, row ${row}`);
  });

  it("a duplicated (ally, year, indicator) row", () => {
    const e = loadError(
      extractWith(NATO24, (t) => {
        const lines = t.split("\n");
        lines.splice(3, 0, lines[2] as string);
        return lines.join("\n");
      }),
    );
    expect(e.row).toBe(4);
    expect(e.message).toMatch(/duplicate/);
  });

  it("a renamed header column", () => {
    const e = loadError(extractWith(NATO24, (t) => t.replace("estimate_flag", "flag")));
    expect([e.row, e.field]).toEqual([1, "estimate_flag"]);
  });

  it("a row count that disagrees with vintages.csv", () => {
    const e = loadError(extractWith(NATO24, (t) => t.split("\n").slice(0, -3).join("\n")));
    expect(e.message).toMatch(/has 38 rows; vintages.csv says 40/);
  });

  it("a vintage citing a source that is not in sources.csv", () => {
    const e = loadError(extractWith("vintages.csv", (t) => t.replace("nato-defexp-2026,", "nato-defexp-2099,")));
    expect([e.file, e.row, e.field]).toEqual(["vintages.csv", 4, "source_id"]);
  });

  it("an ally with a malformed ISO code", () => {
    const e = loadError(extractWith("allies.csv", (t) => t.replace("BEL,BE,", "BELG,BE,")));
    expect([e.file, e.row, e.field]).toEqual(["allies.csv", 3, "iso3"]);
  });

  it("a missing vintage file", () => {
    const dir = extractWith("vintages.csv", (t) => t.replace("sipri_milex_1949_2024.csv", "missing.csv"));
    expect(loadError(dir).message).toMatch(/missing\.csv: cannot read the file \(ENOENT\)/);
  });
});

describe("the bundle build", () => {
  it("fails on bad data without touching the bundle already there", () => {
    const dir = extractWith(NATO24, (t) => setCell(t, 6, 4, "oops"));
    const bundle = join(dir, "generated/dataset.json");
    mkdirSync(join(dir, "generated"));
    writeFileSync(bundle, "previous bundle");
    let stderr = "";
    try {
      execFileSync(process.execPath, ["--import", "tsx", "scripts/build-dataset.ts"], {
        env: { ...process.env, PLEDGE_DATA_DIR: dir },
        stdio: "pipe",
      });
    } catch (e) {
      stderr = String((e as { stderr: Buffer }).stderr);
    }
    expect(stderr).toContain(`${NATO24}, row 6, field "value"`);
    expect(readFileSync(bundle, "utf8")).toBe("previous bundle");
  });
});
