import type { Dataset } from "../model/dataset.ts";
import type { PlanSummary } from "../model/plan.ts";
import { publishedPct } from "./figure.ts";
import { planAssessmentTargets } from "./plan-assessment-inputs.ts";

/** An ally whose active plan reaches its core target by the target year, and the first year it does. */
export interface ClaimedPath {
  ally: string;
  planId: string;
  year: number;
  corePct: number;
  targetPct: number;
  /** "share": the plan's own percent; "amount": the plan's amount over the IMF's nominal GDP of that year. */
  basis: "share" | "amount";
}

/**
 * Allies with a claimed path to their core target (The Hague's 3.5 %, Spain's 2.1 %): some active plan
 * reaches it, on the published two-decimal figure, in a year up to the target year. Plans in amounts
 * are converted with the IMF's nominal GDP of the year (`imfVintageId`); a year without GDP is skipped.
 */
export function claimedPathsToCore(ds: Dataset, plans: readonly PlanSummary[], imfVintageId: string): ClaimedPath[] {
  const out: ClaimedPath[] = [];
  for (const p of plans) {
    const v = p.latest;
    if (v.status !== "active" || !ds.ally(v.ally)) continue;
    const t = planAssessmentTargets(ds, v.ally);
    const hit = [...v.years]
      .sort((a, b) => a.year - b.year)
      .flatMap((y) => {
        if (y.year > t.year) return [];
        if (v.unit === "share") return y.corePct === undefined ? [] : [{ year: y.year, corePct: y.corePct }];
        const gdpBn = ds.get(imfVintageId, v.ally, "gdp_nc_current_bn", y.year)?.value;
        return y.coreNcM === undefined || !gdpBn ? [] : [{ year: y.year, corePct: (y.coreNcM / (gdpBn * 1000)) * 100 }];
      })
      .find((y) => publishedPct(y.corePct) >= t.corePct);
    if (!hit) continue;
    const known = out.find((c) => c.ally === v.ally);
    if (known && known.year <= hit.year) continue;
    if (known) out.splice(out.indexOf(known), 1);
    out.push({ ally: v.ally, planId: p.planId, year: hit.year, corePct: hit.corePct, targetPct: t.corePct, basis: v.unit });
  }
  return out.sort((a, b) => a.ally.localeCompare(b.ally));
}
