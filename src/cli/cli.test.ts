import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import golden from "../../test/oracle/golden.json" with { type: "json" };
import { runCli } from "../../test/support/fake-io.ts";

describe("pledge status", () => {
  it("prints 31 ranked allies plus Iceland as not applicable, the anchors and the oracle's count at 2% (2024, June 2024 release)", async () => {
    const r = await runCli(["status", "--year", "2024", "--vintage", "2024-06"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    const ranked = lines.filter((l) => /^│\s+\d+ │ [A-Z]{3}\s+│/.test(l));
    expect(ranked).toHaveLength(31);
    expect(ranked[0]).toMatch(/│\s+1 │ POL\s+│ Poland\s+│ 4\.12e │/);
    expect(ranked[30]).toMatch(/│\s+31 │ ESP\s+│ Spain/);
    expect(lines.find((l) => l.includes("ISL"))).toMatch(/│\s+n\/a │ ISL\s+│ Iceland\s+│\s+n\/a │/);
    expect(r.stdout).toMatch(/NATO total\s+│\s+1,474,399e/);
    expect(r.stdout).toMatch(/United States\s+│\s+967,707e/);
    const g = golden.counts["2024-06"][2024];
    expect(r.stdout).toMatch(new RegExp(`Allies at or above 2% of GDP\\s+│\\s+${g.met} of ${g.of}`));
    expect(r.stdout).toMatch(/Counts and ranks are over the 32 allies that were members in 2024/);
  });

  it("2014: the 28 members of 2014 (27 with armed forces), and no 3.5% verdict before 2025", async () => {
    const r = await runCli(["totals", "--year", "2014", "--vintage", "2024-06"]);
    const g = golden.counts["2024-06"][2014];
    expect(r.stdout).toMatch(new RegExp(`Allies at or above 2% of GDP\\s+│\\s+${g.met} of ${g.of}`));
    expect(r.stdout).toMatch(/not in force \(from 2025\)/);
    expect(r.stdout).not.toMatch(/FIN|SWE/);
    const json = JSON.parse((await runCli(["status", "--year", "2014", "--vintage", "2024-06", "--format", "json"])).stdout);
    expect(json.allies).toHaveLength(28);
    expect(json.allies.every((a: { hague_core_status: string }) => a.hague_core_status === "not_in_force")).toBe(true);
  });

  it("writes CSV with the spec's column names, full-precision values and every estimate flag", async () => {
    const r = await runCli(["status", "--year", "2024", "--vintage", "2024-06", "--format", "csv"]);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    const header = Object.keys(rows[0] ?? {});
    expect(header.slice(0, 8)).toEqual(["rank", "ally", "name", "year", "vintage", "applicable", "share_of_gdp_pct", "share_estimate"]);
    for (const k of ["gdp2_status", "gdp2_gap_pp", "gdp2_gap_usd_current_m", "gdp2_gap_nc_current_m", "per_capita_estimate"])
      expect(header).toContain(k);
    expect(rows).toHaveLength(32);
    expect(rows.find((x) => x.ally === "USA")?.spending_usd_current_m).toBe("967707");
    expect(rows.filter((x) => x.gdp2_status === "met")).toHaveLength(golden.counts["2024-06"][2024].met);
    expect(rows.find((x) => x.ally === "ISL")?.gdp2_status).toBe("not_applicable");
    expect(rows.find((x) => x.ally === "ISL")?.share_of_gdp_pct).toBe("");
    // Derived gaps are published at their stated decimals: no float noise.
    for (const x of rows) expect(x.gdp2_gap_pp).toMatch(/^(-?\d+(\.\d{1,2})?)?$/);
  });

  it("writes JSON with the rows, the totals and the sources", async () => {
    const r = await runCli(["status", "--year", "2024", "--vintage", "2024-06", "-f", "json"]);
    const json = JSON.parse(r.stdout);
    expect(json.allies).toHaveLength(32);
    expect(json.totals.usUsdCurrentM.value).toBe(967707);
    expect(json.sources[0].id).toBe("nato-defexp-2024");
  });

  it("defaults to the newest official release and its latest year, marked as estimates", async () => {
    const r = await runCli(["status"]);
    expect(r.stdout).toContain("NATO allies in 2026, NATO July 2026 release");
    expect(r.stdout).toMatch(/│ POL\s+│ Poland\s+│ 4\.68e/);
  });

  it("uses colour only on a terminal, and never with NO_COLOR", async () => {
    const ESC = "\u001b[";
    expect((await runCli(["status"], { tty: true })).stdout).toContain(ESC);
    expect((await runCli(["status"], { tty: false })).stdout).not.toContain(ESC);
    expect((await runCli(["status"], { tty: true, env: { NO_COLOR: "1" } })).stdout).not.toContain(ESC);
  });
});

describe("bad input gets a clear error and a non-zero exit", () => {
  it.each([
    [["ally", "Germny"], /unknown ally "Germny"\. Did you mean: Germany \(DEU\)/],
    [["status", "--year", "2031"], /year "2031" is not in vintage 2026-07, which covers 2014–2026/],
    [["status", "--vintage", "2025-07"], /unknown vintage "2025-07"\. NATO vintages: 2024-06, 2025-08, 2026-07/],
    [["rank", "defexp_share"], /unknown indicator "defexp_share"\. Did you mean: defexp_share_gdp_pct/],
    [["status", "--format", "xml"], /unknown format "xml"/],
    [["compare", "de"], /at least two allies/],
    [["rank", "milex_usd_current", "--vintage", "2026-07"], /comes from SIPRI, not from vintage 2026-07/],
    [["revisions", "--indicator", "defexp_usd_const"], /not comparable between these vintages/],
  ])("pledge %j", async (argv, message) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });

  it("an unknown command suggests the nearest", async () => {
    const r = await runCli(["statu"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Did you mean status\?/);
  });
});

describe("the other commands", () => {
  it("ally: one ally's history with estimates marked and each release's share of GDP", async () => {
    const r = await runCli(["ally", "pl"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Poland (POL), NATO July 2026 release");
    expect(r.stdout).toMatch(/│ 2024-06 │.*│ 4\.12e │/);
    expect(r.stdout).toMatch(/│ 2025-08 │.*│ 4\.48e │/);
  });

  it("ally: Iceland says why it has no defence figures", async () => {
    const r = await runCli(["ally", "Iceland", "--vintage", "2024-06"]);
    expect(r.stdout).toContain("No armed forces");
    expect(r.stdout).toContain("GDP, USD current (NATO)");
    expect(r.stdout).not.toContain("Defence expenditure, share of GDP");
  });

  it("totals: counts per guideline with the allies below", async () => {
    const r = await runCli(["totals", "--year", "2024", "--vintage", "2026-07", "--format", "json"]);
    const gdp2 = JSON.parse(r.stdout).guidelines.find((g: { guideline: string }) => g.guideline === "gdp2");
    expect([gdp2.met, gdp2.below, gdp2.not_applicable]).toEqual([17, 14, 1]);
  });

  it("compare: allies side by side by year", async () => {
    const r = await runCli(["compare", "Germany", "fr", "--format", "csv", "--from", "2022", "--to", "2024", "--vintage", "2024-06"]);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((x) => x.year)).toEqual(["2022", "2023", "2024"]);
    expect(Object.keys(rows[0] ?? {})).toEqual(["year", "DEU", "DEU_estimate", "FRA", "FRA_estimate"]);
    // 2024 was an estimate in the June 2024 release: the flag travels in CSV, not only in the table.
    expect(rows.find((x) => x.year === "2024")?.DEU_estimate).toBe("estimate");
    expect(rows.find((x) => x.year === "2022")?.DEU_estimate).toBe("reported");
  });

  it("compare: Russia beside the US in SIPRI's series", async () => {
    const r = await runCli(["compare", "USA", "RUS", "--indicator", "milex_usd_current", "--from", "2024", "--format", "csv"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("2024,997309");
  });

  it("rank: equal values share a rank", async () => {
    const r = await runCli(["rank", "defexp_share_gdp_pct", "--year", "2024", "--vintage", "2026-07", "--format", "json"]);
    const rows = JSON.parse(r.stdout).ranking as { rank: number; value: number }[];
    expect(rows[0]).toMatchObject({ ally: "POL", rank: 1 });
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1], rows[i]] as [{ rank: number; value: number }, { rank: number; value: number }];
      expect(b.rank).toBe(a.value === b.value ? a.rank : i + 1);
    }
  });

  it("revisions: Poland's 2024 share, 4.12 estimated in June 2024, is 3.75 in July 2026; years print without separators", async () => {
    const r = await runCli(["revisions", "--ally", "Poland", "--year", "2024"]);
    expect(r.stdout).toMatch(/│ POL\s+│ Poland\s+│ 2024 │\s+4\.12e │\s+3\.75 │\s+-0\.37 │/);
  });

  it("sources, vintages and world answer", async () => {
    expect((await runCli(["sources"])).stdout).toContain("sipri-milex-2025");
    expect((await runCli(["vintages", "--format", "csv"])).stdout).toMatch(/^id,series,label,published/);
    const world = JSON.parse((await runCli(["world", "--format", "json"])).stdout);
    expect(Math.round(world.gdp.natoToRussia)).toBe(25);
  });

  it("every command's --help shows examples", async () => {
    for (const cmd of ["status", "ally", "totals", "compare", "rank", "revisions", "world", "sources", "vintages"]) {
      const r = await runCli([cmd, "--help"]);
      expect(r.code, cmd).toBe(0);
      expect(r.stdout, cmd).toContain("Examples:\n  $ pledge");
      expect(r.stdout, cmd).toContain("--format <format>");
    }
  });
});
