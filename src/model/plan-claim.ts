/**
 * One national statement of a defence-spending path (`data/plans/claimed.csv`), kept as the source
 * gives it. Plain types, no zod: the CLI reads them without loading a schema library.
 */

/** Who the registry records for versions loaded from the published statements: never a person. */
export const SEED_ACTOR = "system:seed";

/** Who stands behind a figure: the ally's own claim, NATO's assessment, or nothing reported. */
export const CLAIM_STATUSES = ["claimed_by_ally", "assessed_by_nato", "not_reported"] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export const CLAIM_STATUS_LABEL: Record<ClaimStatus, string> = {
  claimed_by_ally: "claimed by the ally",
  assessed_by_nato: "assessed by NATO",
  not_reported: "not reported",
};

/** What a figure measures. `point` is a claim; `min`/`max` are bounds ("at least", "5 to 6"); `alt` a conflicting report. */
export type PlanClaimKind =
  | "core_share_point"
  | "core_share_min"
  | "core_share_max"
  | "core_share_alt"
  | "total_share_point"
  | "amount_nc_bn"
  | "increase_nc_bn"
  | "increase_vs_base_pp"
  | "national_measure_share"
  | "budget_regular_nc_bn"
  | "budget_special_fund_nc_bn";

export const CLAIM_KIND_OF_INDICATOR: Record<string, PlanClaimKind> = {
  planned_defexp_share_gdp_pct: "core_share_point",
  planned_defexp_share_gdp_pct_min: "core_share_min",
  planned_defexp_share_gdp_pct_max: "core_share_max",
  planned_defexp_share_gdp_pct_alt: "core_share_alt",
  planned_total_defence_and_related_share_gdp_pct: "total_share_point",
  planned_defexp_nc_bn: "amount_nc_bn",
  planned_defexp_increase_nc_bn: "increase_nc_bn",
  planned_defexp_increase_vs_2025_pp_gdp: "increase_vs_base_pp",
  planned_mod_budget_share_gdp_pct: "national_measure_share",
  budget_defence_regular_nc_bn: "budget_regular_nc_bn",
  budget_defence_special_fund_nc_bn: "budget_special_fund_nc_bn",
};

/** The definition the source states for the figure. */
export type ClaimDefinition = "nato" | "national" | "not_stated";
export type YearBasis = "calendar" | "fiscal_april_march" | "not_stated";

export interface PlanClaim {
  ally: string;
  /** The year the figure is for (the first calendar year of a UK or Canadian fiscal year). */
  year: number;
  indicator: string;
  kind: PlanClaimKind;
  value: number;
  unit: string;
  definition: ClaimDefinition;
  yearBasis: YearBasis;
  status: ClaimStatus;
  /** As the source gives it, e.g. "statement 2025-06-23" or "statement not shown". */
  statement: string;
  /** The year of the statement, when the source shows one. */
  statementYear: number | null;
  document: string;
  quote: string;
  /** Every http(s) address in the row's source cell. */
  urls: string[];
  source: string;
  /** CSV row (header = 1), for messages. */
  row: number;
}

/** A plan source's status: the claim statuses, plus a figure a user classified from a national budget. */
export const PLAN_SOURCE_STATUS_LABEL: Record<ClaimStatus | "classified_by_user", string> = {
  ...CLAIM_STATUS_LABEL,
  classified_by_user: "classified by the user",
};

/** `[classified by the user; related, 2026] title`: who stands behind which of the plan's figures. */
export function planSourceLabel(source: {
  title: string;
  status?: ClaimStatus | "classified_by_user";
  covers?: "core" | "related" | "both";
  years?: readonly number[];
}): string {
  const about = [
    source.status ? PLAN_SOURCE_STATUS_LABEL[source.status] : null,
    [source.covers === "both" ? "core and related" : source.covers, source.years?.join(", ")].filter(Boolean).join(", ") || null,
  ].filter(Boolean);
  return about.length ? `[${about.join("; ")}] ${source.title}` : source.title;
}
