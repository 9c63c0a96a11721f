import type { Dataset } from "../../model/dataset.ts";
import { targetFor } from "../guideline-targets.ts";
import type { Classification } from "./classify.ts";

/** The GDP series a classified budget is set against: the IMF's, in national currency (NATO publishes GDP only in US dollars). */
export const GDP_INDICATOR = "gdp_nc_current_bn";
const GDP_SCALE = 1e9;
/** NATO's national-currency series: in the July 2026 release this is core defence expenditure. */
export const NATO_CORE_INDICATOR = "defexp_nc_current";
const NATO_SCALE = 1e6;

export interface GuidelineComparison {
  id: string;
  name: string;
  /** "at least" for core, "up to" for the related part. */
  kind: "at_least" | "up_to";
  thresholdPct: number;
  /** Where the threshold comes from (guidelines.csv ids and any ally arrangement). */
  basis: string;
  sharePct: number | null;
  targetYear: number;
}

export interface NatoCoreComparison {
  vintage: string;
  label: string;
  /** NATO's figure, in units of the national currency. */
  amount: number;
  estimate: boolean;
  /** Classified core total minus NATO's figure. */
  difference: number;
  explanation: string[];
}

export interface ClassificationAssessment {
  ally: string;
  allyName: string;
  year: number;
  currency: string;
  gdp: { amount: number; vintage: string; label: string; estimate: boolean } | null;
  sharesPct: { core: number | null; related: number | null; notCounted: number | null; needsReview: number | null };
  guidelines: GuidelineComparison[];
  nato: NatoCoreComparison | null;
  notes: string[];
}

/**
 * Sets a classified budget against the ally's GDP for the year (the dataset's IMF series, with its
 * vintage), the Hague thresholds from guidelines.csv, and NATO's published figure for the year where
 * there is one. Shares are null where GDP is absent, never 0.
 */
export function assessClassification(ds: Dataset, ally: string, year: number, c: Classification): ClassificationAssessment {
  const a = ds.ally(ally);
  if (!a) throw new Error(`unknown ally ${ally}`);
  const imf = ds.vintages.filter((v) => v.series === "imf").sort((x, y) => y.published.localeCompare(x.published))[0];
  const gdpObs = imf ? ds.get(imf.id, ally, GDP_INDICATOR, year) : undefined;
  const gdp =
    gdpObs && imf
      ? { amount: gdpObs.value * GDP_SCALE, vintage: imf.id, label: imf.label, estimate: gdpObs.estimate === "estimate" }
      : null;
  const share = (x: number) => (gdp && gdp.amount > 0 ? (100 * x) / gdp.amount : null);
  const g = c.groupTotals;
  const core = targetFor(ds, "hague_core", ally);
  const total = targetFor(ds, "hague_total", ally);
  const guidelines: GuidelineComparison[] = [
    {
      id: core.guideline.id,
      name: core.guideline.name,
      kind: "at_least",
      thresholdPct: core.thresholdPct,
      basis: core.overrideNote ? `guidelines.csv ${core.guideline.id}; ${core.overrideNote}` : `guidelines.csv ${core.guideline.id}`,
      sharePct: share(g.core),
      targetYear: core.guideline.targetYear,
    },
    {
      id: "hague_related",
      name: "Defence- and security-related spending (the Hague's up to 1.5 %)",
      kind: "up_to",
      // The declaration's 5 % less its 3.5 % core: the related part is not a separate row of guidelines.csv.
      thresholdPct: roundPct(total.guideline.thresholdPct - core.guideline.thresholdPct),
      basis: `guidelines.csv ${total.guideline.id} (${total.guideline.thresholdPct} %) less ${core.guideline.id} (${core.guideline.thresholdPct} %)`,
      sharePct: share(g.related),
      targetYear: total.guideline.targetYear,
    },
  ];
  const notes: string[] = [];
  if (!gdp) notes.push(`The dataset has no IMF GDP in national currency for ${a.name} in ${year}: shares of GDP are not shown.`);
  if (g.needs_review !== 0)
    notes.push("Lines that need review are in no total: decide them (an override) before reading the shares as complete.");
  return {
    ally,
    allyName: a.name,
    year,
    currency: a.currencyCode,
    gdp,
    sharesPct: { core: share(g.core), related: share(g.related), notCounted: share(g.not_counted), needsReview: share(g.needs_review) },
    guidelines,
    nato: natoComparison(ds, ally, year, c, a.currencyCode),
    notes,
  };
}

const roundPct = (x: number) => Math.round(x * 1e6) / 1e6;

function natoComparison(ds: Dataset, ally: string, year: number, c: Classification, currency: string): NatoCoreComparison | null {
  const inMillions = (x: number) => `${Math.round(x / 1e5) / 10} million ${currency}`;
  const official = [...ds.natoVintages()].reverse().filter((v) => v.status === "official");
  for (const v of official) {
    const o = ds.get(v.id, ally, NATO_CORE_INDICATOR, year);
    if (!o) continue;
    const amount = o.value * NATO_SCALE;
    const difference = c.groupTotals.core - amount;
    const explanation = [
      `NATO's figure is the ally's whole return under the agreed definition; this document covers only the lines it lists (other ministries' defence spending, pensions paid elsewhere and other forces are in NATO's figure only if they are lines here).`,
    ];
    if (c.groupTotals.not_counted !== 0) explanation.push(`Lines the rules do not count: ${inMillions(c.groupTotals.not_counted)}.`);
    if (c.groupTotals.needs_review !== 0)
      explanation.push(`Lines that need review, in no total: ${inMillions(c.groupTotals.needs_review)}.`);
    if (c.groupTotals.related !== 0) explanation.push(`Lines counted towards the 1.5 %, not core: ${inMillions(c.groupTotals.related)}.`);
    explanation.push(
      "Budgets are plans or estimates; NATO's figures are the ally's reported (or estimated) expenditure, and may be for a fiscal year.",
    );
    return { vintage: v.id, label: v.label, amount, estimate: o.estimate === "estimate", difference, explanation };
  }
  return null;
}
