import { NEEDS_REVIEW } from "../../model/classification.ts";
import type { AnnualPlan, PlanSource } from "../../model/plan.ts";
import { ParameterError } from "../parameter-error.ts";
import type { ClassificationAssessment } from "./against-guidelines.ts";
import type { Classification } from "./classify.ts";

/** The budget a classification came from, as the plan's source will name it. */
export interface ClassifiedDocument {
  /** The file's name as the user gave it. */
  name: string;
  /** Hex SHA-256 of the file, so the source names exactly which document. */
  sha256: string;
  /** Rule set id and version that classified it. */
  rules: string;
}

/**
 * A plan's content with one year's 1.5 % figure taken from a classified national budget: the related
 * total of the lines (as a share of the dataset's GDP for a plan in shares, in million national currency
 * for a plan in amounts), with a source whose status is "classified by the user" and that names the
 * document and the rules. The ally's core figure is the ally's own and is left as it is; a year the plan
 * does not cover is refused, because a related figure alone would need a core figure Pledge cannot
 * supply. Lines that need review are not counted, and the source says how many there were.
 */
export function planWithClassifiedRelated(
  plan: AnnualPlan,
  classification: Classification,
  assessment: ClassificationAssessment,
  file: ClassifiedDocument,
): AnnualPlan {
  const year = assessment.year;
  if (assessment.ally !== plan.ally) throw new ParameterError("ally", `the budget is ${assessment.ally}'s, the plan ${plan.ally}'s`);
  const at = plan.years.findIndex((y) => y.year === year);
  if (at < 0)
    throw new ParameterError(
      "year",
      `plan ${plan.ally}-${plan.submissionYear} has no year ${year} (it covers ${plan.years.map((y) => y.year).join(", ")}): a 1.5 % figure needs a year whose core figure the ally gave`,
    );
  const related = classification.groupTotals.related;
  const figure =
    plan.unit === "share"
      ? assessment.sharesPct.related
      : // Plans in amounts are in million national currency; classified totals are in currency units.
        related / 1e6;
  if (figure === null)
    throw new ParameterError("year", `no GDP for ${plan.ally} in ${year} in the dataset: the related share of GDP cannot be computed`);
  const review = classification.lines.filter((l) => l.category === NEEDS_REVIEW).length;
  const basis =
    plan.unit === "share" && assessment.gdp
      ? ` as a share of GDP (${assessment.gdp.label}${assessment.gdp.estimate ? ", estimate" : ""})`
      : " in million national currency";
  const source: PlanSource = {
    title:
      `1.5 % figure for ${year} classified by the user from ${file.name} (sha256 ${file.sha256.slice(0, 12)}…) with rules ${file.rules}${basis}; ${review} line${review === 1 ? "" : "s"} needing review not counted. Not a NATO figure.`.slice(
        0,
        500,
      ),
    status: "classified_by_user",
    covers: "related",
    years: [year],
  };
  const years = plan.years.map((y, i) =>
    i !== at ? y : plan.unit === "share" ? { ...y, relatedPct: figure } : { ...y, relatedNcM: figure },
  );
  // A new classification of the same year replaces the previous one's source rather than piling up.
  const sources = [
    ...plan.sources.filter(
      (s) => !(s.status === "classified_by_user" && s.covers === "related" && s.years?.length === 1 && s.years[0] === year),
    ),
    source,
  ];
  return { ...plan, years, sources };
}
