import { describe, expect, it } from "vitest";
import { runCli } from "../../test/support/fake-io.ts";

// Sentence from news.err.ee, 18 June 2024 (also in test/fixtures/claims/corpus.json).
const ERR = "Lithuania is just behind on 2.85 percent of GDP.";

describe("pledge check", () => {
  it("prints one row per vintage with the data, the verdict and why; marks the release current at publication", async () => {
    const r = await runCli(["check", ERR, "--published", "2024-06-18"]);
    expect(r.code).toBe(0);
    // 2024-06: Lithuania 2.85% in 2024 (hand-checked in data/nato/2024-06: 2.8497…), the release of the day.
    expect(r.stdout).toMatch(/2024-06\*\s+│ 2\.85% of GDP\s+│ consistent/);
    expect(r.stdout).toMatch(/2025-08\s+│ —\s+│ not checkable/);
    // 2026-07 revised Lithuania's 2024 share (core definition) to 3.07%: beyond 2.85 ± 0.005 but within 10%.
    expect(r.stdout).toMatch(/2026-07\s+│ 3\.07% of GDP\s+│ close/);
    expect(r.stdout).toMatch(/market exchange rates \(not PPP\)/);
  });

  it("answers JSON with the claim's reading and the year taken from the publication date", async () => {
    const r = await runCli(["check", ERR, "--published", "2024-06-18", "--format", "json"]);
    const out = JSON.parse(r.stdout);
    expect(out.claims).toHaveLength(1);
    expect(out.claims[0]).toMatchObject({ kind: "share_of_gdp", subject: "LTU", year: 2024, yearFrom: "publication_year" });
    expect(out.claims[0].results.map((x: { vintage: string; verdict: string }) => [x.vintage, x.verdict])).toEqual([
      ["2024-06", "consistent"],
      ["2025-08", "not_checkable"],
      ["2026-07", "close"],
    ]);
  });

  it("--year answers a sentence without a year; --vintage narrows to one release", async () => {
    const r = await runCli(["check", "Invented: Poland spent 4.12% of GDP.", "--year", "2024", "--vintage", "2024-06", "--format", "json"]);
    const out = JSON.parse(r.stdout);
    expect(out.claims[0]).toMatchObject({ year: 2024, yearFrom: "asked" });
    expect(out.claims[0].results).toHaveLength(1);
  });

  it("says plainly when nothing is checkable, and refuses bad input with exit code 2", async () => {
    const none = await runCli(["check", "Invented: the weather was fine."]);
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/No checkable claim/);
    const bad = await runCli(["check", ERR, "--published", "18/06/2024"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/published/);
    const long = await runCli(["check", "x".repeat(1001)]);
    expect(long.code).toBe(2);
    expect(long.stderr).toMatch(/1000 characters/);
    const vintage = await runCli(["check", ERR, "--vintage", "1999-01"]);
    expect(vintage.code).toBe(2);
    expect(vintage.stderr).toMatch(/unknown vintage/);
  });
});
