import type { Ally } from "../model/ally.ts";
import type { Dataset } from "../model/dataset.ts";
import type { GuidelineId } from "../model/guideline.ts";
import { GUIDELINE_IDS } from "../model/guideline-ids.ts";
import type { IndicatorId } from "../model/indicator.ts";
import type { EstimateFlag } from "../model/observation.ts";
import { combinedEstimate, type Figure, figureOf, publishedPct } from "./figure.ts";
import { targetFor } from "./guideline-targets.ts";
import { isMemberIn, membersIn } from "./membership.ts";

/**
 * met / below: the published figure against the threshold. not_applicable: no armed forces (Iceland).
 * no_data: the vintage has no figure. not_in_force: the year is before the guideline's `from_year`
 * (the Hague 3.5% from 2025). not_member: the ally had not joined NATO that year.
 */
export type GuidelineStatus = "met" | "below" | "not_applicable" | "no_data" | "not_in_force" | "not_member";

export interface GuidelineCheck {
  guidelineId: GuidelineId;
  name: string;
  thresholdPct: number;
  targetYear: number;
  /** The ally's own arrangement replaces the common threshold (source id), or null. */
  overrideSourceId: string | null;
  status: GuidelineStatus;
  valuePct: number | null;
  estimate: EstimateFlag | null;
  /** Threshold minus the published value, in percentage points: positive is a shortfall, negative headroom. */
  gapPp: number | null;
  /** The same distance in money, current prices: USD millions and national-currency millions. */
  gapUsdCurrentM: number | null;
  gapNcCurrentM: number | null;
  /** Why a check is not applicable or has no data. */
  reason: string | null;
}

export interface AllyYearStatus {
  ally: string;
  name: string;
  year: number;
  vintageId: string;
  /** False for an ally without armed forces (Iceland): no spending guideline applies. */
  applicable: boolean;
  /** False before the ally's accession year. */
  member: boolean;
  shareOfGdpPct: Figure | null;
  equipmentSharePct: Figure | null;
  spendingUsdCurrentM: Figure | null;
  spendingUsdConstM: Figure | null;
  spendingNcCurrentM: Figure | null;
  perCapitaUsdConst: Figure | null;
  gdpUsdCurrentM: Figure | null;
  checks: GuidelineCheck[];
}

/** Checks one ally in one year of one vintage against every guideline. */
export function allyYearStatus(ds: Dataset, ally: Ally, year: number, vintageId: string): AllyYearStatus {
  const get = (indicator: IndicatorId) => figureOf(ds.get(vintageId, ally.iso3, indicator, year));
  const share = get("defexp_share_gdp_pct");
  const equipment = get("equipment_share_pct");
  const usd = get("defexp_usd_current");
  const nc = get("defexp_nc_current");
  const gdpUsd = get("gdp_usd_current");
  // NATO converts national currency at its own rate; the ratio of the two current-price cells is that rate.
  const ncPerUsd = usd && nc && usd.value !== 0 ? nc.value / usd.value : null;

  const checks = GUIDELINE_IDS.map((id): GuidelineCheck => {
    const target = targetFor(ds, id, ally.iso3);
    const base = {
      guidelineId: id,
      name: target.guideline.name,
      thresholdPct: target.thresholdPct,
      targetYear: target.guideline.targetYear,
      overrideSourceId: target.overrideSourceId,
    };
    const none = { valuePct: null, estimate: null, gapPp: null, gapUsdCurrentM: null, gapNcCurrentM: null };
    if (!isMemberIn(ally, year))
      return { ...base, ...none, status: "not_member", reason: `${ally.name} joined NATO in ${ally.accessionYear}` };
    if (year < target.guideline.fromYear)
      return {
        ...base,
        ...none,
        status: "not_in_force",
        reason: `${target.guideline.name} applies from ${target.guideline.fromYear}`,
      };
    if (!ally.hasArmedForces) return { ...base, ...none, status: "not_applicable", reason: ally.note };
    if (id === "hague_total")
      return {
        ...base,
        ...none,
        status: "no_data",
        reason: "NATO publishes no figures for defence- and security-related spending (the 1.5%)",
      };
    const value = id === "equipment20" ? equipment : share;
    if (!value)
      return {
        ...base,
        ...none,
        status: "no_data",
        reason: `no ${id === "equipment20" ? "equipment share" : "share of GDP"} in this vintage for ${year}`,
      };
    const published = publishedPct(value.value);
    const gapPp = target.thresholdPct - published;
    // Equipment is a share of defence spending, the others a share of GDP: the money base differs.
    const moneyBase = id === "equipment20" ? usd : gdpUsd;
    const gapUsd = moneyBase ? (gapPp / 100) * moneyBase.value : null;
    return {
      ...base,
      status: published >= target.thresholdPct ? "met" : "below",
      valuePct: value.value,
      estimate: moneyBase ? combinedEstimate(value.estimate, moneyBase.estimate) : value.estimate,
      gapPp,
      gapUsdCurrentM: gapUsd,
      gapNcCurrentM: gapUsd !== null && ncPerUsd !== null ? gapUsd * ncPerUsd : null,
      reason: null,
    };
  });

  return {
    ally: ally.iso3,
    name: ally.name,
    year,
    vintageId,
    applicable: ally.hasArmedForces,
    member: isMemberIn(ally, year),
    shareOfGdpPct: share,
    equipmentSharePct: equipment,
    spendingUsdCurrentM: usd,
    spendingUsdConstM: get("defexp_usd_const"),
    spendingNcCurrentM: nc,
    perCapitaUsdConst: get("defexp_per_capita_const_usd"),
    gdpUsdCurrentM: gdpUsd,
    checks,
  };
}

/**
 * The allies that were members in the year, ranked by share of GDP (highest first); allies without a
 * figure follow, then the not-applicable. Today's allies that had not joined are not listed.
 */
export function allianceStatus(ds: Dataset, year: number, vintageId: string): AllyYearStatus[] {
  const rows = membersIn(ds, year).map((a) => allyYearStatus(ds, a, year, vintageId));
  const order = (r: AllyYearStatus) => (!r.applicable ? 2 : r.shareOfGdpPct ? 0 : 1);
  return rows.sort(
    (a, b) => order(a) - order(b) || (b.shareOfGdpPct?.value ?? 0) - (a.shareOfGdpPct?.value ?? 0) || a.name.localeCompare(b.name),
  );
}

export function check(status: AllyYearStatus, id: GuidelineId): GuidelineCheck {
  const c = status.checks.find((x) => x.guidelineId === id);
  if (!c) throw new Error(`no check ${id}`);
  return c;
}
