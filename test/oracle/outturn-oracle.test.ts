/**
 * An independent oracle for NATO's estimate versus outturn: the budget-year revisions recomputed
 * straight from the two NATO CSVs, with none of src/'s arithmetic, long-hand. Rules: the June 2024
 * release's 2024 figure (an estimate of its own year) against the July 2026 release's 2024 outturn, in
 * national currency; where every year 2014–2022 differs between the releases by one factor (the
 * releases' median ratio, all ratios within 0.5 % of each other and the median at least 0.5 % from 1),
 * that factor is a unit change and is divided out.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { estimatesVersusOutturns, summariseOutturns } from "../../src/core/forecast/estimate-outturn.ts";
import { loadDataset } from "../../src/data/load-dataset.ts";

const DATA = join(import.meta.dirname, "..", "..", "data");
type Row = Record<string, string>;
const read = (file: string) => parse(readFileSync(join(DATA, file), "utf8"), { columns: true }) as Row[];
const nc = (rows: Row[]) => {
  const m = new Map<string, { value: number; estimate: boolean }>();
  for (const r of rows)
    if (r.indicator === "defexp_nc_current" && r.value !== "")
      m.set(`${r.ally_iso3}|${r.year}`, { value: Number(r.value), estimate: r.estimate_flag === "true" });
  return m;
};
const june2024 = nc(read("nato/2024-06/nato_defexp_2024_edition.csv"));
const july2026 = nc(read("nato/2026-07/nato_defexp_2026_edition.csv"));

function oracle(): { ally: string; logRevision: number }[] {
  const out: { ally: string; logRevision: number }[] = [];
  const allies = new Set([...june2024.keys()].map((k) => k.split("|")[0] as string));
  for (const ally of allies) {
    const est = june2024.get(`${ally}|2024`);
    const outturn = july2026.get(`${ally}|2024`);
    if (!est || !outturn || !est.estimate || outturn.estimate || est.value <= 0 || outturn.value <= 0) continue;
    const logs: number[] = [];
    for (let y = 2014; y <= 2022; y++) {
      const a = june2024.get(`${ally}|${y}`);
      const b = july2026.get(`${ally}|${y}`);
      if (a && b && !a.estimate && !b.estimate && a.value > 0 && b.value > 0) logs.push(Math.log(b.value / a.value));
    }
    logs.sort((p, q) => p - q);
    const mid = Math.floor(logs.length / 2);
    const median = logs.length % 2 ? (logs[mid] as number) : ((logs[mid - 1] as number) + (logs[mid] as number)) / 2;
    const spread = (logs.at(-1) as number) - (logs[0] as number);
    const unit = Math.abs(median) >= 0.005 && spread <= 0.005 ? median : 0;
    out.push({ ally, logRevision: Math.log(outturn.value / est.value) - unit });
  }
  return out.sort((a, b) => a.ally.localeCompare(b.ally));
}

describe("estimate versus outturn against a recomputation from the CSVs", () => {
  const core = estimatesVersusOutturns(loadDataset()).filter((r) => r.lag === 0 && r.year === 2024);
  const mine = oracle();
  it("the same allies, the same budget-year revisions", () => {
    expect(core.map((r) => r.ally).sort()).toEqual(mine.map((r) => r.ally));
    for (const m of mine) expect(core.find((r) => r.ally === m.ally)?.logRevision, m.ally).toBeCloseTo(m.logRevision, 10);
  });
  it("the same pooled median and robust spread", () => {
    const xs = mine.map((r) => r.logRevision).sort((a, b) => a - b);
    const med = (v: number[]) => {
      const s = [...v].sort((a, b) => a - b);
      const h = Math.floor(s.length / 2);
      return s.length % 2 ? (s[h] as number) : ((s[h - 1] as number) + (s[h] as number)) / 2;
    };
    const m = med(xs);
    const [budget] = summariseOutturns(core);
    expect(budget?.medianLogRevision).toBeCloseTo(m, 12);
    expect(budget?.robustSd).toBeCloseTo(1.4826 * med(xs.map((x) => Math.abs(x - m))), 12);
  });
});
