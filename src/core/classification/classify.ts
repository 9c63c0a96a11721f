import {
  type BudgetLine,
  type Category,
  type CategoryGroup,
  type ClassifiedLine,
  NEEDS_REVIEW,
  type Override,
  type Rule,
  type RuleSet,
} from "../../model/classification.ts";
import { ParameterError } from "../parameter-error.ts";
import { compileUnless, compileWhen, type LineFacts, lineFacts } from "./match.ts";
import { beatenBy } from "./rule-order.ts";

/** The remainder of an "other forces" line that is not military: outside NATO's definition. */
export const NON_MILITARY_SHARE = "other_forces_non_military";

export interface CategoryTotal {
  category: string;
  name: string;
  group: CategoryGroup | typeof NEEDS_REVIEW;
  amount: number;
  lines: number;
}

export interface Classification {
  ruleSet: { id: string; version: string };
  lines: ClassifiedLine[];
  /** One row per category of the rule set (zero where no line fell in it), then needs review. */
  categoryTotals: CategoryTotal[];
  groupTotals: Record<CategoryGroup | typeof NEEDS_REVIEW, number>;
  /** The sum of every line's amount. */
  total: number;
}

/** A line no rule decides: nothing of it is counted until a person does. */
function needsReview(
  base: Pick<ClassifiedLine, "id" | "name" | "amount" | "override">,
  ruleId: string | null,
  explanation: string,
  citation: string | null,
  alsoMatched: string[],
): ClassifiedLine {
  return {
    ...base,
    category: NEEDS_REVIEW,
    group: NEEDS_REVIEW,
    countedAmount: 0,
    notCountedAmount: 0,
    ruleId,
    explanation,
    citation,
    alsoMatched,
  };
}

const citationText = (r: Rule) => `${r.citation.source}: "${r.citation.text}"`;

/**
 * Classifies each budget line with the rule set: the matching rules of highest priority decide
 * (those beaten through `overrides` drop out); if they disagree, or none matches, the line needs
 * review — never guessed. A user's override replaces the decision and is recorded with its reason.
 * Pure: the same lines, rules and overrides give the same answer whatever their order.
 */
export function classifyBudget(lines: readonly BudgetLine[], ruleSet: RuleSet, overrides: readonly Override[] = []): Classification {
  const categories = new Map(ruleSet.categories.map((c) => [c.id, c]));
  const overrideByLine = checkOverrides(lines, categories, overrides);
  const beats = beatenBy(ruleSet.rules);
  const compiled = ruleSet.rules.map((rule) => ({ rule, when: compileWhen(rule.when), unless: compileUnless(rule.unless) }));
  const classified = lines.map((line) => {
    const decided = decide(line, compiled, beats, categories);
    const o = overrideByLine.get(line.id);
    if (!o) return decided;
    const category = categories.get(o.category) as Category;
    return {
      ...decided,
      category: category.id,
      group: category.group,
      countedAmount: line.amount,
      notCountedAmount: 0,
      explanation: `Overridden by the user: ${o.reason}. (The rules said: ${decided.explanation})`,
      override: { reason: o.reason, ruleCategory: decided.category },
    } satisfies ClassifiedLine;
  });
  return { ruleSet: { id: ruleSet.id, version: ruleSet.version }, lines: classified, ...totalsOf(classified, ruleSet.categories) };
}

function checkOverrides(lines: readonly BudgetLine[], categories: Map<string, Category>, overrides: readonly Override[]) {
  const ids = new Set(lines.map((l) => l.id));
  const byLine = new Map<string, Override>();
  overrides.forEach((o, i) => {
    if (!ids.has(o.lineId)) throw new ParameterError(`overrides.${i}.lineId`, `no budget line has the id "${o.lineId}"`);
    if (!categories.has(o.category))
      throw new ParameterError(
        `overrides.${i}.category`,
        `"${o.category}" is not a category of the rule set (${[...categories.keys()].join(", ")})`,
      );
    if (byLine.has(o.lineId)) throw new ParameterError(`overrides.${i}.lineId`, `line "${o.lineId}" is overridden twice`);
    byLine.set(o.lineId, o);
  });
  return byLine;
}

interface CompiledRule {
  rule: Rule;
  when: (f: LineFacts) => boolean;
  unless: (f: LineFacts) => boolean;
}

function decide(
  line: BudgetLine,
  rules: readonly CompiledRule[],
  beats: Map<string, Set<string>>,
  categories: Map<string, Category>,
): ClassifiedLine {
  const facts = lineFacts(line);
  const matched = rules.filter((r) => r.when(facts) && !r.unless(facts)).map((r) => r.rule);
  const base = { id: line.id, name: line.name, amount: line.amount, override: null };
  if (matched.length === 0)
    return needsReview(base, null, "No rule matches this line: it needs review (a person decides, or a rule is added).", null, []);
  const top = Math.max(...matched.map((r) => r.priority));
  const candidates = matched.filter((r) => r.priority === top);
  const winners = candidates
    .filter((r) => !candidates.some((other) => other.id !== r.id && beats.get(other.id)?.has(r.id)))
    .sort((a, b) => a.id.localeCompare(b.id));
  const alsoMatched = matched
    .map((r) => r.id)
    .filter((id) => id !== winners[0]?.id)
    .sort();
  const winnerCategories = [...new Set(winners.map((r) => r.category))].sort();
  if (winnerCategories.length > 1)
    return needsReview(
      base,
      null,
      `Rules of equal priority ${top} disagree (${winners.map((r) => `${r.id} → ${r.category}`).join("; ")}): it needs review.`,
      null,
      matched.map((r) => r.id).sort(),
    );
  const rule = winners[0] as Rule;
  const category = categories.get(rule.category) as Category;
  if (!rule.proportional)
    return {
      ...base,
      category: category.id,
      group: category.group,
      countedAmount: line.amount,
      notCountedAmount: 0,
      ruleId: rule.id,
      explanation: rule.explanation,
      citation: citationText(rule),
      alsoMatched,
    };
  if (line.militaryShare === null)
    return needsReview(
      base,
      rule.id,
      `${rule.explanation} The line states no military share (column military_share): it needs review.`,
      citationText(rule),
      alsoMatched,
    );
  const counted = line.amount * line.militaryShare;
  return {
    ...base,
    category: category.id,
    group: category.group,
    countedAmount: counted,
    notCountedAmount: line.amount - counted,
    ruleId: rule.id,
    explanation: `${rule.explanation} Counted: the stated military share ${formatShare(line.militaryShare)}; the rest is not counted.`,
    citation: citationText(rule),
    alsoMatched,
  };
}

const formatShare = (s: number) => `${Math.round(s * 1000) / 10} %`;

function totalsOf(lines: readonly ClassifiedLine[], categories: readonly Category[]) {
  const byCategory = new Map<string, CategoryTotal>(
    categories.map((c) => [c.id, { category: c.id, name: c.name, group: c.group, amount: 0, lines: 0 }]),
  );
  const review: CategoryTotal = { category: NEEDS_REVIEW, name: "Needs review", group: NEEDS_REVIEW, amount: 0, lines: 0 };
  const remainder: CategoryTotal = {
    category: NON_MILITARY_SHARE,
    name: "Other forces, non-military share",
    group: "not_counted",
    amount: 0,
    lines: 0,
  };
  const groupTotals = { core: 0, related: 0, not_counted: 0, [NEEDS_REVIEW]: 0 };
  let total = 0;
  for (const l of lines) {
    total += l.amount;
    if (l.group === NEEDS_REVIEW) {
      review.amount += l.amount;
      review.lines++;
      groupTotals[NEEDS_REVIEW] += l.amount;
      continue;
    }
    const t = byCategory.get(l.category) as CategoryTotal;
    t.amount += l.countedAmount;
    t.lines++;
    groupTotals[l.group] += l.countedAmount;
    if (l.notCountedAmount !== 0) {
      remainder.amount += l.notCountedAmount;
      remainder.lines++;
      groupTotals.not_counted += l.notCountedAmount;
    }
  }
  const categoryTotals = [...byCategory.values(), ...(remainder.lines ? [remainder] : []), review];
  return { categoryTotals, groupTotals, total };
}
