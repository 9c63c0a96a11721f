/**
 * The years a sentence names: stated ("in 2024", "for 2025"), or relative to its publication date
 * ("this year", "last year", "next year"). "since 2014" is a start year, kept apart; target dates
 * ("by 2035") are not the year a figure refers to.
 */
export interface YearMention {
  year: number | null;
  start: number;
  end: number;
  kind: "stated" | "relative" | "since";
  /** "from 2023" (a base year) rather than "since 2014". */
  from?: boolean;
  /** For a relative mention without a publication date: why it could not be resolved. */
  unresolved?: string;
}

const YEAR = /(?<![\d$€£.,-])(?:(since|from|by|until|to|through)\s+)?((?:19[5-9]|20[0-4])\d)(?![\d%]|\s*(?:prices|constant|dollars))/gi;
const RELATIVE = /\b(this|last|next|the previous|the past|the current|a)\s+year\b/gi;

export function yearMentions(text: string, publishedYear: number | null): YearMention[] {
  const out: YearMention[] = [];
  for (const m of text.matchAll(YEAR)) {
    const y = Number(m[2]);
    const prep = m[1]?.toLowerCase();
    // "by 2035" and "until 2030" are deadlines of targets, not the year a figure describes.
    if ((prep === "by" || prep === "until") && y >= 2028) continue;
    // "compared to 2023", "than 2024": the base of a comparison, like "from 2023".
    if (
      /\b(?:compared (?:to|with)|than(?: in)?|over|versus|against)\s+$/i.test(
        text.slice(Math.max(0, m.index - 20), m.index + (m[1] ? m[1].length + 1 : 0)),
      )
    ) {
      out.push({ year: y, start: m.index, end: m.index + m[0].length, kind: "since", from: true });
      continue;
    }
    // "the commitment all members agreed to in 2014": the year of a decision, not of a figure.
    if (
      /\b(?:agreed(?: to)?|summit|set|established|made|adopted|pledged|decided|signed|launched)\s+(?:\w+\s+){0,3}in\s+$/i.test(
        text.slice(Math.max(0, m.index - 40), m.index),
      )
    )
      continue;
    // "2014-2024" ranges of a release's title are not claims about a year.
    if (/^[-–]\d{4}/.test(text.slice(m.index + m[0].length)) || /\d{4}[-–]$/.test(text.slice(0, m.index))) continue;
    out.push({
      year: y,
      start: m.index,
      end: m.index + m[0].length,
      kind: prep === "since" || prep === "from" ? "since" : "stated",
      from: prep === "from",
    });
  }
  for (const m of text.matchAll(RELATIVE)) {
    const which = (m[1] as string).toLowerCase();
    if (which === "a") continue; // "a year earlier" relates two stated years: not resolved here
    const offset = which === "last" || which === "the previous" || which === "the past" ? -1 : which === "next" ? 1 : 0;
    out.push({
      year: publishedYear === null ? null : publishedYear + offset,
      start: m.index,
      end: m.index + m[0].length,
      kind: "relative",
      unresolved: publishedYear === null ? `"${m[0]}" needs the publication date (--published)` : undefined,
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The year mention that belongs to a figure at [start, end): the nearest one in the same sentence
 * with no other figure between them ("18 allies …, up from three in 2014": 2014 is the three's),
 * later mentions preferred on ties.
 */
export function yearFor(
  mentions: readonly YearMention[],
  clauseStart: number,
  clauseEnd: number,
  start: number,
  end: number,
  figures: readonly number[] = [],
): YearMention | undefined {
  let best: YearMention | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const m of mentions) {
    if (m.kind === "since" || m.start < clauseStart || m.end > clauseEnd) continue;
    const lo = m.start >= end ? end : m.end;
    const hi = m.start >= end ? m.start : start;
    if (figures.some((p) => p >= lo && p < hi)) continue;
    const d = m.start >= end ? m.start - end : start - m.end;
    if (d < bestDistance || (d === bestDistance && m.start >= end)) {
      best = m;
      bestDistance = d;
    }
  }
  return best;
}
