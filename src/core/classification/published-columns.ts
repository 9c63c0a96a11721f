import type { ClassifiedLine } from "../../model/classification.ts";
import type { GuidelineComparison } from "./against-guidelines.ts";
import type { CategoryTotal } from "./classify.ts";

/** The published columns of a classified line (CSV, XLSX, the CLI table and the API's table), declared once. */
export const CLASSIFIED_LINE_COLUMNS = [
  "id",
  "name",
  "amount",
  "category",
  "group",
  "counted_amount",
  "not_counted_amount",
  "rule",
  "explanation",
  "citation",
  "also_matched",
  "override_reason",
] as const;
export type ClassifiedLineRecord = Record<(typeof CLASSIFIED_LINE_COLUMNS)[number], string | number | null>;

export function classifiedLineRecord(l: ClassifiedLine): ClassifiedLineRecord {
  return {
    id: l.id,
    name: l.name,
    amount: l.amount,
    category: l.category,
    group: l.group,
    counted_amount: l.countedAmount,
    not_counted_amount: l.notCountedAmount,
    rule: l.ruleId,
    explanation: l.explanation,
    citation: l.citation,
    also_matched: l.alsoMatched.join(" "),
    override_reason: l.override?.reason ?? null,
  };
}

/** The published columns of the totals by category. */
export const CATEGORY_TOTAL_COLUMNS = ["category", "name", "group", "amount", "share_of_gdp_pct", "lines"] as const;

export function categoryTotalRecord(t: CategoryTotal, gdp: number | null) {
  return {
    category: t.category,
    name: t.name,
    group: t.group,
    amount: t.amount,
    share_of_gdp_pct: gdp && gdp > 0 ? (100 * t.amount) / gdp : null,
    lines: t.lines,
  };
}

/** The published columns of the comparison with the Hague guidelines. */
export const GUIDELINE_COLUMNS = ["guideline", "name", "kind", "threshold_pct", "share_of_gdp_pct", "target_year", "basis"] as const;

export function guidelineRecord(g: GuidelineComparison) {
  return {
    guideline: g.id,
    name: g.name,
    kind: g.kind,
    threshold_pct: g.thresholdPct,
    share_of_gdp_pct: g.sharePct,
    target_year: g.targetYear,
    basis: g.basis,
  };
}
