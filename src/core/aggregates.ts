import type { Dataset } from "../model/dataset.ts";
import type { GuidelineId } from "../model/guideline.ts";
import { GUIDELINE_IDS } from "../model/guideline-ids.ts";
import type { IndicatorId } from "../model/indicator.ts";
import { type AllyYearStatus, allianceStatus } from "./compliance.ts";
import { type Figure, figureOf, median } from "./figure.ts";
import { guideline } from "./guideline-targets.ts";
import { type Membership, membershipIn } from "./membership.ts";
import { flagColumn, type PublishedColumn, type PublishedTableSpec, publishRows } from "./published-table/spec.ts";

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

  const counts = GUIDELINE_IDS.map((id): GuidelineCount => {
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

const usd = (key: string, header: string, description: string, estimateKey?: string): PublishedColumn => ({
  key,
  header,
  type: "number",
  unit: "million US dollars, current prices and exchange rates",
  displayDecimals: 0,
  description,
  ...(estimateKey ? { estimateKey } : {}),
});
const share = (key: string, header: string, description: string, derived: boolean): PublishedColumn => ({
  key,
  header,
  type: "number",
  unit: "% of GDP",
  displayDecimals: 2,
  // NATO's own aggregate cells pass as published; Pledge's derived ratios are published to 4 decimals.
  ...(derived ? { decimals: 4 } : {}),
  description,
});

/** One row per year: NATO's aggregate rows and Pledge's sums and counts over the members of that year. */
export function aggregatesSpec(guidelines: readonly GuidelineId[]): PublishedTableSpec {
  return {
    name: "aggregates",
    description:
      "Alliance aggregates per year; counts and derived shares are over the members of each year, counts null before a guideline is in force",
    columns: [
      { key: "year", header: "Year", type: "year", description: "calendar year" },
      { key: "vintage", header: "", type: "text", machineOnly: true, description: "NATO release" },
      usd("nato_total_usd_current_m", "NATO total", "NATO's own total row", "nato_total_estimate"),
      flagColumn("nato_total_estimate", "nato_total_usd_current_m"),
      usd("us_usd_current_m", "US", "United States", "us_estimate"),
      flagColumn("us_estimate", "us_usd_current_m"),
      { ...share("us_share_of_total_pct", "US %", "US spending ÷ NATO's total", true), unit: "% of NATO total" },
      usd("europe_canada_usd_current_m", "Europe & Canada", "NATO's Europe-and-Canada row", "europe_canada_estimate"),
      flagColumn("europe_canada_estimate", "europe_canada_usd_current_m"),
      share("nato_total_share_pct", "NATO % GDP", "NATO's own total row", false),
      share("europe_canada_share_pct", "Eur. & Can. % GDP", "NATO's own row", false),
      share("gdp_weighted_share_pct", "Weighted %", "Σ spending ÷ Σ GDP over members with both (current dollars)", true),
      share("median_share_pct", "Median %", "median member's share", true),
      { key: "allies_with_share", header: "With share", type: "integer", description: "members with a share of GDP" },
      { key: "members", header: "Members", type: "integer", description: "members of the alliance that year" },
      ...guidelines.map(
        (g): PublishedColumn => ({
          key: `${g}_met_count`,
          header: `${g} met`,
          type: "integer",
          description: `members at or above ${g} (null before it is in force)`,
        }),
      ),
    ],
  };
}

export function aggregateRows(spec: PublishedTableSpec, aggs: readonly AllianceAggregates[]) {
  return publishRows(
    spec,
    aggs.map((a) => {
      const row: Record<string, string | number | boolean | null> = {
        year: a.year,
        vintage: a.vintageId,
        nato_total_usd_current_m: a.natoTotalUsdCurrentM?.value ?? null,
        nato_total_estimate: a.natoTotalUsdCurrentM?.estimate ?? null,
        us_usd_current_m: a.usUsdCurrentM?.value ?? null,
        us_estimate: a.usUsdCurrentM?.estimate ?? null,
        us_share_of_total_pct: a.usShareOfTotalPct,
        europe_canada_usd_current_m: a.europeCanadaUsdCurrentM?.value ?? null,
        europe_canada_estimate: a.europeCanadaUsdCurrentM?.estimate ?? null,
        nato_total_share_pct: a.natoTotalSharePct?.value ?? null,
        europe_canada_share_pct: a.europeCanadaSharePct?.value ?? null,
        gdp_weighted_share_pct: a.gdpWeightedSharePct,
        median_share_pct: a.medianSharePct,
        allies_with_share: a.alliesWithShare,
        members: a.membership.members,
      };
      for (const k of a.counts) row[`${k.guidelineId}_met_count`] = k.inForce ? k.met.length : null;
      return row;
    }),
  );
}
