import type { BudgetLine, Conditions } from "../../model/classification.ts";

/** Lower case without accents; ß kept (German "Maßnahmen" is written with it in budgets). */
export const fold = (s: string): string =>
  // Most budget text is ASCII: normalising it would change nothing and costs most of the time.
  /^[\x20-\x7e]*$/.test(s)
    ? s.toLowerCase()
    : s
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase();

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A keyword as a pattern source: `word` a whole word or phrase, `word*` a word starting with it,
 * `*word*` anywhere (German compounds such as "Wehrforschung"). Whole words by default so that "pay"
 * does not take "payments".
 */
export function keywordSource(keyword: string): string {
  const k = fold(keyword.trim());
  const inner = k.startsWith("*");
  const prefix = k.endsWith("*");
  const body = escapeRegExp(k.replace(/^\*/, "").replace(/\*$/, "").replace(/\s+/g, " "));
  return `${inner ? "" : "(?<![\\p{L}\\p{N}])"}${body}${prefix ? "" : "(?![\\p{L}\\p{N}])"}`;
}

/** The keyword's letters without its wildcards, for a quick substring test before the pattern. */
const literalOf = (keyword: string) => fold(keyword.trim()).replace(/^\*/, "").replace(/\*$/, "").replace(/\s+/g, " ");

/** What the conditions look at, prepared once per line. */
export interface LineFacts {
  text: string;
  cofog: string;
  ministry: string;
  chapter: string;
  tags: ReadonlySet<string>;
}

export const lineFacts = (line: BudgetLine): LineFacts => ({
  text: fold(`${line.name} ${line.description}`).replace(/\s+/g, " "),
  cofog: line.cofog.trim(),
  ministry: fold(line.ministry),
  chapter: fold(line.chapter.trim()),
  tags: new Set(line.tags.map(fold)),
});

type Test = (f: LineFacts) => boolean;
const cofogMatches = (code: string, wanted: string) => code === wanted || code.startsWith(`${wanted}.`);

/** One test per condition field given; the keywords of a field become one regular expression. */
function fieldTests(c: Conditions): Test[] {
  const tests: Test[] = [];
  if (c.cofog) {
    const wanted = c.cofog;
    tests.push((f) => f.cofog !== "" && wanted.some((w) => cofogMatches(f.cofog, w)));
  }
  if (c.ministry) {
    const wanted = c.ministry.map(fold);
    tests.push((f) => f.ministry !== "" && wanted.some((m) => f.ministry.includes(m)));
  }
  if (c.chapter) {
    const wanted = new Set(c.chapter.map((ch) => fold(ch.trim())));
    tests.push((f) => f.chapter !== "" && wanted.has(f.chapter));
  }
  if (c.keywords) {
    // A plain substring test first: most keywords are absent from most lines, and includes() is far
    // cheaper than a Unicode regular expression with look-arounds.
    const keywords = c.keywords.map((k) => ({ literal: literalOf(k), re: new RegExp(keywordSource(k), "u") }));
    tests.push((f) => keywords.some((k) => f.text.includes(k.literal) && k.re.test(f.text)));
  }
  if (c.tags) {
    const wanted = c.tags.map(fold);
    tests.push((f) => wanted.some((t) => f.tags.has(t)));
  }
  return tests;
}

/** Every field given must match (an empty set of conditions matches nothing). */
export function compileWhen(c: Conditions): Test {
  const tests = fieldTests(c);
  return (f) => tests.length > 0 && tests.every((t) => t(f));
}

/** Any one field matching excludes the line (`unless`). */
export function compileUnless(c: Conditions | undefined): Test {
  if (!c) return () => false;
  const tests = fieldTests(c);
  return (f) => tests.some((t) => t(f));
}
