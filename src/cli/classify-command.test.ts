import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test/support/fake-io.ts";
import { CLASSIFIED_LINE_COLUMNS } from "../core/classification/published-columns.ts";

const CANADA = "examples/budgets/canada-dnd-main-estimates-2023-24.csv";
const tmp = mkdtempSync(join(tmpdir(), "pledge-classify-"));

describe("pledge classify", () => {
  it("prints each line with the rule that decided it, totals, the Hague thresholds from guidelines.csv and NATO's figure", async () => {
    const r = await runCli(["classify", CANADA, "--ally", "CAN", "--year", "2023"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/│ V15\s+│ Payments in respect .*│\s+446,727,532 │ core_personnel\s+│ military-personnel/);
    expect(r.stdout).toContain("Classified by the user from canada-dnd-main-estimates-2023-24.csv");
    expect(r.stdout).toMatch(/at least 3\.5 % by 2035 \(guidelines\.csv hague_core\); this budget: 0\.89 % of GDP/);
    expect(r.stdout).toMatch(/up to 1\.5 % by 2035/);
    // 26,489,124,243 − 38,385 million (NATO July 2026, CAN 2023) = −11,895.9 million.
    expect(r.stdout).toMatch(/38,385 m CAD; classified core minus NATO: -11,896 m CAD/);
  });

  it("writes the published columns as CSV, and everything as JSON", async () => {
    const csv = await runCli(["classify", CANADA, "--ally", "Canada", "--year", "2023", "--format", "csv"]);
    const rows = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([...CLASSIFIED_LINE_COLUMNS]);
    expect(rows.map((x) => x.amount)).toEqual(["17912761663", "6076583477", "319808513", "446727532", "1733243058"]);
    const json = JSON.parse((await runCli(["classify", CANADA, "--ally", "CAN", "--year", "2023", "--format", "json"])).stdout);
    expect(json.status).toBe("classified by the user from canada-dnd-main-estimates-2023-24.csv");
    expect(json.groupTotals.core).toBe(26_489_124_243);
    expect(json.lines[0].explanation).toMatch(/Operations and maintenance/);
  });

  it("records an override with its reason, and writes an xlsx workbook with --output", async () => {
    const overrides = join(tmp, "decisions.csv");
    writeFileSync(overrides, "line_id,category,reason\nV5,core_equipment,Vote 5 is capital: equipment and infrastructure\n");
    const out = join(tmp, "classified.xlsx");
    const r = await runCli([
      "classify",
      CANADA,
      "--ally",
      "CAN",
      "--year",
      "2023",
      "--overrides",
      overrides,
      "--format",
      "xlsx",
      "--output",
      out,
    ]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const lines = wb.getWorksheet("lines");
    if (!lines) throw new Error("no sheet named lines");
    const header = (lines.getRow(1).values as unknown[]).slice(1);
    const v5 = (lines.getRow(3).values as unknown[]).slice(1);
    expect(v5[header.indexOf("category")]).toBe("core_equipment");
    expect(v5[header.indexOf("override_reason")]).toBe("Vote 5 is capital: equipment and infrastructure");
    expect(wb.worksheets.map((w) => w.name)).toEqual(["lines", "totals", "guidelines"]);
  });

  it("refuses bad input with the file, row and column, exit 1; usage mistakes exit 2", async () => {
    const bad = join(tmp, "bad.csv");
    writeFileSync(bad, "id,name,amount\nA,Personnel,10\nA,Procurement,5\n");
    const r = await runCli(["classify", bad, "--ally", "CAN", "--year", "2023"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('pledge: bad data: bad.csv, row 3, field "id": the line id "A" is also used in row 2\n');
    const eur = join(tmp, "eur.csv");
    writeFileSync(eur, "id,name,amount\nA,Personnel,10 €\n");
    expect((await runCli(["classify", eur, "--ally", "CAN", "--year", "2023"])).stderr).toMatch(
      /the line is in EUR, not in the ally's currency CAD/,
    );
    expect((await runCli(["classify", CANADA, "--ally", "CAN", "--year", "2023", "--format", "xlsx"])).code).toBe(2);
    expect((await runCli(["classify", "budget.pdf", "--ally", "CAN", "--year", "2023"])).stderr).toMatch(/\.csv or \.xlsx/);
  });
});

describe("pledge classify --record-related: a classified budget as a plan's 1.5 % figure", () => {
  // A small budget in the shape of a national one (lines as a user would bring them); its related
  // lines are the cyber and critical-infrastructure ones.
  const budget = join(tmp, "deu-2026.csv");
  writeFileSync(
    budget,
    [
      "id,name,ministry,amount,unit,currency",
      "A,Beschaffung von Waffen und Munition,Bundesministerium der Verteidigung,20000,millions,EUR",
      "B,Cyber- und Informationssicherheit (BSI),Bundesministerium des Innern,1500,millions,EUR",
      "C,Schutz kritischer Infrastruktur (KRITIS),Bundesministerium des Innern,2500,millions,EUR",
      "D,Zinsausgaben,Bundesministerium der Finanzen,30000,millions,EUR",
    ].join("\n"),
  );
  const dataDir = join(tmp, "store-related");

  /** IMF WEO April 2026's GDP of Germany in 2026, read from the shipped CSV (billion EUR). */
  function weoGdp(iso3: string, year: number): number {
    const rows = parse(readFileSync("data/imf/weo-2026-04/imf_weo_apr2026.csv", "utf8"), { columns: true }) as Record<string, string>[];
    const row = rows.find((r) => r.ally_iso3 === iso3 && Number(r.year) === year && r.indicator === "gdp_nc_current_bn");
    if (!row) throw new Error("no GDP row");
    return Number(row.value);
  }

  it("adds a version whose year carries the related share of GDP and a source 'classified by the user', leaving core as it was", async () => {
    const { openStore, createPlan, getPlan } = await import("../store/index.ts");
    const store = await openStore({ dataDir });
    await createPlan(
      store,
      {
        ally: "DEU",
        submissionYear: 2025,
        unit: "share",
        years: [
          { year: 2026, corePct: 2.8 },
          { year: 2029, corePct: 3.5 },
        ],
        sources: [{ title: "Bundeshaushalt 2026" }],
      },
      "test",
    );
    await store.close();

    const r = await runCli(["classify", budget, "--ally", "DEU", "--year", "2026", "--record-related", "DEU-2025", "--data-dir", dataDir]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /Recorded as the 1\.5 % figure of plan DEU-2025: version 2, status "classified by the user", never NATO's figure/,
    );

    const again = await openStore({ dataDir });
    const plan = await getPlan(again, "DEU-2025");
    await again.close();
    const v2 = plan?.latest;
    expect(v2?.version).toBe(2);
    // Oracle: (1,500 + 2,500) million EUR over the WEO's GDP in billion EUR, in percent.
    const expected = (4_000 / 1_000 / weoGdp("DEU", 2026)) * 100;
    expect(v2?.years.find((y) => y.year === 2026)?.relatedPct).toBeCloseTo(expected, 10);
    expect(v2?.years.find((y) => y.year === 2026)?.corePct).toBe(2.8);
    expect(v2?.years.find((y) => y.year === 2029)?.relatedPct).toBeUndefined();
    const source = v2?.sources.find((s) => s.status === "classified_by_user");
    expect(source).toMatchObject({ covers: "related", years: [2026] });
    expect(source?.title).toMatch(
      /^1\.5 % figure for 2026 classified by the user from deu-2026\.csv \(sha256 [0-9a-f]{12}…\) with rules .* v1.*Not a NATO figure\.$/,
    );
    expect(v2?.sources[0]?.title).toBe("Bundeshaushalt 2026");

    // Classifying the same year again replaces that source instead of adding a second one.
    const twice = await runCli([
      "classify",
      budget,
      "--ally",
      "DEU",
      "--year",
      "2026",
      "--record-related",
      "DEU-2025",
      "--data-dir",
      dataDir,
    ]);
    expect(twice.code).toBe(0);
    const s3 = await openStore({ dataDir });
    const v3 = (await getPlan(s3, "DEU-2025"))?.latest;
    await s3.close();
    expect(v3?.version).toBe(3);
    expect(v3?.sources.filter((s) => s.status === "classified_by_user")).toHaveLength(1);

    // The plan's sources say who stands behind which figure.
    const shown = await runCli(["plan", "DEU-2025", "--data-dir", dataDir]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/\[classified by the user; related, 2026\] 1\.5 % figure for 2026/);
  });

  it("refuses a year the plan does not cover, and a plan that does not exist, writing nothing", async () => {
    const noYear = await runCli([
      "classify",
      budget,
      "--ally",
      "DEU",
      "--year",
      "2027",
      "--record-related",
      "DEU-2025",
      "--data-dir",
      dataDir,
    ]);
    expect(noYear.code).not.toBe(0);
    expect(noYear.stderr).toMatch(/plan DEU-2025 has no year 2027 \(it covers 2026, 2029\)/);
    const noPlan = await runCli([
      "classify",
      budget,
      "--ally",
      "DEU",
      "--year",
      "2026",
      "--record-related",
      "DEU-2031",
      "--data-dir",
      dataDir,
    ]);
    expect(noPlan.code).not.toBe(0);
    expect(noPlan.stderr).toMatch(/no plan DEU-2031/);
    const { openStore, getPlan } = await import("../store/index.ts");
    const store = await openStore({ dataDir });
    expect((await getPlan(store, "DEU-2025"))?.latest.version).toBe(3);
    await store.close();
  });
});

describe("pledge afford --related-base-from: a plan's classified 1.5 % figure as the path's related base", () => {
  const dataDir = join(tmp, "store-afford");
  it("takes the base year's related share from the plan, says where it comes from, and lowers the related extra by exactly that much", async () => {
    const { openStore, createPlan } = await import("../store/index.ts");
    const store = await openStore({ dataDir });
    await createPlan(
      store,
      {
        ally: "DEU",
        submissionYear: 2025,
        unit: "share",
        years: [{ year: 2026, corePct: 2.8, relatedPct: 0.25 }],
        sources: [{ title: "classified from a budget", status: "classified_by_user", covers: "related", years: [2026] }],
      },
      "test",
    );
    await store.close();
    type Year = { year: number; related_extra_pct_gdp: number | null };
    const run = async (extra: string[]) => {
      const r = await runCli(["afford", "DEU", "--format", "json", "--data-dir", dataDir, ...extra]);
      expect(r.stderr).toBe("");
      return JSON.parse(r.stdout) as { years: Year[]; notes: string[] };
    };
    const without = await run([]);
    const withBase = await run(["--related-base-from", "DEU-2025"]);
    expect(withBase.notes.join("\n")).toMatch(
      /Related spending in the base year 2026: 0\.2500 % of GDP from plan DEU-2025 v1 \(\[classified by the user; related, 2026\] classified from a budget\); not a NATO figure\./,
    );
    // By hand: the related path climbs from its base to 1.5 % either way, so in the target year the
    // extra over the base is 1.5 − 0.25 instead of 1.5 − 0: 0.25 points of GDP less.
    const at2035 = (r: { years: Year[] }) => r.years.find((y) => y.year === 2035)?.related_extra_pct_gdp as number;
    expect(at2035(without) - at2035(withBase)).toBeCloseTo(0.25, 3);
    const all = await runCli(["afford", "all", "--related-base-from", "DEU-2025", "--data-dir", dataDir]);
    expect(all.code).not.toBe(0);
    expect(all.stderr).toMatch(/name one ally/);
  });
});
