export {
  assessClassification,
  type ClassificationAssessment,
  type GuidelineComparison,
  type NatoCoreComparison,
} from "./against-guidelines.ts";
export { type CategoryTotal, type Classification, classifyBudget, NON_MILITARY_SHARE } from "./classify.ts";
export { type ClassifiedDocument, planWithClassifiedRelated } from "./plan-related.ts";
export {
  CATEGORY_TOTAL_COLUMNS,
  CLASSIFIED_LINE_COLUMNS,
  categoryTotalRecord,
  classifiedLineRecord,
  GUIDELINE_COLUMNS,
  guidelineRecord,
} from "./published-columns.ts";
export { ruleOrderProblems } from "./rule-order.ts";
