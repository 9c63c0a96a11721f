import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CLAIMED_PLANS_FILE, loadPlanClaims, urlsIn } from "./claimed-plans.ts";
import { KIEL_FILE, loadKielTotals } from "./kiel-aid.ts";
import { findDataDir } from "./load-dataset.ts";

const tmp = mkdtempSync(join(tmpdir(), "pledge-extra-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A copy of a shipped file with one cell of one row replaced. */
function corrupt(file: string, row: number, column: string, value: string): string {
  const dir = mkdtempSync(join(tmp, "d-"));
  const lines = readFileSync(join(findDataDir(), file), "utf8").split("\n");
  const header = (lines[0] as string).split(",");
  const i = header.indexOf(column);
  const cells = (lines[row - 1] as string).split(",");
  cells[i] = value;
  lines[row - 1] = cells.join(",");
  mkdirSync(join(dir, file, ".."), { recursive: true });
  writeFileSync(join(dir, file), lines.join("\n"));
  return dir;
}

describe("bad input in the separately loaded files names the file, the row and the field", () => {
  it("a plan statement with an unknown status", () => {
    // Row 2 is Germany's first statement; its status column is 'estimate_flag'.
    const dir = mkdtempSync(join(tmp, "s-"));
    const text = readFileSync(join(findDataDir(), CLAIMED_PLANS_FILE), "utf8").replace(",claimed_by_ally,", ",rumoured,");
    mkdirSync(join(dir, "plans"), { recursive: true });
    writeFileSync(join(dir, CLAIMED_PLANS_FILE), text);
    expect(() => loadPlanClaims(dir)).toThrow(/^plans\/claimed\.csv, row 2, field "estimate_flag": the status must be one of/);
  });

  it("a Kiel total that is not a number", () => {
    expect(() => loadKielTotals(corrupt(KIEL_FILE, 2, "ally_iso3", "BE"))).toThrow(/^kiel\/ukraine_support\.csv, row 2, field "ally_iso3"/);
  });

  it("URLs are taken from the source cell without trailing prose punctuation", () => {
    expect(urlsIn("https://a.example/x (Politico); https://b.example/y, and https://c.example/z.")).toEqual([
      "https://a.example/x",
      "https://b.example/y",
      "https://c.example/z",
    ]);
  });
});
