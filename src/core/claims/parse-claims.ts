import type { Ally } from "../../model/ally.ts";
import type { ClaimKind } from "../../model/claim-check.ts";
import { MAX_CLAIMS } from "../../model/claim-limits.ts";
import {
  APPROXIMATOR_PATTERN,
  approximatorOf,
  FRACTION_PATTERN,
  fractionValue,
  NUMBER_WORD_PATTERN,
  numeral,
  SCALE_IN_MILLIONS,
  type StatedNumber,
  wordNumber,
} from "./numbers.ts";
import { type SubjectId, type SubjectMention, subjectIndex } from "./subjects.ts";
import { type YearMention, yearFor, yearMentions } from "./years.ts";

/**
 * The claim grammar (docs/claims.md spells it out with examples). A sentence is normalised, its
 * figures are found by the patterns below, and each figure becomes a claim by its context: the
 * subject nearest before it in the same sentence, the words after it ("of GDP", "of all defence
 * spending"), a verb of change before it, a count of allies with a threshold. A figure that fits no
 * rule is reported as unparsed with the reason, never guessed.
 */
export interface ParsedClaim {
  kind: ClaimKind;
  text: string;
  subject: SubjectId | null;
  stated: StatedNumber;
  year: YearMention | null;
  /** count_at_threshold: the threshold in % of GDP and the side of it. */
  thresholdPct?: number;
  side?: "at_or_above" | "below";
  /** count_at_threshold: the denominator the sentence gives ("of the 32"), if any. */
  ofTotal?: number | null;
  /** count stated as "all" or "all but n": n allies short of every applicable ally. */
  allBut?: number | null;
  /** rank: the measure ranked and the position counted from the top (or bottom). */
  measure?: "share" | "spending";
  fromBottom?: boolean;
  /** rank "second only to X": X's id. */
  behind?: SubjectId | null;
  /** change: real terms or current US dollars, and the start year if not the year before. */
  basis?: "real" | "nominal";
  since?: number | null;
  /** ratio_to_russia: what is compared. */
  ratioOf?: "spending" | "gdp";
  /** SIPRI named in the sentence: its figures are checked against SIPRI's series. */
  sipri: boolean;
}

export interface ParsedSentence {
  text: string;
  claims: ParsedClaim[];
  unparsed: { text: string; reason: string }[];
}

/** Spellings unified before matching: "per cent" → "%", typographic dashes and quotes, thin spaces. */
export function normalise(sentence: string): string {
  return (
    sentence
      .replace(/[\u00a0\u2009\u202f]/g, " ")
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/[\u201c\u201d]/g, '"')
      .replace(/[\u2013\u2014]/g, "-")
      .replace(/\s*(?:per\s?cent|percent|pct)\b/gi, "%")
      .replace(/\bUS\$\s?|\bUSD\s?/g, "$")
      // "eleven of the allies" reads as "eleven allies" (a count); "all its members" as "all members".
      .replace(new RegExp(`\\b(${NUMBER_WORD_PATTERN}|\\d+) of (?:the|its|nato's) (allies|members|member states)\\b`, "gi"), "$1 $2")
      .replace(/\b(all|every) (?:of )?(?:its|the|nato's) (\d+ )?(allies|members|member states)\b/gi, "$1 $2$3")
      .replace(/\s+/g, " ")
      .trim()
  );
}

const A = `(?:(${APPROXIMATOR_PATTERN})\\s+)?`;
const NUM = "\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?";
const SCALE = "trillion|billion|million|tn|trn|bn|mn|m|b";
const ORD: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
};

const MONEY = new RegExp(
  `${A}(?:\\$\\s?(${NUM})(?:\\s?(?:-|to)\\s?\\$?(${NUM}))?(?:\\s?(${SCALE})\\b)?|(${NUM})\\s(trillion|billion|million)\\s(?:us\\s)?dollars|(half|a quarter|a third|a|one)\\s(?:of\\s)?(?:an?\\s)?(trillion|billion)\\s(?:us\\s)?dollars)`,
  "gi",
);
const OTHER_CURRENCY = new RegExp(`(?:[€£]\\s?(?:${NUM})|(?:${NUM})\\s?(?:${SCALE})?\\s?(?:euros?|pounds|zlotys?|kroner|kronor))`, "gi");
const PERCENT = new RegExp(`${A}(?:between\\s)?(${NUM}|${NUMBER_WORD_PATTERN})(?:\\s?%?\\s?(?:-|to|and)\\s?(${NUM}))?\\s?%`, "gi");
const FRACTION = new RegExp(`${A}(${FRACTION_PATTERN})\\s+(?=of\\b)`, "gi");
const COUNT_WORD =
  "allies|members|member states|member countries|member nations|countries|nations|states|alliance members|nato members|nato countries|nato allies";
const COUNT = new RegExp(
  `(?:(${APPROXIMATOR_PATTERN}|only|just)\\s+)?(${NUM}|${NUMBER_WORD_PATTERN})(?:\\s+(?:of|out of)\\s+(?:the\\s+|its\\s+|nato's\\s+|the alliance's\\s+)?(${NUM}|${NUMBER_WORD_PATTERN}))?\\s+(?:nato\\s+|alliance\\s+|european\\s+|allied\\s+|member\\s+)?(?:${COUNT_WORD})\\b|(?:(${NUM}|${NUMBER_WORD_PATTERN})\\s+(?:of|out of)\\s+(?:the\\s+|its\\s+|nato's\\s+|the alliance's\\s+)(${NUM}|${NUMBER_WORD_PATTERN}))\\b|\\ball\\s+but\\s+(one|two|three|${NUM})\\b|\\b(?:all|every)\\s+(?:(${NUM}|${NUMBER_WORD_PATTERN})\\s+)?(?:nato\\s+)?(?:allies|members|member states|member countries|ally|member)\\b|\\b(?:only|just)\\s+(${NUM}|${NUMBER_WORD_PATTERN})(?=\\s+(?:spent|spend|spends|met|meet|meets|reached|reach|exceeded|hit|hits)\\b)`,
  "gi",
);
const MULTIPLE = new RegExp(`${A}(${NUM}|${NUMBER_WORD_PATTERN})\\s+times\\b`, "gi");
const RANK =
  /\bsecond\s+only\s+to\b|\b(?:the\s+)?(?:(second|third|fourth|fifth|2nd|3rd|4th|5th)[- ])?(highest|largest|biggest|top|lowest|smallest)\b|\branks?\s+(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b|\b(?:leads|leading|led|tops|topped)\b|\bmore than any other (?:ally|member|nato (?:member|ally|country)|country)\b|\b(?:takes|took|in|at)\s+(?:the\s+)?(first|second|third|fourth|fifth)\s+place\b/gi;

const TARGET_AFTER =
  /^\s*(?:-|of gdp\s+)?(?:\w+\s+)?(?:target|guideline|goal|benchmark|threshold|mark|level|floor|pledge|commitment|quota|bar|minimum|spending target|defen[cs]e spending target|requirement)\b/i;
const GDP_AFTER =
  /^\s*(?:of\s+(?:its|their|the country's|the|combined|collective|national|our|his|her|its own|their own)?\s*(?:combined\s+|collective\s+|total\s+|annual\s+)?(?:gdp|gross domestic product|economic output|national output|economy|national income))/i;
const ALLIANCE_GDP_AFTER =
  /^\s*of\s+(?:the\s+)?(?:allies'|alliance's|nato's|allied|the alliance's)\s+(?:combined\s+|collective\s+|total\s+)?(?:gdp|gross domestic product)/i;
const SPENDING_AFTER =
  /^\s*of\s+(?:the\s+)?(?:alliance's\s+|nato's\s+|military alliance's\s+)?total\b|^\s*of\s+(?:the\s+)?(?:military\s+)?alliance's\s+(?:defen[cs]e\s+|military\s+)?(?:spending|expenditure)|^\s*of\s+(?:all\s+|total\s+|the\s+|nato's\s+|the alliance's\s+|alliance\s+|combined\s+|allied\s+|nato\s+|overall\s+|collective\s+)*(?:allied\s+|nato\s+|members'\s+)?(?:defen[cs]e\s+|military\s+)?(?:spending|expenditures?|outlays|budgets?|investment)/i;
const CHANGE_BEFORE =
  /\b(?:rose|rise|rising|risen|increased?|increasing|grew|grow|grown|grows|growing|growth|rises|increases|jumped?|boosted?|higher|climbed?|surged?|went up|hike|raised|lift|lifted|expanded?)\b[^.;%]{0,60}$|(?<!making |make |made |makes )\bup\s+(?:by\s+)?$/i;
const CHANGE_AFTER = /^\s*(?:year-on-year\s+|annual\s+|real-terms?\s+|real\s+)?(?:increase|rise|growth|jump|boost|hike|higher|more)\b/i;
const TARGET_BEFORE =
  /\b(?:target|guideline|goal|benchmark|threshold|pledge|commitment|floor|minimum)\b[^%\d]{0,25}$|\b(?:committed to|pledged to|aims? to|aiming to|plans? to|planning to|wants? to|intends? to|promised to|vowed to)\s+(?:\w+\s+){0,2}$/i;
/** "up from 2.53% in 2023": the earlier value of the same measure, not a change. */
const FROM_BEFORE = /\b(?:up|down|rising|rose|increasing|compared with|compared to|versus|against)?\s*from\s+(?:the\s+)?$/i;
/** Thresholds of the guidelines: "the 2%" names a target, "the 2.69%" a figure. */
const THRESHOLDS = [1.5, 2, 3, 3.5, 5, 20];
const BELOW_WORDS =
  /\b(?:below|under|short|fail(?:ed|ing|s)?|miss(?:ed|es|ing)?|less than|fewer than|not (?:yet )?(?:meet|met|reach|reached|hit))\b/i;
const THRESHOLD_VERB =
  /\b(?:meet|met|meets|meeting|reach|reached|reaches|reaching|hit|hits|hitting|spend|spends|spent|spending|exceed|exceeds|exceeded|exceeding|achieve|achieved|achieving|fulfil|fulfill|fulfilled|above|below|short|fail|failed|missed|allocate|allocated|invest|invested|at or above|at least)\b/i;

interface Found {
  start: number;
  end: number;
  text: string;
}

const sentenceSpans = (text: string): [number, number][] => {
  const spans: [number, number][] = [];
  let from = 0;
  // A full stop ends a sentence unless it ends "U.S." or a number; "; " ends a clause as well.
  for (const m of text.matchAll(/(?<!\b[A-Z])(?<!\b[A-Z]\.[A-Z])[.!?;]\s+(?=[A-Z"(\d])/g)) {
    spans.push([from, m.index + 1]);
    from = m.index + m[0].length;
  }
  spans.push([from, text.length]);
  return spans;
};

function stated(
  value: number,
  unit: number,
  approx: string | undefined,
  text: string,
  upper: number | null = null,
  fraction = false,
): StatedNumber {
  return { value, unit, approx: approximatorOf(approx), fraction, upper, text };
}

function numberOf(text: string): { value: number; unit: number } | undefined {
  return numeral(text) ?? (wordNumber(text) !== undefined ? { value: wordNumber(text) as number, unit: 1 } : undefined);
}

export function parseClaims(sentence: string, allies: readonly Ally[], publishedYear: number | null): ParsedSentence {
  const text = normalise(sentence);
  const lower = text.toLowerCase();
  const subjects = subjectIndex(allies).find(text);
  const years = yearMentions(text, publishedYear);
  const spans = sentenceSpans(text);
  const spanOf = (i: number) => spans.find(([s, e]) => i >= s && i < e) ?? [0, text.length];
  const sipri = /\bsipri\b|stockholm international peace research/i.test(text);
  const claims: ParsedClaim[] = [];
  const unparsed: { text: string; reason: string }[] = [];
  const taken: Found[] = [];
  const overlaps = (s: number, e: number) => taken.some((t) => s < t.end && e > t.start);
  const take = (f: Found) => taken.push(f);

  const subjectBefore = (at: number, allowAfter = true, end = at): SubjectMention | undefined => {
    const [cs, ce] = spanOf(at);
    // "a 20% boost by the alliance's non-US members": the agent after "by" is the subject.
    const by = /^\s*(?:\w+\s+){0,2}(?:by|of|for)\s+(?:the\s+)?(?:alliance's\s+)?/i.exec(text.slice(end, ce));
    if (by) {
      const agent = subjects.find((s) => s.start === end + by[0].length && s.id !== "RUS");
      if (agent) return agent;
    }
    const all = subjects.filter((s) => s.end <= at && s.start >= cs && s.id !== "RUS");
    // "the alliance's lowest spender", "of the allies' combined GDP": a possessive names whose, not who.
    const plain = all.filter(
      (s) =>
        !/'s?$/.test(s.text) &&
        !/^'/.test(text.slice(s.end, s.end + 1)) &&
        !/\bof\s+(?:the\s+)?$/i.test(text.slice(Math.max(cs, s.start - 8), s.start)),
    );
    const before = plain.length ? plain : all;
    const chosen = before[before.length - 1];
    if (chosen?.id === "NATO_TOTAL") {
      const euCan = subjects.find((s) => s.id === "NATO_EUR_CAN" && s.start >= cs && s.end <= at);
      if (euCan) return euCan;
    }
    if (chosen) return chosen;
    return allowAfter ? subjects.find((s) => s.start >= at && s.end <= ce && s.id !== "RUS") : undefined;
  };
  // Every written number that is not a year: a year belongs to the nearest figure with none between.
  const figures = [...text.matchAll(new RegExp(`(?<![\\p{L}\\d.,])(?:${NUM}|${NUMBER_WORD_PATTERN})(?![\\p{L}\\d])`, "giu"))]
    .filter((m) => !/^(?:19[5-9]|20[0-4])\d$/.test(m[0]))
    .map((m) => m.index);
  const yearOf = (f: Found, end = f.end): YearMention | null => {
    const [cs, ce] = spanOf(f.start);
    return (
      yearFor(
        years,
        cs,
        ce,
        f.start,
        end,
        figures.filter((p) => p < f.start || p >= end),
      ) ?? null
    );
  };
  const sinceOf = (f: Found): YearMention | undefined => {
    const [cs, ce] = spanOf(f.start);
    return years.find((y) => y.kind === "since" && y.start >= cs && y.end <= ce);
  };

  // 1. Counts of allies, each with the threshold in its sentence ("23 of 32 allies meet the 2% guideline").
  for (const m of text.matchAll(COUNT)) {
    const f = { start: m.index, end: m.index + m[0].length, text: m[0] };
    const [cs, ce] = spanOf(f.start);
    const clause = text.slice(cs, ce);
    let count: { value: number; unit: number } | undefined;
    let allBut: number | null = null;
    let ofTotal: number | null = null;
    const approx = m[1]?.toLowerCase();
    if (m[2]) {
      count = numberOf(m[2]);
      ofTotal = m[3] ? (numberOf(m[3])?.value ?? null) : null;
    } else if (m[4]) {
      count = numberOf(m[4]);
      ofTotal = m[5] ? (numberOf(m[5])?.value ?? null) : null;
    } else if (m[8]) {
      count = numberOf(m[8]);
    } else if (m[6]) {
      allBut = numberOf(m[6])?.value ?? null;
    } else {
      allBut = 0;
      ofTotal = m[7] ? (numberOf(m[7])?.value ?? null) : null;
    }
    if (!count && allBut === null) continue;
    // "out of the 32 NATO member nations, only 18 spent 2%": the 32 is the denominator, not a count.
    if (/\b(?:out\s+)?of\s+(?:the\s+)?$/i.test(text.slice(Math.max(cs, f.start - 12), f.start))) continue;
    const after = text.slice(f.end, ce);
    const nearAfter = after.slice(0, 90);
    const thresholdMatch = new RegExp(`(${NUM}|${NUMBER_WORD_PATTERN})\\s?%`, "i").exec(nearAfter);
    const before = text.slice(cs, f.start);
    const thresholdBefore = thresholdMatch ? null : new RegExp(`(${NUM}|${NUMBER_WORD_PATTERN})\\s?%[^%]*$`, "i").exec(before);
    const th = thresholdMatch ?? thresholdBefore;
    // A count is a claim only with a threshold and a verb that relates them; "32 allies" alone is not.
    if (!th || !THRESHOLD_VERB.test(clause)) {
      if (th === null && /\b(?:target|guideline|goal|benchmark|pledge|threshold)\b/i.test(clause))
        unparsed.push({ text: f.text, reason: "a count of allies against a target whose threshold the sentence does not state" });
      continue;
    }
    const threshold = numberOf(th[1] as string);
    if (!threshold) continue;
    const thStart = thresholdMatch ? f.end + thresholdMatch.index : cs + (thresholdBefore?.index ?? 0);
    const between = thresholdMatch ? text.slice(f.end, thStart) : text.slice(thStart, f.start);
    // The verb must relate this count to the threshold: "23 allies meet the 2%", "the 2% guideline met by 22 allies";
    // "the 2% commitment all members agreed to" is not a count of allies meeting it.
    const allForm = allBut !== null;
    const verbZone = thresholdMatch
      ? between
      : allForm
        ? text.slice(f.end, Math.min(ce, f.end + 40))
        : text.slice(cs, Math.min(ce, f.end + 40));
    if (!THRESHOLD_VERB.test(verbZone) && !(thresholdMatch && THRESHOLD_VERB.test(text.slice(f.end, Math.min(ce, f.end + 40))))) continue;
    take(f);
    take({ start: thStart, end: thStart + th[0].length, text: th[0] });
    claims.push({
      kind: "count_at_threshold",
      text: text.slice(Math.min(f.start, thStart), Math.max(f.end, thStart + th[0].length)),
      subject: "NATO_TOTAL",
      stated: stated(count?.value ?? 0, 1, approx === "only" || approx === "just" ? undefined : approx, f.text),
      year: yearOf({ start: Math.min(f.start, thStart), end: Math.max(f.end, thStart + th[0].length), text: f.text }),
      thresholdPct: threshold.value,
      side: BELOW_WORDS.test(between) || BELOW_WORDS.test(lower.slice(cs, f.start).slice(-25)) ? "below" : "at_or_above",
      ofTotal,
      allBut,
      sipri,
    });
  }

  // 2. Fractions of allies ("two-thirds of allies meet 2%") and of spending ("about two-thirds of all defence spending").
  for (const m of text.matchAll(FRACTION)) {
    const f = { start: m.index, end: m.index + m[0].length, text: m[0].trim() };
    if (overlaps(f.start, f.end)) continue;
    const share = fractionValue(m[2] as string);
    if (share === undefined) continue;
    const after = text.slice(f.end);
    if (SPENDING_AFTER.test(after)) {
      const subject = subjectBefore(f.start);
      take(f);
      claims.push({
        kind: "share_of_alliance_spending",
        text: `${f.text} ${(SPENDING_AFTER.exec(after)?.[0] ?? "").trim()}`,
        subject: subject?.id ?? null,
        stated: stated(share * 100, 0, m[1], f.text, null, true),
        year: yearOf(f),
        sipri,
      });
    }
  }

  // 2b. Changes by a fraction ("rose by a quarter in real terms"): the fraction as a percentage.
  for (const m of text.matchAll(new RegExp(`\\bby\\s+${A}(${FRACTION_PATTERN})\\b`, "gi"))) {
    const f = { start: m.index, end: m.index + m[0].length, text: m[0] };
    const share = fractionValue(m[2] as string);
    const [cs, ce] = spanOf(f.start);
    if (share === undefined || overlaps(f.start, f.end) || !CHANGE_BEFORE.test(`${text.slice(cs, f.start)}`)) continue;
    take(f);
    const subject = subjectBefore(f.start, true, f.end);
    if (!subject) {
      unparsed.push({ text: f.text, reason: "a change whose spender the sentence does not name" });
      continue;
    }
    claims.push({
      kind: "change",
      text: f.text,
      subject: subject.id,
      stated: stated(share * 100, 0, m[1], f.text.replace(/^by\s+/i, ""), null, true),
      year: yearOf(f),
      basis: /\breal(?:[- ]terms?)?\b|inflation[- ]adjusted/i.test(text.slice(cs, ce)) ? "real" : "nominal",
      since: sinceOf(f)?.year ?? null,
      sipri,
    });
  }

  // 3. Money: totals of the alliance, of Europe and Canada, or of one ally.
  for (const m of text.matchAll(MONEY)) {
    const f = { start: m.index, end: m.index + m[0].length, text: m[0] };
    if (overlaps(f.start, f.end)) continue;
    let value: number;
    let unit: number;
    let upper: number | null = null;
    let fraction = false;
    if (m[2]) {
      const n = numeral(m[2]);
      if (!n) continue;
      const scale = SCALE_IN_MILLIONS[(m[4] ?? "").toLowerCase()] ?? 1e-6;
      value = n.value * scale;
      unit = n.unit * scale;
      upper = m[3] ? (numeral(m[3])?.value ?? 0) * scale : null;
      if (!m[4]) {
        unparsed.push({ text: f.text, reason: "a dollar amount without million, billion or trillion: not a spending total" });
        take(f);
        continue;
      }
    } else if (m[5]) {
      const n = numeral(m[5]);
      if (!n) continue;
      const scale = SCALE_IN_MILLIONS[(m[6] as string).toLowerCase()] as number;
      value = n.value * scale;
      unit = n.unit * scale;
    } else {
      const word = (m[7] as string).toLowerCase();
      const share = word === "a" || word === "one" ? 1 : fractionValue(word.replace(/^a /, "one "));
      const scale = SCALE_IN_MILLIONS[(m[8] as string).toLowerCase()] as number;
      value = (share ?? 0) * scale;
      unit = scale;
      fraction = share !== 1;
    }
    take(f);
    const before = text.slice(Math.max(0, f.start - 30), f.start).toLowerCase();
    const after = text.slice(f.end, f.end + 40).toLowerCase();
    const approxWord = /%\s*$/.test(text.slice(Math.max(0, f.start - 12), f.start)) && m[1]?.toLowerCase() === "over" ? undefined : m[1];
    if (/\b(?:additional|extra|more|added|another)\b/.test(before + after.slice(0, 15))) {
      unparsed.push({
        text: f.text,
        reason: "an amount added over several years: Pledge checks totals of one year, not cumulative increases",
      });
      continue;
    }
    if (
      /^\s*(?:in\s+)?(?:military\s+)?(?:assistance|aid|support)\b/.test(after) ||
      /\b(?:on|from|with)\s+(?:american|us|u\.s\.)\s+(?:kit|weapons)/.test(after)
    ) {
      unparsed.push({ text: f.text, reason: "an amount of aid or purchases, not of defence expenditure" });
      continue;
    }
    if (/^\s*(?:based on|in)\s+\d{4}\s+prices/.test(after)) {
      unparsed.push({ text: f.text, reason: "constant-price dollars: their base year differs between releases, so they are not compared" });
      continue;
    }
    const subject = subjectBefore(f.start) ?? (sipri || /\bnato\b|alliance/i.test(lower) ? undefined : undefined);
    if (!subject) {
      unparsed.push({ text: f.text, reason: "an amount whose spender (an ally, NATO, or Europe and Canada) the sentence does not name" });
      continue;
    }
    claims.push({
      kind: "spending",
      text: f.text,
      subject: subject.id,
      stated: stated(value, unit, approxWord, f.text, upper, fraction),
      year: yearOf(f),
      sipri,
    });
  }
  for (const m of text.matchAll(OTHER_CURRENCY)) {
    if (overlaps(m.index, m.index + m[0].length)) continue;
    take({ start: m.index, end: m.index + m[0].length, text: m[0] });
    unparsed.push({ text: m[0], reason: "an amount in a currency other than US dollars: the releases' totals are in US dollars" });
  }

  // 4. Multiples of Russia ("25 times Russia's").
  for (const m of text.matchAll(MULTIPLE)) {
    const f = { start: m.index, end: m.index + m[0].length, text: m[0] };
    if (overlaps(f.start, f.end)) continue;
    const n = numberOf(m[2] as string);
    const after = text.slice(f.end, f.end + 60);
    if (!n || !/\b(?:russia|russia's|russian|that of russia)\b/i.test(after)) {
      unparsed.push({ text: f.text, reason: "a multiple of something other than Russia's spending or economy" });
      take(f);
      continue;
    }
    take(f);
    claims.push({
      kind: "ratio_to_russia",
      text: text.slice(f.start, f.end + (/russia's|russia/i.exec(after)?.index ?? 0) + 8).trim(),
      subject: "NATO_TOTAL",
      stated: stated(n.value, n.unit, m[1], f.text),
      year: yearOf(f),
      ratioOf: /\b(?:econom|gdp|output)/i.test(lower) ? "gdp" : "spending",
      sipri: true,
    });
  }

  // 5. Percentages: of GDP, of the alliance's spending or GDP, or a change.
  for (const m of text.matchAll(PERCENT)) {
    const f = { start: m.index, end: m.index + m[0].length, text: m[0] };
    if (overlaps(f.start, f.end)) continue;
    const n = numberOf(m[2] as string);
    if (!n) continue;
    const upper = m[3] ? (numeral(m[3])?.value ?? null) : null;
    const after = text.slice(f.end);
    const [cs] = spanOf(f.start);
    const before = text.slice(cs, f.start);
    const s = stated(n.value, n.unit, m[1], f.text, upper);
    const year = yearOf(f);
    take(f);
    const isChange = !FROM_BEFORE.test(before) && (CHANGE_AFTER.test(after) || CHANGE_BEFORE.test(before));
    const thresholdLike = THRESHOLDS.includes(n.value) && /\b(?:the|a|its|their|nato's|alliance's)\s+$/i.test(before);
    if (!isChange && (TARGET_AFTER.test(after) || TARGET_BEFORE.test(before) || thresholdLike)) {
      unparsed.push({ text: f.text, reason: "a threshold or target, not a figure about spending" });
      continue;
    }
    if (/^\s*points?\b|^\s*pp\b/i.test(after)) {
      unparsed.push({ text: f.text, reason: "a change in percentage points: not among the claim patterns" });
      continue;
    }
    const subject = isChange ? subjectBefore(f.start, true, f.end) : subjectBefore(f.start);
    if (ALLIANCE_GDP_AFTER.test(after)) {
      claims.push({
        kind: "share_of_alliance_gdp",
        text: f.text + (ALLIANCE_GDP_AFTER.exec(after)?.[0] ?? ""),
        subject: subject?.id ?? null,
        stated: s,
        year,
        sipri,
      });
      continue;
    }
    if (GDP_AFTER.test(after)) {
      const gdpText = GDP_AFTER.exec(after)?.[0] ?? "";
      // "the 3.92% of GDP Poland spent": the ally right after the phrase is the subject.
      const right = subjects.find((x) => x.start >= f.end + gdpText.length && x.start <= f.end + gdpText.length + 2);
      const who = right ?? subject;
      if (!who) {
        unparsed.push({ text: f.text + gdpText, reason: "a share of GDP whose ally the sentence does not name" });
        continue;
      }
      claims.push({ kind: "share_of_gdp", text: f.text + gdpText, subject: who.id, stated: s, year, sipri });
      continue;
    }
    if (SPENDING_AFTER.test(after)) {
      claims.push({
        kind: "share_of_alliance_spending",
        text: f.text + (SPENDING_AFTER.exec(after)?.[0] ?? ""),
        subject: subject?.id ?? null,
        stated: s,
        year,
        sipri,
      });
      continue;
    }
    if (isChange) {
      const real = /\breal(?:[- ]terms?)?\b|inflation[- ]adjusted|constant prices/i.test(text.slice(cs, spanOf(f.start)[1]));
      claims.push({
        kind: "change",
        text: f.text,
        subject: subject?.id ?? null,
        stated: s,
        // "a 19.4% increase from 2023" with no other year is the change into the year after.
        year:
          year ??
          (sinceOf(f)?.from
            ? { ...(sinceOf(f) as YearMention), year: ((sinceOf(f) as YearMention).year as number) + 1, kind: "stated" }
            : null),
        basis: real ? "real" : "nominal",
        since: sinceOf(f)?.year ?? null,
        sipri,
      });
      continue;
    }
    // A sentence about GDP, or about a guideline in % of GDP, reads its allies' percentages as shares of GDP ("Poland (4.48%)").
    const sentenceText = text.slice(cs, spanOf(f.start)[1]);
    const aboutGdp = /\bgdp\b|gross domestic product|relative spender|of (?:its|their) economy/i.test(sentenceText);
    const aboutGuideline = /benchmark|guideline|target|threshold/i.test(sentenceText);
    if (subject && (aboutGdp || (aboutGuideline && subject.id !== "NATO_TOTAL"))) {
      claims.push({ kind: "share_of_gdp", text: f.text, subject: subject.id, stated: s, year, sipri });
      continue;
    }
    unparsed.push({ text: f.text, reason: "a percentage whose measure (of GDP, of spending, a change) the sentence does not make clear" });
  }

  // 6. Rankings ("the highest", "ranks third", "second only to the United States").
  for (const m of text.matchAll(RANK)) {
    const f = { start: m.index, end: m.index + m[0].length, text: m[0] };
    const [cs, ce] = spanOf(f.start);
    const clause = text.slice(cs, ce);
    const word = m[0].toLowerCase();
    let position: number;
    let fromBottom = false;
    let behind: SubjectId | null = null;
    if (word.startsWith("second only to")) {
      position = 2;
      behind = subjects.find((s) => s.start >= f.end && s.start < f.end + 40)?.id ?? null;
    } else if (m[2]) {
      position = m[1] ? (ORD[m[1].toLowerCase()] ?? Number.parseInt(m[1], 10)) : 1;
      fromBottom = /lowest|smallest/i.test(m[2]);
    } else if (m[3]) {
      position = ORD[m[3].toLowerCase()] ?? 0;
    } else if (m[4]) {
      position = ORD[m[4].toLowerCase()] ?? 0;
    } else position = 1;
    if (/\bnext\s+$/i.test(text.slice(Math.max(cs, f.start - 5), f.start))) continue;
    if (/^\s*(?:five|ten|three|\d+)\b/i.test(text.slice(f.end, f.end + 8))) {
      unparsed.push({ text: `${f.text}${text.slice(f.end, f.end + 8)}`.trim(), reason: "a top-N list: not among the ranking patterns" });
      continue;
    }
    if (/\bequipment\b/i.test(clause)) {
      unparsed.push({ text: f.text, reason: "a ranking by equipment share: not among the ranking patterns" });
      continue;
    }
    if (/^\s*[$\d]/.test(text.slice(f.end, f.end + 3))) continue; // "top $1.5 trillion": a verb, not a rank
    // "the highest level since the Cold War" is about time, not a ranking of allies.
    if (
      /^\s*(?:level\s+|share of gdp\s+)?(?:since|in decades|in \d+ years|ever|on record|increase|rise|annual|growth)\b/i.test(
        text.slice(f.end, f.end + 30),
      )
    )
      continue;
    const subject = subjectBefore(f.start);
    if (!subject || subject.id === "NATO_TOTAL" || subject.id === "NATO_EUR_CAN") {
      unparsed.push({ text: f.text, reason: "a ranking whose ally the sentence does not name" });
      continue;
    }
    const shareWords = /\bgdp\b|gross domestic product|relative|share|%|proportion|per capita/i.test(clause);
    claims.push({
      kind: "rank",
      text: text.slice(subject.start < f.start ? subject.start : f.start, f.end),
      subject: subject.id,
      stated: stated(position, 1, undefined, f.text),
      year: yearOf(f),
      measure: shareWords ? "share" : "spending",
      fromBottom,
      behind,
      sipri,
    });
  }

  for (let i = claims.length - 1; i > 0; i--) {
    const c = claims[i] as ParsedClaim;
    if (
      c.kind === "rank" &&
      claims.slice(0, i).some((o) => o.kind === "rank" && o.subject === c.subject && o.stated.value === c.stated.value)
    )
      claims.splice(i, 1);
  }
  // A figure without a year of its own takes a year derived from "from YYYY" in its sentence ("$486 billion, a 19.4% increase from 2023").
  for (const c of claims) {
    if (c.year) continue;
    const at = text.indexOf(c.text);
    const [cs, ce] = spanOf(Math.max(0, at));
    const sibling = claims.find((o) => o !== c && o.year?.from === true && text.indexOf(o.text) >= cs && text.indexOf(o.text) < ce);
    if (sibling?.year) c.year = sibling.year;
  }
  claims.sort((a, b) => text.indexOf(a.text) - text.indexOf(b.text));
  if (claims.length > MAX_CLAIMS) {
    unparsed.push({
      text: `${claims.length - MAX_CLAIMS} more figures`,
      reason: `only the first ${MAX_CLAIMS} claims of a sentence are checked`,
    });
    claims.length = MAX_CLAIMS;
  }
  return { text, claims, unparsed };
}
