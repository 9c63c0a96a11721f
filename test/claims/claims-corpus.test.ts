/**
 * The corpus: real sentences from published reporting on NATO spending (2024–2026), each with its URL
 * and date, and the expected reading and verdict per vintage. Every verdict is recomputed here from
 * the CSVs in data/ by the oracle (test/oracle/claims-oracle.ts) and by the verdict rules written out
 * again below, so an expected verdict that the data does not support fails.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkSentence } from "../../src/core/claims/check-claims.ts";
import { type ParsedClaim, parseClaims } from "../../src/core/claims/parse-claims.ts";
import { loadDataset } from "../../src/data/load-dataset.ts";
import type { Verdict } from "../../src/model/claim-check.ts";
import * as oracle from "../oracle/claims-oracle.ts";

interface Entry {
  id: string;
  url: string;
  date: string;
  date_source: string;
  sentence: string;
  year?: number;
  vintage?: string;
  note?: string;
  expected: { kind: string; subject: string | null; year: number | null; verdicts: Record<string, Verdict> }[];
  expected_unparsed: number;
}

const ds = loadDataset();
const corpus: Entry[] = JSON.parse(readFileSync(join(import.meta.dirname, "../fixtures/claims/corpus.json"), "utf8"));

/** The data figure for one claim and vintage, from the CSVs; null when the vintage has none. */
function oracleFigure(c: ParsedClaim, year: number, vintage: string): number | null {
  const sipri = vintage.startsWith("sipri");
  const s = c.subject as string;
  switch (c.kind) {
    case "share_of_gdp":
      return oracle.value(vintage, s, sipri ? "milex_share_gdp_pct" : "defexp_share_gdp_pct", year);
    case "spending":
      return oracle.spending(vintage, s, year, sipri);
    case "share_of_alliance_spending":
      return oracle.shareOfAlliance(vintage, s, "defexp_usd_current", year);
    case "share_of_alliance_gdp":
      return oracle.shareOfAlliance(vintage, s, "gdp_usd_current", year);
    case "count_at_threshold": {
      const from = oracle.guidelineFromYear(c.thresholdPct as number);
      if (from !== null && year < from) return null;
      return oracle.countAt(vintage, year, c.thresholdPct as number, c.side ?? "at_or_above", sipri);
    }
    case "rank":
      return sipri
        ? null
        : oracle.rankOf(vintage, c.measure === "share" ? "defexp_share_gdp_pct" : "defexp_usd_current", year, s, Boolean(c.fromBottom));
    case "change":
      if (sipri) return null;
      return c.basis === "real"
        ? oracle.realChange(vintage, s, c.since ?? year - 1, year)
        : oracle.nominalChange(vintage, s, c.since ?? year - 1, year);
    case "ratio_to_russia":
      return c.ratioOf === "gdp" ? oracle.gdpRatioToRussia(vintage, year) : null;
  }
}

/** The verdict rules of docs/claims.md, written out independently of src/core/claims/verdict.ts. */
function oracleVerdict(c: ParsedClaim, data: number, year: number): Verdict {
  const st = c.stated;
  if (c.kind === "count_at_threshold" || c.kind === "rank") {
    let want = st.value;
    const armed = oracle.members(year).filter((a) => a.has_armed_forces === "true").length;
    if (c.allBut !== null && c.allBut !== undefined) want = armed - c.allBut;
    else if (c.kind === "count_at_threshold" && want === oracle.members(year).length) want = armed;
    const ok =
      st.approx === "more_than"
        ? data > want
        : st.approx === "at_least"
          ? data >= want
          : st.approx === "less_than"
            ? data < want
            : data === want;
    if (ok) return "consistent";
    return Math.abs(data - want) <= 1 ? "close" : "inconsistent";
  }
  const half = st.fraction ? 5 * (c.kind === "spending" ? data / Math.max(st.value, 1) : 1) : st.unit / 2;
  const tol = half + 1e-9 * Math.max(1, Math.abs(st.value));
  let ok: boolean;
  if (st.upper !== null) ok = data >= st.value - tol && data <= st.upper + tol;
  else if (st.approx === "more_than") ok = data > st.value;
  else if (st.approx === "at_least") ok = data >= st.value - 1e-9;
  else if (st.approx === "less_than") ok = data < st.value;
  else if (st.approx === "at_most") ok = data <= st.value + 1e-9;
  else if (st.approx === "nearly")
    ok = data >= st.value - Math.min(2 * half, 0.1 * st.value) && data <= st.value + Math.min(half, 0.02 * st.value);
  else ok = Math.abs(data - st.value) <= tol;
  if (ok) return "consistent";
  // Close: beyond what the sentence says, but within 10 % of its figure (or of the nearer end of its range or band).
  const nearest = st.upper !== null && data > st.upper ? st.upper : st.value;
  const band = st.approx === "nearly" ? (data > st.value ? Math.min(half, 0.02 * st.value) : Math.min(2 * half, 0.1 * st.value)) : 0;
  const closeBand = st.approx === "nearly" ? 0.1 * Math.abs(st.value) : Math.max(tol, 0.1 * Math.abs(st.value));
  return Math.abs(data - nearest) - band <= closeBand + 1e-9 ? "close" : "inconsistent";
}

describe("claims corpus: real sentences, verdicts recomputed from data/", () => {
  it("has at least 60 sentences, each with a URL and a date", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    for (const e of corpus) {
      expect(e.url, e.id).toMatch(/^https?:\/\/\S+$/);
      expect(e.date, e.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(e.date >= "2024-01-01" && e.date <= "2026-12-31", e.id).toBe(true);
      expect(e.date_source.length, e.id).toBeGreaterThan(3);
    }
    expect(new Set(corpus.map((e) => e.id)).size).toBe(corpus.length);
  });

  it.each(corpus.map((e) => [e.id, e] as const))("%s: reads the expected claims and verdicts", (_id, e) => {
    const req = { sentence: e.sentence, published: e.date, year: e.year, vintage: e.vintage };
    const result = checkSentence(ds, req);
    expect(result.claims.map((c) => ({ kind: c.kind, subject: c.subject, year: c.year }))).toEqual(
      e.expected.map((x) => ({ kind: x.kind, subject: x.subject, year: x.year })),
    );
    expect(result.unparsed.length).toBe(e.expected_unparsed);
    const parsed = parseClaims(e.sentence, ds.allies, Number(e.date.slice(0, 4))).claims;
    result.claims.forEach((c, i) => {
      const p = parsed[i] as ParsedClaim;
      for (const r of c.results) {
        const expected = e.expected[i]?.verdicts[r.vintage];
        expect(r.verdict, `${e.id} claim ${i} ${r.vintage}`).toBe(expected);
        if (c.year === null) continue;
        const data = p.subject === "NATO_EUR_ONLY" ? null : oracleFigure(p, c.year, r.vintage);
        if (r.verdict === "not_checkable") {
          // Not checkable means the data has no decisive figure: either none, or a count with allies missing.
          if (data !== null) expect.fail(`${e.id} claim ${i} ${r.vintage}: oracle has ${data} but the checker found none`);
          continue;
        }
        expect(data, `${e.id} claim ${i} ${r.vintage}: oracle has no figure`).not.toBeNull();
        expect(r.value as number).toBeCloseTo(data as number, 6);
        expect(oracleVerdict(p, data as number, c.year), `${e.id} claim ${i} ${r.vintage} (oracle)`).toBe(expected);
      }
    });
  });

  it("covers every claim kind and every verdict", () => {
    const kinds = new Set(corpus.flatMap((e) => e.expected.map((x) => x.kind)));
    expect([...kinds].sort()).toEqual(
      [
        "change",
        "count_at_threshold",
        "rank",
        "ratio_to_russia",
        "share_of_alliance_gdp",
        "share_of_alliance_spending",
        "share_of_gdp",
        "spending",
      ].sort(),
    );
    const verdicts = new Set(corpus.flatMap((e) => e.expected.flatMap((x) => Object.values(x.verdicts))));
    expect([...verdicts].sort()).toEqual(["close", "consistent", "inconsistent", "not_checkable"]);
  });

  it("marks the release that was current when the sentence was published", () => {
    const r = checkSentence(ds, { sentence: "Lithuania is just behind on 2.85 percent of GDP.", published: "2024-06-18" });
    const current = r.claims[0]?.results.filter((x) => x.currentAtPublication).map((x) => x.vintage);
    expect(current).toEqual(["2024-06"]);
  });
});
