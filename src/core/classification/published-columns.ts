import type { ClassifiedLine } from "../../model/classification.ts";

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
