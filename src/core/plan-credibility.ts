import type { PlanClaim } from "../model/plan-claim.ts";
import type { PlanAssessment } from "./plan-assessment.ts";

/**
 * Credibility of a plan as a fiscal council would judge it: restate every amount on a common basis,
 * then list what supports the plan and what does not. The grade is only a summary of the listed
 * concerns; it is never shown without them.
 */

/** An amount restated as a share of the IMF's GDP and of NATO's GDP for the same year. */
export interface AmountRestatement {
  ally: string;
  year: number;
  indicator: string;
  amountNcBn: number;
  definition: PlanClaim["definition"];
  /** IMF WEO nominal GDP, billion national currency (null: no IMF figure for the year). */
  imfGdpNcBn: number | null;
  pctOfImfGdp: number | null;
  /** NATO's GDP (its base year, grown with the IMF path; see the pathway context), billion national currency. */
  natoGdpNcBn: number | null;
  pctOfNatoGdp: number | null;
  /** The share the ally claimed for the same year in the same statement group, if any. */
  claimedPct: number | null;
  /**
   * Whether the restated amount may be set against the claimed share: never for a national budget
   * measure (Germany's Einzelplan 14 plus the special fund), which is a different measure from a
   * NATO-definition share; yes when the source states no definition for the amount (the ally's own
   * arithmetic, as Canada's PBO checked it), with that caveat.
   */
  comparable: boolean;
  note: string;
}

export type GdpNcBn = (ally: string, year: number) => number | null;

const AMOUNT_KINDS: readonly PlanClaim["kind"][] = ["amount_nc_bn"];

export function restateAmounts(claims: readonly PlanClaim[], imfGdp: GdpNcBn, natoGdp: GdpNcBn): AmountRestatement[] {
  return claims
    .filter((c) => AMOUNT_KINDS.includes(c.kind))
    .map((c) => {
      const imf = imfGdp(c.ally, c.year);
      const nato = natoGdp(c.ally, c.year);
      const claimed = claims.find((x) => x.kind === "core_share_point" && x.year === c.year && x.ally === c.ally)?.value ?? null;
      const basis =
        c.yearBasis === "fiscal_april_march"
          ? " The amount is for a fiscal year (April-March) and GDP for the calendar year: the restatement is approximate."
          : "";
      const def =
        c.definition === "nato"
          ? "The source calls it a NATO-definition figure."
          : "A national budget figure (or one whose definition the source does not state), not a NATO-definition figure: restated for scale, never compared with NATO's series as if it were one.";
      return {
        ally: c.ally,
        year: c.year,
        indicator: c.indicator,
        amountNcBn: c.value,
        definition: c.definition,
        imfGdpNcBn: imf,
        pctOfImfGdp: imf && imf > 0 ? (c.value / imf) * 100 : null,
        natoGdpNcBn: nato,
        pctOfNatoGdp: nato && nato > 0 ? (c.value / nato) * 100 : null,
        claimedPct: claimed,
        comparable: claimed !== null && c.definition !== "national",
        note: `${def}${basis}`,
      };
    });
}

export interface CredibilityReason {
  code:
    | "reaches_target"
    | "misses_target"
    | "target_unknown"
    | "incremental"
    | "falls"
    | "back_loaded"
    | "not_back_loaded"
    | "back_loading_unknown"
    | "conditional"
    | "not_nato_definition"
    | "pre_hague"
    | "secondary_source"
    | "restated_below_claim"
    | "outturn_below_plan"
    | "slipped_since_previous";
  concern: boolean;
  text: string;
}

export interface PlanCredibility {
  /** A: no concern; B: one; C: two or three; D: four or more. Never shown without `reasons`. */
  grade: "A" | "B" | "C" | "D";
  concerns: number;
  reasons: CredibilityReason[];
}

const pp = (v: number) => `${v >= 0 ? "+" : ""}${v.toFixed(2)} pp`;
const pct = (v: number) => `${v.toFixed(2)} %`;
/** Differences smaller than this are within the claims' own rounding (statements give one or two decimals). */
const TOLERANCE_PP = 0.1;

export function planCredibility(
  assessment: PlanAssessment,
  claims: readonly PlanClaim[],
  restatements: readonly AmountRestatement[],
): PlanCredibility {
  const r: CredibilityReason[] = [];
  const t = assessment.targets;
  if (assessment.reachesCore35By2035 === true)
    r.push({ code: "reaches_target", concern: false, text: `The plan reaches the core target of ${t.corePct} % by ${t.year}.` });
  else if (assessment.reachesCore35By2035 === false)
    r.push({ code: "misses_target", concern: true, text: `No planned year up to ${t.year} reaches the core target of ${t.corePct} %.` });
  else
    r.push({
      code: "target_unknown",
      concern: true,
      text: `The plan does not show the core target of ${t.corePct} % being reached by ${t.year} (years missing or not convertible).`,
    });
  if (assessment.incremental)
    r.push({ code: "incremental", concern: false, text: "The core share never falls from one planned year to the next." });
  else
    r.push({
      code: "falls",
      concern: true,
      text: `The core share falls in ${assessment.fallingYears.join(", ")}: not an incremental path.`,
    });
  if (assessment.backLoaded === true)
    r.push({
      code: "back_loaded",
      concern: true,
      text: `Back-loaded: ${((assessment.fractionOfIncreaseAfter2029 ?? 0) * 100).toFixed(0)} % of the increase comes after the ${t.reviewYear} review.`,
    });
  else if (assessment.backLoaded === false)
    r.push({ code: "not_back_loaded", concern: false, text: `Most of the increase comes by the ${t.reviewYear} review.` });
  else
    r.push({
      code: "back_loading_unknown",
      concern: false,
      text: `Back-loading cannot be judged: the plan gives no core share for ${t.reviewYear} or ${t.year}, or no increase.`,
    });
  const conditional = claims.filter((c) => /conditional|excessive deficit|provisional/i.test(`${c.document} ${c.quote}`));
  if (conditional.length)
    r.push({
      code: "conditional",
      concern: true,
      text: `Conditional or provisional: ${[...new Set(conditional.map((c) => c.document))].join("; ")}.`,
    });
  const national = claims.filter((c) => c.definition !== "nato" && c.kind !== "core_share_alt");
  if (national.length)
    r.push({
      code: "not_nato_definition",
      concern: true,
      text: `${national.length} of ${claims.length} figures are national measures or state no definition: they are not NATO-definition figures.`,
    });
  if (claims.some((c) => /pre-Hague/i.test(c.document)))
    r.push({ code: "pre_hague", concern: true, text: "Some statements predate the Hague commitment (June 2025)." });
  if (claims.some((c) => /secondary/i.test(c.document)))
    r.push({ code: "secondary_source", concern: true, text: "Some figures come only from secondary press reports." });
  for (const s of restatements)
    if (s.comparable && s.claimedPct !== null && s.pctOfImfGdp !== null && s.claimedPct - s.pctOfImfGdp > TOLERANCE_PP)
      r.push({
        code: "restated_below_claim",
        concern: true,
        text: `${s.year}: ${s.amountNcBn} bn is ${pct(s.pctOfImfGdp)} of the IMF's GDP${s.pctOfNatoGdp === null ? "" : ` and ${pct(s.pctOfNatoGdp)} of NATO's GDP`}, against ${pct(s.claimedPct)} claimed.`,
      });
  for (const a of assessment.vsActuals)
    if (a.differencePp > TOLERANCE_PP)
      r.push({
        code: "outturn_below_plan",
        concern: true,
        text: `${a.year}: NATO's figure ${pct(a.actualPct)} is below the planned ${pct(a.planPct)} (${pp(-a.differencePp)}).`,
      });
  for (const v of assessment.vsPrevious)
    if (v.corePp < -TOLERANCE_PP)
      r.push({ code: "slipped_since_previous", concern: true, text: `${v.year}: ${pp(v.corePp)} against the ally's earlier plan.` });
  const concerns = r.filter((x) => x.concern).length;
  return { grade: concerns === 0 ? "A" : concerns === 1 ? "B" : concerns <= 3 ? "C" : "D", concerns, reasons: r };
}
