import type { CheckedClaim, ClaimCheckRequest, ClaimCheckResult, VintageVerdict } from "../../model/claim-check.ts";
import type { Dataset } from "../../model/dataset.ts";
import type { Vintage } from "../../model/vintage.ts";
import { allianceAggregates } from "../aggregates.ts";
import { adversaryComparison, gdpComparison } from "../comparisons.ts";
import { allyYearStatus } from "../compliance.ts";
import { publishedPct } from "../figure.ts";
import { isMemberIn, membersIn } from "../membership.ts";
import { ParameterError } from "../parameter-error.ts";
import { rankAllies } from "../rankings.ts";
import { type ParsedClaim, parseClaims } from "./parse-claims.ts";
import { subjectIndex } from "./subjects.ts";
import { judge } from "./verdict.ts";

/** What one vintage says for one claim: a value, or why it has none. */
type Figure = { value: number; shown: string; caveats: string[] } | { missing: string };

const GDP_CAVEAT = "Shares of GDP are NATO's, at current prices and market exchange rates (not PPP).";
const SIPRI_CAVEAT =
  "SIPRI's definition of military expenditure differs from NATO's (e.g. pensions, paramilitary forces): its figures are not NATO's.";
const MARKET_RATES = "US dollars at current prices and market exchange rates (not PPP).";

const money = (m: number) => `$${Math.round(m).toLocaleString("en-GB")} m`;
const pct = (x: number, d = 2) => `${x.toFixed(d)}%`;

/** Checks every claim of a sentence against every relevant vintage. Pure: the dataset is passed in. */
export function checkSentence(ds: Dataset, req: ClaimCheckRequest): ClaimCheckResult {
  if (req.vintage !== undefined && !ds.vintage(req.vintage))
    throw new ParameterError("vintage", `unknown vintage "${req.vintage}". Vintages: ${ds.vintages.map((v) => v.id).join(", ")}.`);
  if (req.published !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(req.published))
    throw new ParameterError("published", `"${req.published}" is not a date as YYYY-MM-DD`);
  const publishedYear = req.published ? Number(req.published.slice(0, 4)) : null;
  const parsed = parseClaims(req.sentence, ds.allies, publishedYear);
  const names = subjectIndex(ds.allies);
  const claims = parsed.claims.map((c) => checkClaim(ds, c, req, publishedYear, names.nameOf));
  return { sentence: parsed.text, published: req.published ?? null, claims, unparsed: parsed.unparsed };
}

function resolveYear(
  c: ParsedClaim,
  req: ClaimCheckRequest,
  publishedYear: number | null,
): { year: number | null; from: CheckedClaim["yearFrom"]; why?: string } {
  if (c.year?.kind === "stated" && c.year.year !== null) return { year: c.year.year, from: "stated" };
  if (c.year?.kind === "relative") {
    if (c.year.year !== null) return { year: c.year.year, from: "publication_relative" };
    if (req.year === undefined) return { year: null, from: "none", why: c.year.unresolved };
  }
  if (req.year !== undefined) return { year: req.year, from: "asked" };
  if (publishedYear !== null) return { year: publishedYear, from: "publication_year" };
  return { year: null, from: "none", why: "the sentence states no year: give --year or the publication date" };
}

function vintagesFor(ds: Dataset, c: ParsedClaim, req: ClaimCheckRequest): Vintage[] {
  if (req.vintage) return [ds.vintage(req.vintage) as Vintage];
  const series = c.kind === "ratio_to_russia" ? (c.ratioOf === "gdp" ? "imf" : "sipri") : c.sipri ? "sipri" : "nato";
  return ds.vintages.filter((v) => v.series === series).sort((a, b) => a.published.localeCompare(b.published));
}

function reading(c: ParsedClaim, name: (id: string) => string, year: number | null): string {
  const who = c.subject ? name(c.subject) : "(no subject)";
  const when = year ?? "year unknown";
  const s = c.stated.text.trim();
  switch (c.kind) {
    case "share_of_gdp":
      return `${who}: defence spending as a share of GDP, ${when}: ${s}`;
    case "spending":
      return `${who}: defence spending, ${when}: ${s} (US dollars, current prices)`;
    case "share_of_alliance_spending":
      return `${who}: share of the alliance's total defence spending, ${when}: ${s}`;
    case "share_of_alliance_gdp":
      return `${who}: share of the alliance's combined GDP, ${when}: ${s}`;
    case "count_at_threshold": {
      const n = c.allBut !== null && c.allBut !== undefined ? (c.allBut === 0 ? "all allies" : `all but ${c.allBut}`) : s;
      return `allies ${c.side === "below" ? "below" : "at or above"} ${c.thresholdPct}% of GDP, ${when}: ${n}`;
    }
    case "rank":
      return `${who}: ${c.stated.value === 1 && !c.behind ? "" : `number ${c.stated.value} `}${c.fromBottom ? "lowest" : "highest"} by ${c.measure === "share" ? "share of GDP" : "spending in US dollars"}${c.behind ? ` (behind ${name(c.behind)})` : ""}, ${when}`;
    case "change":
      return `${who}: change in defence spending ${c.basis === "real" ? "in real terms" : "in current US dollars"}${c.since ? ` since ${c.since}` : " on the year before"}, ${when}: ${s}`;
    case "ratio_to_russia":
      return `NATO allies' combined ${c.ratioOf === "gdp" ? "GDP (IMF, market exchange rates)" : "military spending (SIPRI)"} over Russia's, ${when}: ${s}`;
  }
}

function checkClaim(
  ds: Dataset,
  c: ParsedClaim,
  req: ClaimCheckRequest,
  publishedYear: number | null,
  name: (id: string) => string,
): CheckedClaim {
  const y = resolveYear(c, req, publishedYear);
  const vintages = vintagesFor(ds, c, req);
  const current = req.published ? vintages.filter((v) => v.published <= (req.published as string)).at(-1)?.id : undefined;
  const results = vintages.map((v): VintageVerdict => {
    const source = ds.source(v.sourceId);
    const base = {
      vintage: v.id,
      label: v.label,
      published: v.published,
      currentAtPublication: v.id === current,
      sourceId: v.sourceId,
      sourceTitle: source?.title ?? v.sourceId,
      sourceUrl: source?.url ?? "",
    };
    const none = (why: string, caveats: string[] = []): VintageVerdict => ({
      ...base,
      value: null,
      shown: null,
      verdict: "not_checkable",
      why,
      caveats,
    });
    if (y.year === null) return none(y.why ?? "no year");
    if (req.published && v.published > req.published && !req.vintage) {
      // Later releases are still shown: a revision can turn a right sentence wrong.
    }
    const fig = figureFor(ds, c, y.year, v);
    if ("missing" in fig) return none(fig.missing, vintageCaveats(v, c));
    const judged =
      c.kind === "count_at_threshold" || c.kind === "rank"
        ? judgeWhole(c, fig.value, expectedCount(ds, c, y.year))
        : judge(c.stated, fig.value, { fractionScale: c.kind === "spending" ? fig.value / Math.max(c.stated.value, 1) : 100 });
    return {
      ...base,
      value: fig.value,
      shown: fig.shown,
      verdict: judged.verdict,
      why: judged.why,
      caveats: [...vintageCaveats(v, c), ...fig.caveats],
    };
  });
  return {
    kind: c.kind,
    text: c.text.trim(),
    reading: reading(c, name, y.year),
    subject: c.subject,
    year: y.year,
    yearFrom: y.from,
    results,
  };
}

/** "all allies" and "all but one" count the applicable members of the year (Iceland has no armed forces). */
function expectedCount(ds: Dataset, c: ParsedClaim, year: number): number {
  const members = membersIn(ds, year);
  const applicable = members.filter((a) => a.hasArmedForces).length;
  // "its 32 members meet 2%" means every ally that can: Iceland, without armed forces, is not applicable.
  if ((c.allBut === null || c.allBut === undefined) && c.stated.value === members.length && applicable < members.length) return applicable;
  if (c.allBut === null || c.allBut === undefined) return c.stated.value;
  return applicable - c.allBut;
}

function judgeWhole(c: ParsedClaim, value: number, expected: number) {
  if (c.kind === "rank") {
    if (value === c.stated.value) return { verdict: "consistent" as const, why: `ranked ${value} in this vintage` };
    return Math.abs(value - c.stated.value) <= 1
      ? { verdict: "close" as const, why: `ranked ${value}, not ${c.stated.value}` }
      : { verdict: "inconsistent" as const, why: `ranked ${value}, not ${c.stated.value}` };
  }
  return judge({ ...c.stated, value: expected }, value, { count: true });
}

function vintageCaveats(v: Vintage, c: ParsedClaim): string[] {
  const out: string[] = [];
  if (v.series === "sipri") out.push(SIPRI_CAVEAT);
  if (v.series === "nato" && v.id >= "2026-07")
    out.push("This release reports core defence expenditure (The Hague definition), which can differ from earlier releases' figures.");
  if (v.status === "secondary") out.push("Secondary: figures as quoted by the press, not NATO's own table.");
  if (c.kind === "share_of_gdp" || c.kind === "count_at_threshold") out.push(GDP_CAVEAT);
  if (c.kind === "spending") out.push(MARKET_RATES);
  return out;
}

const estimateNote = (flag: string) => (flag === "estimate" || flag === "uncertain" ? ["The figure is an estimate in this release."] : []);

function coverage(ds: Dataset, v: Vintage, year: number): string | null {
  const years = ds.years(v.id);
  if (!years.includes(year)) return `${v.id} has no figures for ${year} (it covers ${years[0]}–${years.at(-1)})`;
  return null;
}

function figureFor(ds: Dataset, c: ParsedClaim, year: number, v: Vintage): Figure {
  const cov = coverage(ds, v, year);
  if (cov) return { missing: cov };
  const subject = c.subject;
  if (subject === "NATO_EUR_ONLY")
    return { missing: "NATO publishes European allies together with Canada; it has no total for Europe alone" };
  if (v.series === "sipri" && c.kind !== "ratio_to_russia") return sipriFigure(ds, c, year, v);
  switch (c.kind) {
    case "share_of_gdp": {
      if (!subject) return { missing: "the sentence does not say whose share of GDP" };
      const ally = ds.ally(subject);
      if (ally) {
        if (!ally.hasArmedForces) return { missing: `${ally.name} has no armed forces: not applicable` };
        const f = allyYearStatus(ds, ally, year, v.id).shareOfGdpPct;
        return f
          ? { value: f.value, shown: `${pct(f.value)} of GDP`, caveats: estimateNote(f.estimate) }
          : { missing: `no share of GDP for ${ally.name} in ${year} in this vintage` };
      }
      const agg = allianceAggregates(ds, year, v.id);
      const f = subject === "NATO_EUR_CAN" ? agg.europeCanadaSharePct : subject === "NATO_TOTAL" ? agg.natoTotalSharePct : null;
      return f
        ? { value: f.value, shown: `${pct(f.value)} of GDP`, caveats: estimateNote(f.estimate) }
        : { missing: `no share of GDP for ${subject} in ${year} in this vintage` };
    }
    case "spending": {
      if (!subject) return { missing: "the sentence does not say whose spending" };
      const f = spendingOf(ds, subject, year, v.id);
      return f
        ? { value: f.value, shown: money(f.value), caveats: estimateNote(f.estimate) }
        : { missing: `no spending in US dollars for ${subject} in ${year} in this vintage` };
    }
    case "share_of_alliance_spending": {
      if (!subject || subject === "NATO_TOTAL") return { missing: "the sentence does not say whose share of the alliance's spending" };
      const part = spendingOf(ds, subject, year, v.id);
      const total = spendingOf(ds, "NATO_TOTAL", year, v.id);
      if (!part || !total) return { missing: `no spending in US dollars for ${subject} or NATO in ${year} in this vintage` };
      const share = (part.value / total.value) * 100;
      return { value: share, shown: `${pct(share, 1)} of NATO's total`, caveats: [`${money(part.value)} of ${money(total.value)}.`] };
    }
    case "share_of_alliance_gdp": {
      if (!subject) return { missing: "the sentence does not say whose share of the alliance's GDP" };
      const part = ds.get(v.id, subject, "gdp_usd_current", year);
      const total = ds.get(v.id, "NATO_TOTAL", "gdp_usd_current", year);
      if (!part || !total) return { missing: `no GDP in US dollars for ${subject} or NATO in ${year} in this vintage` };
      const share = (part.value / total.value) * 100;
      return { value: share, shown: `${pct(share, 1)} of NATO's GDP`, caveats: [MARKET_RATES] };
    }
    case "count_at_threshold":
      return countFigure(ds, c, year, v);
    case "rank":
      return rankFigure(ds, c, year, v);
    case "change":
      return changeFigure(ds, c, year, v);
    case "ratio_to_russia":
      return ratioFigure(ds, c, year, v);
  }
}

function spendingOf(ds: Dataset, subject: string, year: number, vintageId: string) {
  const ally = ds.ally(subject);
  if (ally) return allyYearStatus(ds, ally, year, vintageId).spendingUsdCurrentM;
  const agg = allianceAggregates(ds, year, vintageId);
  if (subject === "NATO_TOTAL") return agg.natoTotalUsdCurrentM;
  if (subject === "NATO_EUR_CAN") return agg.europeCanadaUsdCurrentM;
  return null;
}

function sipriFigure(ds: Dataset, c: ParsedClaim, year: number, v: Vintage): Figure {
  const subject = c.subject;
  if (!subject) return { missing: "the sentence does not say whose spending" };
  if (c.kind === "spending") {
    if (subject === "NATO_TOTAL") {
      const cmp = adversaryComparison(ds, year, v.id);
      if (cmp.natoSipriUsdCurrentM === null) return { missing: `SIPRI has no figures for the allies in ${year}` };
      const missing = cmp.alliesMissing.length ? [`Allies without a SIPRI figure: ${cmp.alliesMissing.join(", ")}.`] : [];
      return {
        value: cmp.natoSipriUsdCurrentM,
        shown: money(cmp.natoSipriUsdCurrentM),
        caveats: ["Sum over today's 32 allies, as SIPRI reports NATO.", ...missing],
      };
    }
    const o = ds.get(v.id, subject, "milex_usd_current", year);
    return o ? { value: o.value, shown: money(o.value), caveats: [] } : { missing: `SIPRI has no figure for ${subject} in ${year}` };
  }
  if (c.kind === "share_of_gdp") {
    const o = ds.get(v.id, subject, "milex_share_gdp_pct", year);
    return o
      ? { value: o.value, shown: `${pct(o.value)} of GDP`, caveats: [] }
      : { missing: `SIPRI has no share of GDP for ${subject} in ${year}` };
  }
  if (c.kind === "count_at_threshold") {
    const threshold = c.thresholdPct as number;
    const members = membersIn(ds, year).filter((a) => a.hasArmedForces);
    const shares = members.map((a) => ds.get(v.id, a.iso3, "milex_share_gdp_pct", year));
    const missing = members.filter((_, i) => !shares[i]).map((a) => a.iso3);
    if (missing.length) return { missing: `SIPRI has no share of GDP for ${missing.join(", ")} in ${year}` };
    // SIPRI publishes shares with more decimals than NATO: compared at two decimals, as the press rounds them.
    const at = shares.filter((o) => o && publishedPct(o.value) >= threshold).length;
    const value = c.side === "below" ? members.length - at : at;
    return {
      value,
      shown: `${value} of ${members.length} allies ${c.side === "below" ? "below" : "at or above"} ${threshold}% (SIPRI)`,
      caveats: [`Membership of ${year}; Iceland is not applicable.`],
    };
  }
  return { missing: `this kind of claim is checked against NATO's releases, not SIPRI's` };
}

function countFigure(ds: Dataset, c: ParsedClaim, year: number, v: Vintage): Figure {
  const threshold = c.thresholdPct as number;
  const guideline = ds.guidelines.find((g) => g.indicator === "defexp_share_gdp_pct" && g.thresholdPct === threshold);
  if (guideline && year < guideline.fromYear)
    return { missing: `the ${guideline.name} guideline applies from ${guideline.fromYear}; it is not evaluated for ${year}` };
  const members = membersIn(ds, year);
  const applicable = members.filter((a) => a.hasArmedForces);
  const statuses = allianceAggregates(ds, year, v.id).statuses.filter((s) => {
    const ally = ds.ally(s.ally);
    return ally !== undefined && isMemberIn(ally, year) && s.applicable;
  });
  const at = statuses.filter((s) => s.shareOfGdpPct && publishedPct(s.shareOfGdpPct.value) >= threshold).length;
  const below = statuses.filter((s) => s.shareOfGdpPct && publishedPct(s.shareOfGdpPct.value) < threshold).length;
  const missing = statuses.filter((s) => !s.shareOfGdpPct).map((s) => s.ally);
  const value = c.side === "below" ? below : at;
  const expected = expectedCount(ds, c, year);
  const caveats = [
    `Membership of ${year}: ${members.length} allies (joined by ${year})${members.some((a) => !a.hasArmedForces) ? "; Iceland has no armed forces and is not applicable, never below" : ""}.`,
    "Compares NATO's published two-decimal share with the threshold.",
  ];
  if (c.ofTotal && c.ofTotal !== members.length && c.ofTotal !== applicable.length)
    caveats.push(`The sentence says "of ${c.ofTotal}"; NATO had ${members.length} members in ${year}.`);
  if (missing.length) {
    const lo = value;
    const hi = value + missing.length;
    if (expected >= lo && expected <= hi && !(lo === hi))
      return {
        missing: `${missing.length} allies have no share of GDP for ${year} in this vintage (${missing.join(", ")}): the count is between ${lo} and ${hi}`,
      };
    caveats.push(`${missing.length} allies have no figure in this vintage: ${missing.join(", ")}.`);
  }
  return { value, shown: `${value} of ${members.length} allies ${c.side === "below" ? "below" : "at or above"} ${threshold}%`, caveats };
}

function rankFigure(ds: Dataset, c: ParsedClaim, year: number, v: Vintage): Figure {
  const indicator = c.measure === "share" ? "defexp_share_gdp_pct" : "defexp_usd_current";
  const rows = rankAllies(ds, indicator, year, v.id).filter((r) => {
    const ally = ds.ally(r.ally);
    return ally !== undefined && isMemberIn(ally, year);
  });
  const members = membersIn(ds, year).filter((a) => a.hasArmedForces).length;
  if (rows.length < members)
    return { missing: `only ${rows.length} of ${members} allies have the figure for ${year} in this vintage: no ranking` };
  const ordered = c.fromBottom ? [...rows].reverse() : rows;
  const own = ordered.find((r) => r.ally === c.subject);
  if (!own) return { missing: `${c.subject} has no figure for ${year} in this vintage` };
  // Equal values share a place, as in rankAllies: the place is one more than the allies strictly ahead.
  const i = ordered.filter((r) => (c.fromBottom ? r.value < own.value : r.value > own.value)).length;
  const caveats: string[] = [];
  if (c.behind) {
    const j = ordered.findIndex((r) => r.ally === c.behind);
    caveats.push(
      j === i - 1
        ? `${ordered[j]?.name} is just ahead.`
        : `${ordered[i - 1]?.name ?? "nobody"} is just ahead, not ${ds.ally(c.behind)?.name ?? c.behind}.`,
    );
  }
  const top = ordered.slice(0, 3).map((r) => `${r.name} ${c.measure === "share" ? pct(r.value) : money(r.value)}`);
  return {
    value: i + 1,
    shown: `${c.fromBottom ? "lowest" : "highest"} #${i + 1}; ${c.fromBottom ? "bottom" : "top"} three: ${top.join(", ")}`,
    caveats,
  };
}

function changeFigure(ds: Dataset, c: ParsedClaim, year: number, v: Vintage): Figure {
  if (!c.subject) return { missing: "the sentence does not say whose spending changed" };
  const from = c.since ?? year - 1;
  if (c.basis === "real") {
    // NATO publishes the annual real change; over several years the annual changes compound.
    let factor = 1;
    for (let y = from + 1; y <= year; y++) {
      const o = ds.get(v.id, c.subject, "defexp_real_change_pct", y);
      if (!o) return { missing: `no real change for ${c.subject} in ${y} in this vintage` };
      factor *= 1 + o.value / 100;
    }
    const change = (factor - 1) * 100;
    return {
      value: change,
      shown: `${change.toFixed(1)}% in real terms, ${from}–${year}`,
      caveats: ["Real change as NATO publishes it (constant prices of the release's base year)."],
    };
  }
  const a = spendingOf(ds, c.subject, from, v.id);
  const b = spendingOf(ds, c.subject, year, v.id);
  if (!a || !b) return { missing: `no spending in US dollars for ${c.subject} in ${from} or ${year} in this vintage` };
  const change = (b.value / a.value - 1) * 100;
  return {
    value: change,
    shown: `${change.toFixed(1)}% in current US dollars, ${from}–${year}`,
    caveats: [
      "The sentence does not say real terms: compared with the change in current US dollars, which includes inflation and exchange-rate moves.",
    ],
  };
}

function ratioFigure(ds: Dataset, c: ParsedClaim, year: number, v: Vintage): Figure {
  if (c.ratioOf === "gdp") {
    const g = gdpComparison(ds, year, v.id);
    if (g.natoToRussia === null) return { missing: `no IMF GDP for Russia or the allies in ${year}` };
    return {
      value: g.natoToRussia,
      shown: `${g.natoToRussia.toFixed(1)} times`,
      caveats: ["IMF GDP at market exchange rates, not PPP: at PPP the multiple is far smaller."],
    };
  }
  const cmp = adversaryComparison(ds, year, v.id);
  const rus = cmp.comparators.find((x) => x.iso3 === "RUS");
  if (!rus?.natoMultiple) return { missing: `SIPRI has no figure for Russia in ${year}` };
  return {
    value: rus.natoMultiple,
    shown: `${rus.natoMultiple.toFixed(1)} times`,
    caveats: ["SIPRI military expenditure, current US dollars at market exchange rates (not PPP)."],
  };
}
