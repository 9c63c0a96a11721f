import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test/support/fake-io.ts";

const csvRows = (text: string) =>
  text
    .trim()
    .split("\n")
    .map((l) => l.split(","));

describe("pledge path", () => {
  it("prints Germany's yearly path with the review and target years marked, in a table and as CSV", async () => {
    const table = await runCli(["path", "DEU"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/Germany: path to 3\.5% core \+ 1\.5% related by 2035/);
    expect(table.stdout).toMatch(/2029 │ review │\s+2\.96/);
    expect(table.stdout).toMatch(/2035 │ target │\s+3\.50 │\s+1\.50 │\s+5\.00/);
    const csv = csvRows((await runCli(["path", "DEU", "--format", "csv"])).stdout);
    const header = csv[0] as string[];
    expect(header.slice(0, 4)).toEqual(["ally", "year", "marker", "core_share_pct"]);
    const last = csv.at(-1) as string[];
    expect(last[header.indexOf("core_share_pct")]).toBe("3.5");
    expect(last[header.indexOf("target_year")]).toBe("true");
    expect(csv).toHaveLength(1 + 10);
  });

  it("for all allies, CSV has every ally-year (31 allies × 2026–2035, held at the target after 2032) and the table a summary", async () => {
    const csv = csvRows((await runCli(["path", "all", "--by", "2032", "--format", "csv"])).stdout);
    expect(csv).toHaveLength(1 + 31 * 10);
    const table = await runCli(["path", "all", "--by", "2032"]);
    expect(table.stdout).toMatch(/Paths to 3\.5% core \+ 1\.5% related by 2032/);
    expect(table.stdout).toMatch(/Spain's target \(2\.1%\)/);
    expect(table.stdout).toMatch(/ISL has no path: No armed forces/);
  });

  it("names the option in every parameter error and exits 2", async () => {
    const cases: [string[], RegExp][] = [
      [["path", "DEU", "--target", "-1"], /--target: must be 0 or more/],
      [["path", "DEU", "--by", "2020"], /--by: .*2025/],
      [["path", "DEU", "--shape", "wiggly"], /--shape: .*linear/],
      [["path", "DEU", "--target", "lots"], /--target: "lots" is not a number/],
      [["path", "DEU", "--shape", "plan"], /--plan: the "plan" shape needs/],
      [["path", "DEU", "--plan", "2030:3", "--shape", "plan"], /--plan: "2030:3" is not year=value/],
      [["path", "DEU", "--vintage", "2025-08"], /--vintage: "2025-08" is not an official NATO vintage/],
      [["path", "Germny"], /unknown ally "Germny". Did you mean: Germany/],
      [["path", "ISL"], /ISL has no pathway: No armed forces/],
    ];
    for (const [argv, message] of cases) {
      const r = await runCli(argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stderr, argv.join(" ")).toMatch(message);
    }
  });

  it("a user plan is followed year by year", async () => {
    const r = await runCli(["path", "NLD", "--shape", "plan", "--plan", "2028=3,2030=3.4", "--format", "json"]);
    const years = JSON.parse(r.stdout).years as { year: number; core_share_pct: number }[];
    expect(years.find((y) => y.year === 2028)?.core_share_pct).toBe(3);
    expect(years.find((y) => y.year === 2035)?.core_share_pct).toBe(3.4);
  });
});

describe("pledge scenarios and pledge scenario", () => {
  it("lists the five presets with their assumptions", async () => {
    const r = await runCli(["scenarios", "--format", "json"]);
    const presets = JSON.parse(r.stdout).presets as { id: string; assumptions: string[] }[];
    expect(presets.map((p) => p.id)).toEqual(["hague-2035", "earlier-2032", "status-quo", "reinforcement", "rupture"]);
  });

  it("runs Rupture and shows what Europe and Canada cover", async () => {
    const r = await runCli(["scenario", "rupture", "--format", "json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { alliance: { year: number; us_gap_usd_current_m: number; covered_usd_current_m: number }[] };
    const y2030 = out.alliance.find((a) => a.year === 2030);
    expect(y2030?.covered_usd_current_m).toBeCloseTo((y2030?.us_gap_usd_current_m ?? 0) / 2, 6);
  });

  it("compares a scenario file with a preset side by side", async () => {
    const file = join(tmpdir(), `pledge-scenario-${process.pid}.json`);
    writeFileSync(file, JSON.stringify({ id: "germany-4", name: "Germany at 4%", overrides: { DEU: { corePct: 4 } } }));
    const csv = csvRows((await runCli(["scenario", file, "--compare", "hague-2035", "--years", "2035", "--format", "csv"])).stdout);
    const deu = csv.filter((r) => r[0] === "DEU");
    expect(deu.map((r) => [r[2], r[3]])).toEqual([
      ["germany-4", "4"],
      ["hague-2035", "3.5"],
    ]);
  });

  it("refuses a malformed scenario file, naming the file and the field", async () => {
    const file = join(tmpdir(), `pledge-bad-${process.pid}.json`);
    writeFileSync(file, JSON.stringify({ id: "Bad Id", name: "x" }));
    const r = await runCli(["scenario", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: id: lower-case letters, digits and dashes`);
    expect((await runCli(["scenario", "/nonexistent/x.json"])).stderr).toMatch(/cannot read scenario file .*ENOENT/);
  });
});

describe("pledge forecast, backtest and outturn", () => {
  it("forecast gives the three models side by side, each with its assumption", async () => {
    const r = await runCli(["forecast", "DEU", "--paths", "1000", "--seed", "3", "--format", "json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      probabilities: { model: string; p_by_target_year: number; p_in_target_year: number; assumes: string }[];
    };
    expect(out.probabilities.map((p) => p.model)).toEqual(["path", "trajectory", "plan"]);
    for (const p of out.probabilities) {
      expect(p.p_in_target_year).toBeLessThanOrEqual(p.p_by_target_year);
      expect(p.assumes.length).toBeGreaterThan(40);
    }
    const bad = await runCli(["forecast", "DEU", "--model", "hope"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--model: "hope" is not a model/);
  });

  it("backtest prints each rule's scores with no change as the zero of skill", async () => {
    const r = await runCli(["backtest", "--format", "json"]);
    expect(r.code).toBe(0);
    const rows = (
      JSON.parse(r.stdout) as {
        backtest: { test: string; rule: string; horizons: string; crps_skill: number; coverage_90: number | null }[];
      }
    ).backtest;
    const noChange = rows.filter((x) => x.rule === "no-change");
    expect(noChange.length).toBeGreaterThan(0);
    for (const x of noChange) {
      expect(x.crps_skill).toBe(0);
      expect(x.coverage_90).toBeNull();
    }
    expect(new Set(rows.map((x) => x.test)).size).toBe(2);
  });

  it("outturn lists Bulgaria's budget year with the currency change removed", async () => {
    const r = await runCli(["outturn", "--ally", "Bulgaria", "--format", "json"]);
    expect(r.code).toBe(0);
    const rows = (JSON.parse(r.stdout) as { estimate_outturn: { year: number; revision_pct: number; unit_change: string }[] })
      .estimate_outturn;
    const y2024 = rows.find((x) => x.year === 2024);
    // 2027 m€ × 1.95583 = 3964.5 m leva against 4217 estimated: −6.0 %.
    expect(y2024?.revision_pct).toBeCloseTo(-6.0, 0);
    expect(y2024?.unit_change).toMatch(/euro/);
  });
});

describe("pledge simulate", () => {
  it("gives percentiles and probabilities, the same for the same seed", async () => {
    const a = await runCli(["simulate", "ITA", "--paths", "2000", "--seed", "5", "--format", "json"]);
    const b = await runCli(["simulate", "ITA", "--paths", "2000", "--seed", "5", "--format", "json"]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const out = JSON.parse(a.stdout) as {
      probabilities: { model: string; p_in_target_year: number }[];
      forecast: { model: string; year: number; core_share_p50: number }[];
    };
    expect(out.probabilities.map((p) => p.model)).toEqual(["path"]);
    expect(out.probabilities[0]?.p_in_target_year).toBeGreaterThan(0.3);
    expect(out.forecast.find((p) => p.year === 2035)?.core_share_p50).toBeCloseTo(3.5, 1);
  });

  it("draws a progress bar on a terminal, and refuses a run that is too large", async () => {
    const r = await runCli(["simulate", "all", "--paths", "200"], { tty: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/simulating .* 31\/31 allies/);
    const big = await runCli(["simulate", "all", "--paths", "5000000"]);
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(/--paths: "5000000" must be a whole number from 100 to 1,000,000/);
  });
});
