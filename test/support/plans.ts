import type { AnnualPlanInput } from "../../src/model/plan.ts";

/** A small valid plan in shares; `core2030` varies it between versions. */
export function polandPlan(submissionYear = 2025, core2030 = 4.0): AnnualPlanInput {
  return {
    ally: "POL",
    submissionYear,
    unit: "share",
    years: [
      { year: 2026, corePct: 4.5, relatedPct: 0.5 },
      { year: 2030, corePct: core2030, relatedPct: 1.0 },
    ],
    notes: "Ministry of National Defence budget law",
    sources: [{ title: "Budget 2026", url: "https://www.gov.pl/web/obrona-narodowa" }],
  };
}
