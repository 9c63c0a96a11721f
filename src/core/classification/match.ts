import type { BudgetLine, Conditions } from "../../model/classification.ts";

/** Lower case without accents; ß kept (German "Maßnahmen" is written with it in budgets). */
export const fold = (s: string): string =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const compiled = new Map<string, RegExp>();

/**
 * A keyword as a pattern: `word` a whole word or phrase, `word*` a word starting with it, `*word*`
 * anywhere (German compounds such as "Wehrforschung"). Whole words by default so that "pay" does not
 * take "payments".
 */
export function keywordPattern(keyword: string): RegExp {
  let re = compiled.get(keyword);
  if (re) return re;
  const k = fold(keyword.trim());
  const inner = k.startsWith("*");
  const prefix = k.endsWith("*");
  const body = escapeRegExp(k.replace(/^\*/, "").replace(/\*$/, "")).replace(/\s+/g, "\\s+");
  const before = inner ? "" : "(?<![\\p{L}\\p{N}])";
  const after = prefix ? "" : "(?![\\p{L}\\p{N}])";
  re = new RegExp(`${before}${body}${after}`, "u");
  compiled.set(keyword, re);
  return re;
}

const cofogMatches = (code: string, wanted: string) => code === wanted || code.startsWith(`${wanted}.`);

/** The text a line's keywords are looked for in. */
export const lineText = (line: BudgetLine): string => fold(`${line.name} ${line.description}`);

/** True when every condition given matches the line (an empty set of conditions matches nothing). */
export function conditionsMatch(c: Conditions, line: BudgetLine, text: string = lineText(line)): boolean {
  let any = false;
  if (c.cofog) {
    any = true;
    const code = line.cofog.trim();
    if (!code || !c.cofog.some((w) => cofogMatches(code, w))) return false;
  }
  if (c.ministry) {
    any = true;
    const ministry = fold(line.ministry);
    if (!ministry || !c.ministry.some((m) => ministry.includes(fold(m)))) return false;
  }
  if (c.chapter) {
    any = true;
    const chapter = fold(line.chapter.trim());
    if (!chapter || !c.chapter.some((ch) => fold(ch) === chapter)) return false;
  }
  if (c.keywords) {
    any = true;
    if (!c.keywords.some((k) => keywordPattern(k).test(text))) return false;
  }
  if (c.tags) {
    any = true;
    const tags = new Set(line.tags.map(fold));
    if (!c.tags.some((t) => tags.has(fold(t)))) return false;
  }
  return any;
}

/** True when any single condition given matches (for `unless`: one hit excludes the line). */
export function anyConditionMatches(c: Conditions, line: BudgetLine, text: string = lineText(line)): boolean {
  const one = (part: Conditions) => conditionsMatch(part, line, text);
  return (
    (c.cofog !== undefined && one({ cofog: c.cofog })) ||
    (c.ministry !== undefined && one({ ministry: c.ministry })) ||
    (c.chapter !== undefined && one({ chapter: c.chapter })) ||
    (c.keywords !== undefined && one({ keywords: c.keywords })) ||
    (c.tags !== undefined && one({ tags: c.tags }))
  );
}
