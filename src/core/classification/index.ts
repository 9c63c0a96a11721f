export { assessClassification, type ClassificationAssessment } from "./against-guidelines.ts";
export { type CategoryTotal, type Classification, classifyBudget, NON_MILITARY_SHARE } from "./classify.ts";
export { CLASSIFIED_LINE_COLUMNS, classifiedLineRecord } from "./published-columns.ts";
export { ruleOrderProblems } from "./rule-order.ts";
