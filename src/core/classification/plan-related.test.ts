import { describe, expect, it } from "vitest";
import type { AnnualPlan } from "../../model/plan.ts";
import { ParameterError } from "../parameter-error.ts";
import type { ClassificationAssessment } from "./against-guidelines.ts";
import type { Classification } from "./classify.ts";
import { planWithClassifiedRelated } from "./plan-related.ts";

const plan = (unit: "share" | "amount"): AnnualPlan => ({
  ally: "POL",
  submissionYear: 2025,
  unit,
  years: unit === "share" ? [{ year: 2026, corePct: 4.8 }] : [{ year: 2026, coreNcM: 186_600 }],
  notes: "",
  sources: [{ title: "Ustawa budżetowa 2026" }],
});
// 2,500 m PLN related, one line left for review; GDP 4,000 bn PLN.
const classification = {
  ruleSet: { id: "nato-hague-v1", version: "1" },
  groupTotals: { core: 180_000e6, related: 2_500e6, not_counted: 0, needs_review: 10e6 },
  lines: [{ category: "core_personnel" }, { category: "related_networks_cyber" }, { category: "needs_review" }],
} as unknown as Classification;
const assessment = {
  ally: "POL",
  year: 2026,
  gdp: { amount: 4_000e9, vintage: "weo-2026-04", label: "IMF WEO April 2026", estimate: true },
  sharesPct: { core: 4.5, related: 0.0625, notCounted: 0, needsReview: 0.00025 },
} as unknown as ClassificationAssessment;
const doc = { name: "pl-2026.xlsx", sha256: "ab".repeat(32), rules: "nato-hague-v1 v1" };

describe("planWithClassifiedRelated", () => {
  it("a plan in shares gets the related share of GDP for the year, with a source that says who classified it", () => {
    const next = planWithClassifiedRelated(plan("share"), classification, assessment, doc);
    expect(next.years).toEqual([{ year: 2026, corePct: 4.8, relatedPct: 0.0625 }]);
    expect(next.sources[0]).toEqual({ title: "Ustawa budżetowa 2026" });
    expect(next.sources[1]).toMatchObject({ status: "classified_by_user", covers: "related", years: [2026] });
    expect(next.sources[1]?.title).toBe(
      "1.5 % figure for 2026 classified by the user from pl-2026.xlsx (sha256 abababababab…) with rules nato-hague-v1 v1 as a share of GDP (IMF WEO April 2026, estimate); 1 line needing review not counted. Not a NATO figure.",
    );
  });

  it("a plan in amounts gets million national currency: 2,500e6 PLN is 2,500 m", () => {
    const next = planWithClassifiedRelated(plan("amount"), classification, assessment, doc);
    expect(next.years).toEqual([{ year: 2026, coreNcM: 186_600, relatedNcM: 2_500 }]);
  });

  it("refuses another ally's budget, a year the plan lacks, and a share without GDP", () => {
    expect(() => planWithClassifiedRelated(plan("share"), classification, { ...assessment, ally: "DEU" }, doc)).toThrow(ParameterError);
    expect(() => planWithClassifiedRelated(plan("share"), classification, { ...assessment, year: 2027 }, doc)).toThrow(/has no year 2027/);
    expect(() =>
      planWithClassifiedRelated(
        plan("share"),
        classification,
        { ...assessment, gdp: null, sharesPct: { ...assessment.sharesPct, related: null } },
        doc,
      ),
    ).toThrow(/no GDP/);
  });
});
