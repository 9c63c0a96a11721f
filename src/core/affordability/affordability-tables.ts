import {
  millionsColumn,
  type PublishedColumn,
  type PublishedRow,
  type PublishedTableSpec,
  percentColumn,
  publishRows,
} from "../published-table/spec.ts";
import type { AffordabilitySet, AllyAffordability } from "./affordability.ts";

const pct = percentColumn;
const money = millionsColumn;
const GDP = "% of GDP";
const NC = "million national currency, current prices";
const EUR_BN = "billion euros";
const FINANCING = {
  key: "financing",
  header: "Financing",
  type: "text",
  values: ["borrow", "offset", "revenue"],
  description: "how the extra spending is paid for (chosen by the user)",
} satisfies PublishedColumn;

/** One row per ally and year. */
export const AFFORDABILITY_YEARS_SPEC: PublishedTableSpec = {
  name: "affordability",
  description: "Each ally's path against its government accounts, one row per year, at published precision",
  columns: [
    { key: "ally", header: "ISO3", type: "text", description: "ISO 3166 alpha-3 code" },
    { key: "year", header: "Year", type: "year", description: "calendar year" },
    { ...FINANCING, machineOnly: true },
    {
      key: "fiscal_source",
      header: "Fiscal from",
      type: "text",
      machineOnly: true,
      values: ["weo", "assumption"],
      description: "the IMF WEO's figures, or Pledge's stated assumption beyond its horizon",
    },
    money("core_extra_nc_m", "Core extra (m NC)", NC, "core spending above a freeze at the base-year share"),
    money("related_extra_nc_m", "Related extra (m NC)", NC, "related spending above its stated base (0 unless given)", true),
    pct("core_extra_pct_gdp", "Core extra %GDP", GDP, "core extra as a share of the path's GDP"),
    pct("related_extra_pct_gdp", "Related extra %GDP", GDP, "related extra as a share of the path's GDP"),
    pct(
      "extra_pct_expenditure",
      "% of govt spending",
      "% of general government expenditure",
      "core plus related extra over the IMF's baseline expenditure",
    ),
    pct(
      "extra_pct_revenue",
      "% of revenue",
      "% of general government revenue",
      "core plus related extra over the IMF's baseline revenue",
      true,
    ),
    pct(
      "interest_rate_pct",
      "Eff. rate %",
      "percent a year",
      "effective net interest rate: WEO (primary − overall balance) ÷ last year's gross debt; beyond the WEO, the stated assumption",
      true,
    ),
    pct(
      "baseline_debt_pct",
      "Debt, IMF baseline",
      GDP,
      "general government gross debt, IMF WEO baseline (carried beyond the WEO with the primary balance held)",
    ),
    pct("debt_pct", "Debt with path", GDP, "gross debt with the path as financed"),
    pct(
      "extra_deficit_pct",
      "Extra deficit",
      GDP,
      "the deficit the path adds: borrowed extra plus interest on the added debt (0 when offset or raised in revenue)",
      true,
    ),
    pct("added_interest_pct_gdp", "Added interest %GDP", GDP, "interest on the debt the path adds", true),
    money("added_interest_nc_m", "Added interest (m NC)", NC, "interest on the debt the path adds"),
    pct("clause_room_pct", "Clause room", GDP, "the escape clause's ceiling that year (absent where not active for the ally)", true),
    pct("clause_covered_pct", "Clause covers", GDP, "core extra within the ceiling"),
    pct(
      "outside_clause_pct",
      "Outside clause",
      GDP,
      "core extra beyond the ceiling, or in years the clause does not cover (allies it was activated for)",
    ),
    {
      key: "extra_eur_bn",
      header: "Extra €bn",
      type: "number",
      unit: EUR_BN,
      decimals: 4,
      displayDecimals: 2,
      machineOnly: true,
      description: "core plus related extra in euros (non-euro allies: path's dollar rate × IMF implied euro rate)",
    },
  ],
};

/** One row per ally: the debt at the review and target years, what the EU's instruments cover. */
export const AFFORDABILITY_SUMMARY_SPEC: PublishedTableSpec = {
  name: "summary",
  description:
    "One row per ally: extra spending, debt with and without the path at the review and target years, the escape clause and SAFE",
  columns: [
    { key: "ally", header: "ISO3", type: "text", description: "ISO 3166 alpha-3 code" },
    { key: "name", header: "Ally", type: "text", description: "ally name" },
    FINANCING,
    { key: "base_year", header: "Base", type: "year", description: "the path's base year (the freeze is at its share)" },
    pct("extra_pct_gdp_at_target", "Extra %GDP (target yr)", GDP, "core plus related extra in the target year"),
    pct(
      "extra_pct_expenditure_at_target",
      "% govt spending (target yr)",
      "% of general government expenditure",
      "core plus related extra over baseline expenditure in the target year",
    ),
    pct(
      "extra_pct_revenue_at_target",
      "% revenue (target yr)",
      "% of general government revenue",
      "core plus related extra over baseline revenue in the target year",
      true,
    ),
    pct("baseline_debt_pct_at_review", "Debt base (review)", GDP, "IMF baseline gross debt in the review year"),
    pct("debt_pct_at_review", "Debt path (review)", GDP, "gross debt with the path in the review year"),
    pct("baseline_debt_pct_at_target", "Debt base (target)", GDP, "IMF baseline gross debt in the target year (carried beyond the WEO)"),
    pct("debt_pct_at_target", "Debt path (target)", GDP, "gross debt with the path in the target year"),
    pct("added_interest_pct_gdp_at_target", "Added interest %GDP", GDP, "interest on the added debt in the target year", true),
    money("added_interest_nc_m_at_target", "Added interest (m NC)", NC, "interest on the added debt in the target year"),
    pct(
      "clause_covered_pp_total",
      "Clause covers (pp·yrs)",
      "points of GDP summed over the clause's years",
      "core extra within the escape clause's ceiling, summed over the years it is active",
    ),
    pct(
      "core_extra_pct_after_clause",
      "Core extra after clause",
      GDP,
      "core extra in the first year after the clause ends, all outside it",
    ),
    {
      key: "safe_tentative_eur_bn",
      header: "SAFE €bn (tentative)",
      type: "number",
      unit: EUR_BN,
      displayDecimals: 2,
      description: "the Commission's tentative SAFE loan allocation of 9 Sep 2025, as published",
    },
    {
      key: "safe_approved_plan_eur_bn",
      header: "SAFE €bn (approved plan)",
      type: "number",
      unit: EUR_BN,
      displayDecimals: 2,
      machineOnly: true,
      description: "a later amount after approval of the national plan, where one was found (Latvia)",
    },
    {
      key: "extra_eur_bn_to_review",
      header: "Extra €bn to review",
      type: "number",
      unit: EUR_BN,
      decimals: 4,
      displayDecimals: 2,
      description: "core plus related extra summed from the year after the base year to the review year",
    },
    pct("safe_pct_of_extra_to_review", "SAFE % of extra", "percent", "tentative SAFE allocation over the extra to the review year"),
    {
      key: "missing",
      header: "Absent because",
      type: "text",
      machineOnly: true,
      description: "why fiscal figures are absent for this ally, if they are",
    },
  ],
};

const at = (a: AllyAffordability, arr: ArrayLike<number>, year: number): number | null => {
  const k = year - a.baseYear;
  return k >= 0 && k < a.years.length ? (arr[k] as number) : null;
};

export function affordabilityYearRows(set: AffordabilitySet): PublishedRow[] {
  const rows: object[] = [];
  for (const a of set.allies)
    for (let k = 0; k < a.years.length; k++)
      rows.push({
        ally: a.ally,
        year: a.years[k],
        financing: a.financing,
        fiscal_source: a.fiscalSource[k] ?? null,
        core_extra_nc_m: a.coreExtraNcM[k],
        related_extra_nc_m: a.relatedExtraNcM[k],
        core_extra_pct_gdp: a.coreExtraPctGdp[k],
        related_extra_pct_gdp: a.relatedExtraPctGdp[k],
        extra_pct_expenditure: a.extraPctExpenditure[k],
        extra_pct_revenue: a.extraPctRevenue[k],
        interest_rate_pct: a.interestRatePct[k],
        baseline_debt_pct: a.baselineDebtPct[k],
        debt_pct: a.debtPct[k],
        extra_deficit_pct: a.extraDeficitPct[k],
        added_interest_pct_gdp: a.addedInterestPct[k],
        added_interest_nc_m: a.addedInterestNcM[k],
        clause_room_pct: a.clauseRoomPct[k],
        clause_covered_pct: a.clauseCoveredPct[k],
        outside_clause_pct: a.outsideClausePct[k],
        extra_eur_bn: a.extraEurBn[k],
      });
  return publishRows(AFFORDABILITY_YEARS_SPEC, rows);
}

export function affordabilitySummaryRows(set: AffordabilitySet): PublishedRow[] {
  return publishRows(
    AFFORDABILITY_SUMMARY_SPEC,
    set.allies.map((a) => {
      const covered = a.clauseCoveredPct.filter((v): v is number => v !== null);
      let lastClause = -1;
      a.clauseRoomPct.forEach((v, k) => {
        if (v !== null) lastClause = k;
      });
      let toReview = 0;
      for (let k = 1; k < a.years.length && (a.years[k] as number) <= set.reviewYear; k++) toReview += a.extraEurBn[k] as number;
      const extraAtTarget =
        (at(a, a.coreExtraPctGdp, set.targetYear) ?? Number.NaN) + (at(a, a.relatedExtraPctGdp, set.targetYear) ?? Number.NaN);
      return {
        ally: a.ally,
        name: a.name,
        financing: a.financing,
        base_year: a.baseYear,
        extra_pct_gdp_at_target: extraAtTarget,
        extra_pct_expenditure_at_target: at(a, a.extraPctExpenditure, set.targetYear),
        extra_pct_revenue_at_target: at(a, a.extraPctRevenue, set.targetYear),
        baseline_debt_pct_at_review: at(a, a.baselineDebtPct, set.reviewYear),
        debt_pct_at_review: at(a, a.debtPct, set.reviewYear),
        baseline_debt_pct_at_target: at(a, a.baselineDebtPct, set.targetYear),
        debt_pct_at_target: at(a, a.debtPct, set.targetYear),
        added_interest_pct_gdp_at_target: at(a, a.addedInterestPct, set.targetYear),
        added_interest_nc_m_at_target: at(a, a.addedInterestNcM, set.targetYear),
        clause_covered_pp_total: covered.length ? covered.reduce((s, v) => s + v, 0) : null,
        core_extra_pct_after_clause:
          lastClause >= 0 && lastClause + 1 < a.years.length ? Math.max(a.coreExtraPctGdp[lastClause + 1] as number, 0) : null,
        safe_tentative_eur_bn: a.safe?.tentativeEurBn ?? null,
        safe_approved_plan_eur_bn: a.safe?.approvedPlanEurBn ?? null,
        extra_eur_bn_to_review: toReview,
        safe_pct_of_extra_to_review: a.safe && toReview > 0 ? (a.safe.tentativeEurBn / toReview) * 100 : null,
        missing: a.missing,
      };
    }),
  );
}
