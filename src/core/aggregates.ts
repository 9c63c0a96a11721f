import type { Dataset } from "../model/dataset.ts";
import type { GuidelineId } from "../model/guideline.ts";
import type { IndicatorId } from "../model/indicator.ts";
import { type AllyYearStatus, allianceStatus, COMPLIANCE_GUIDELINES } from "./compliance.ts";
import { type Figure, figureOf, median } from "./figure.ts";
import { guideline } from "./guideline-targets.ts";
import { type Membership, membershipIn } from "./membership.ts";

export interface GuidelineCount {
  guidelineId: GuidelineId;
  name: string;
  /** False before the guideline's first year: nothing is counted then. */
  inForce: boolean;
  fromYear: number;
  /** ISO3 codes, in ranking order. */
  met: string[];
  below: string[];
  noData: string[];
  notApplicable: string[];
}

export interface AllianceAggregates {
  year: number;
  vintageId: string;
  /** NATO's own aggregate rows, as published. */
  natoTotalUsdCurrentM: Figure | null;
  europeCanadaUsdCurrentM: Figure | null;
  natoTotalSharePct: Figure | null;
  europeCanadaSharePct: Figure | null;
  natoPerCapitaUsdConst: Figure | null;
  usUsdCurrentM: Figure | null;
  /** US spending over NATO's total, in percent. */
  usShareOfTotalPct: number | null;
  /** Sum over the allies that have the figure, and which allies lack it: absent is not zero. */
  alliesSumUsdCurrentM: number | null;
  alliesMissingUsd: string[];
  /** Σ spending / Σ GDP (USD current) over allies with both, in percent. */
  gdpWeightedSharePct: number | null;
  /** Median share of GDP over the allies with a figure. */
  medianSharePct: number | null;
  alliesWithShare: number;
  counts: GuidelineCount[];
  /** Who the counts and sums are over: the members of the year. */
  membership: Membership;
  statuses: AllyYearStatus[];
}

export function allianceAggregates(ds: Dataset, year: number, vintageId: string): AllianceAggregates {
  const statuses = allianceStatus(ds, year, vintageId);
  const applicable = statuses.filter((s) => s.applicable);
  const agg = (entity: string, indicator: IndicatorId) => figureOf(ds.get(vintageId, entity, indicator, year));
  const total = agg("NATO_TOTAL", "defexp_usd_current");
  const us = statuses.find((s) => s.ally === "USA")?.spendingUsdCurrentM ?? null;

  const withUsd = applicable.filter((s) => s.spendingUsdCurrentM);
  const sumUsd = withUsd.reduce((t, s) => t + (s.spendingUsdCurrentM?.value ?? 0), 0);
  const both = applicable.filter((s) => s.spendingUsdCurrentM && s.gdpUsdCurrentM);
  const sumSpend = both.reduce((t, s) => t + (s.spendingUsdCurrentM?.value ?? 0), 0);
  const sumGdp = both.reduce((t, s) => t + (s.gdpUsdCurrentM?.value ?? 0), 0);
  const shares = applicable.flatMap((s) => (s.shareOfGdpPct ? [s.shareOfGdpPct.value] : []));

  const counts = COMPLIANCE_GUIDELINES.map((id): GuidelineCount => {
    const of = (status: string) => statuses.filter((s) => s.checks.find((c) => c.guidelineId === id)?.status === status).map((s) => s.ally);
    const g = guideline(ds, id);
    return {
      guidelineId: id,
      name: g.name,
      inForce: year >= g.fromYear,
      fromYear: g.fromYear,
      met: of("met"),
      below: of("below"),
      noData: of("no_data"),
      notApplicable: of("not_applicable"),
    };
  });

  return {
    year,
    vintageId,
    natoTotalUsdCurrentM: total,
    europeCanadaUsdCurrentM: agg("NATO_EUR_CAN", "defexp_usd_current"),
    natoTotalSharePct: agg("NATO_TOTAL", "defexp_share_gdp_pct"),
    europeCanadaSharePct: agg("NATO_EUR_CAN", "defexp_share_gdp_pct"),
    natoPerCapitaUsdConst: agg("NATO_TOTAL", "defexp_per_capita_const_usd"),
    usUsdCurrentM: us,
    usShareOfTotalPct: us && total ? (us.value / total.value) * 100 : null,
    alliesSumUsdCurrentM: withUsd.length ? sumUsd : null,
    alliesMissingUsd: applicable.filter((s) => !s.spendingUsdCurrentM).map((s) => s.ally),
    gdpWeightedSharePct: sumGdp > 0 ? (sumSpend / sumGdp) * 100 : null,
    medianSharePct: median(shares),
    alliesWithShare: shares.length,
    counts,
    membership: membershipIn(ds, year),
    statuses,
  };
}
