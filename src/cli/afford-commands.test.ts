import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test/support/fake-io.ts";
import { AFFORDABILITY_YEARS_SPEC } from "../core/affordability/affordability-tables.ts";
import { BURDEN_ALLIES_SPEC } from "../core/affordability/burden-tables.ts";

describe("pledge afford", () => {
  it("one ally by name: its years, the summary with SAFE, the financing and the derived rate stated", async () => {
    const r = await runCli(["afford", "Latvia"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Latvia (EUR), Hague 2035, financing: borrow");
    expect(r.stdout).toMatch(/│ LVA\s+│ Latvia\s+│ borrow\s+│/);
    expect(r.stdout).toContain("no interest series, so the effective rate is derived");
    expect(r.stdout).toContain("tentative");
  });

  it("CSV carries every column of the spec, one row per ally and year; the financing is in every row", async () => {
    const r = await runCli(["afford", "all", "--financing", "offset", "--format", "csv"]);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual(AFFORDABILITY_YEARS_SPEC.columns.map((c) => c.key));
    expect(new Set(rows.map((x) => x.financing))).toEqual(new Set(["offset"]));
    // Offset: the debt stays on the baseline in every row.
    for (const x of rows) expect(x.debt_pct).toBe(x.baseline_debt_pct);
  });

  it("an unknown financing is a usage error naming the flag", async () => {
    const r = await runCli(["afford", "POL", "--financing", "printing"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--financing/);
  });
});

describe("pledge burden", () => {
  it("states every choice; CSV gives each ally's part by year with the choice in every row", async () => {
    const t = await runCli(["burden", "--us-share", "2", "--by", "2029", "--against", "path", "--key", "spending", "--cover", "50"]);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain("moves linearly to 2% of GDP by 2029");
    expect(t.stdout).toContain("against its own path to 3.5% core by 2035");
    expect(t.stdout).toContain("cover 50% of it, shared in proportion to each ally's core spending");
    const c = await runCli(["burden", "--key", "spending", "--format", "csv"]);
    const rows = parse(c.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual(BURDEN_ALLIES_SPEC.columns.map((x) => x.key));
    expect(new Set(rows.map((x) => `${x.against}/${x.key}`))).toEqual(new Set(["freeze/spending"]));
  });

  it("a cut year outside the range is a usage error naming the flag", async () => {
    const r = await runCli(["burden", "--by", "1999"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--by/);
  });
});
