import type { PathwayColumn } from "./pathway.ts";
import { MILLIONS_DECIMALS, PCT_DECIMALS } from "./published-precision.ts";
import { millionsColumn, type PublishedColumn, type PublishedTableSpec, percentColumn } from "./published-table/spec.ts";

/** Exchange rates are published to six decimals: finer than any rate NATO or the IMF prints. */
export const RATE_DECIMALS = 6;

/** A per-year series column of a pathway: the typed-array column it is read from and how it is published. */
export type PathwaySeriesColumn = PublishedColumn & { from: PathwayColumn; decimals: number };

const share = (key: string, from: PathwayColumn, header: string, description: string): PathwaySeriesColumn => ({
  key,
  from,
  header,
  type: "number",
  unit: "% of GDP",
  decimals: PCT_DECIMALS,
  displayDecimals: 2,
  description,
});
const millions = (key: string, from: PathwayColumn, header: string, unit: string, description: string, machineOnly = false) =>
  ({
    key,
    from,
    header,
    type: "number",
    unit,
    decimals: MILLIONS_DECIMALS,
    displayDecimals: 0,
    description,
    machineOnly,
  }) satisfies PathwaySeriesColumn;

const NC = "million national currency, current prices";
const USD = "million US dollars, current prices, at the year's projected exchange rate";
const CONST = "million US dollars, constant prices and exchange rates of the vintage's base year";

/** The per-year columns of every published pathway, in the order of the compact JSON and the CSV. */
export const PATHWAY_SERIES_COLUMNS: readonly PathwaySeriesColumn[] = [
  share("core_share_pct", "coreSharePct", "Core %GDP", "core defence spending (NATO definition) as a share of nominal GDP"),
  share(
    "related_share_pct",
    "relatedSharePct",
    "Related %GDP",
    "defence- and security-related spending (the Hague 1.5%) as a share of GDP",
  ),
  share("total_share_pct", "totalSharePct", "Total %GDP", "core plus related"),
  millions(
    "gdp_nc_m",
    "gdpNcM",
    "GDP (m NC)",
    NC,
    "nominal GDP: NATO's in the base year, then the IMF's growth, then the stated assumption",
    true,
  ),
  {
    key: "nc_per_usd",
    from: "ncPerUsd",
    header: "NC per $",
    type: "number",
    unit: "national currency per US dollar",
    decimals: RATE_DECIMALS,
    displayDecimals: 3,
    machineOnly: true,
    description:
      "exchange rate of the year: NATO's in the base year, moving as the IMF WEO's implied rate, then with the inflation differential against the US",
  },
  millions("core_nc_m", "coreNcM", "Core (m NC)", NC, "core spending in national currency"),
  millions("related_nc_m", "relatedNcM", "Related (m NC)", NC, "related spending in national currency", true),
  millions("total_nc_m", "totalNcM", "Total (m NC)", NC, "core plus related in national currency", true),
  millions("core_usd_current_m", "coreUsdCurrentM", "Core $m current", USD, "core spending in US dollars"),
  millions("related_usd_current_m", "relatedUsdCurrentM", "Related $m current", USD, "related spending in US dollars", true),
  millions("total_usd_current_m", "totalUsdCurrentM", "Total $m current", USD, "core plus related in US dollars", true),
  millions("core_usd_const_m", "coreUsdConstM", "Core $m const.", CONST, "core spending in constant dollars"),
  millions(
    "core_extra_usd_current_m",
    "coreExtraUsdCurrentM",
    "Core extra $m",
    USD,
    "core spending above a freeze at the base-year core share",
  ),
  millions(
    "related_extra_usd_current_m",
    "relatedExtraUsdCurrentM",
    "Related extra $m",
    USD,
    "related spending above the stated related base (0 unless given: NATO publishes none)",
    true,
  ),
  millions(
    "cumulative_core_extra_nc_m",
    "cumulativeCoreExtraNcM",
    "Cum. core extra (m NC)",
    NC,
    "core extra summed from the year after the base year",
    true,
  ),
  millions(
    "cumulative_core_extra_usd_current_m",
    "cumulativeCoreExtraUsdCurrentM",
    "Cum. core extra $m",
    USD,
    "core extra summed from the year after the base year",
  ),
  millions(
    "cumulative_related_extra_usd_current_m",
    "cumulativeRelatedExtraUsdCurrentM",
    "Cum. related extra $m",
    USD,
    "related extra summed from the year after the base year (all related spending when the related base is 0)",
  ),
  millions(
    "cumulative_core_extra_usd_const_m",
    "cumulativeCoreExtraUsdConstM",
    "Cum. core extra $m const.",
    CONST,
    "core extra in constant dollars, summed",
    true,
  ),
  millions(
    "cumulative_related_extra_usd_const_m",
    "cumulativeRelatedExtraUsdConstM",
    "Cum. related extra $m const.",
    CONST,
    "related extra in constant dollars, summed",
    true,
  ),
];

const SOURCE_VALUES = ["nato", "weo", "assumption"] as const;

/** One row per ally and year. */
export const PATHWAY_ROWS_SPEC: PublishedTableSpec = {
  name: "pathways",
  description: "Each ally's path, one row per year, at published precision",
  columns: [
    { key: "ally", header: "ISO3", type: "text", description: "ISO 3166 alpha-3 code" },
    { key: "year", header: "Year", type: "year", description: "calendar year" },
    ...PATHWAY_SERIES_COLUMNS.slice(0, 4),
    {
      key: "gdp_source",
      header: "GDP from",
      type: "text",
      machineOnly: true,
      values: SOURCE_VALUES,
      description: "where the year's GDP comes from",
    },
    ...PATHWAY_SERIES_COLUMNS.slice(4, 5),
    {
      key: "rate_source",
      header: "Rate from",
      type: "text",
      machineOnly: true,
      values: SOURCE_VALUES,
      description: "where the year's exchange rate comes from",
    },
    ...PATHWAY_SERIES_COLUMNS.slice(5),
    {
      key: "review_year",
      header: "review",
      type: "boolean",
      machineOnly: true,
      description: "the 2029 review year of the Hague commitment",
    },
    { key: "target_year", header: "target", type: "boolean", machineOnly: true, description: "the year the path reaches its target" },
  ],
};

const pct = (key: string, header: string, description: string, machineOnly = false) =>
  percentColumn(key, header, "% of GDP", description, machineOnly);
const usd = (key: string, header: string, description: string, machineOnly = false) =>
  millionsColumn(key, header, USD, description, machineOnly);

/** One row per ally: where it starts, what it must add each year, where it stands at the review, what it costs. */
export const PATHWAY_SUMMARY_SPEC: PublishedTableSpec = {
  name: "summary",
  description: "One row per ally: base, target, step, the review year and the cost, core and related apart",
  columns: [
    { key: "ally", header: "ISO3", type: "text", description: "ISO 3166 alpha-3 code" },
    { key: "name", header: "Ally", type: "text", description: "ally name" },
    { key: "base_year", header: "Base", type: "year", description: "the vintage's latest year for the ally" },
    {
      ...pct("base_core_share_pct", "Base %", "the core share the path starts from (NATO's published share unless named as an exception)"),
      estimateKey: "base_estimate",
    },
    {
      key: "base_estimate",
      header: "",
      type: "flag",
      machineOnly: true,
      values: ["reported", "estimate", "uncertain", "not_flagged"],
      description: "NATO's flag for the base year",
    },
    pct("published_base_share_pct", "NATO %", "the share NATO publishes for the base year", true),
    {
      key: "base_gdp_basis",
      header: "GDP basis",
      type: "text",
      values: ["nato", "implied"],
      machineOnly: true,
      description: "nato: NATO's published GDP; implied: spending ÷ published share (no GDP cell)",
    },
    {
      key: "base_share_identity_fails",
      header: "Exception",
      type: "boolean",
      machineOnly: true,
      description: "NATO's share is not its spending ÷ its GDP within the share's precision; the path starts from spending ÷ GDP",
    },
    pct("target_core_pct", "Target %", "core target (the Hague 3.5%, or the ally's own arrangement)"),
    { key: "target_year", header: "By", type: "year", description: "year the target is reached", machineOnly: true },
    {
      key: "step_pp_per_year",
      header: "+pp/yr",
      type: "number",
      unit: "percentage points of GDP a year",
      decimals: PCT_DECIMALS,
      displayDecimals: 3,
      description: "core share added each year on a linear path",
    },
    pct("core_share_at_review_pct", "Review %", "core share in the review year (The Hague: 2029, from data/guidelines.csv)"),
    usd("core_usd_current_m_at_target", "Core $m at target", "core spending in the target year"),
    {
      key: "nc_per_usd_at_target",
      header: "NC per $ at target",
      type: "number",
      unit: "national currency per US dollar",
      decimals: RATE_DECIMALS,
      machineOnly: true,
      description: "the exchange rate assumed in the target year",
    },
    usd("cumulative_core_extra_usd_current_m", "Cum. core extra $m", "core spending above a freeze, summed to the target year"),
    usd(
      "cumulative_related_extra_usd_current_m",
      "Cum. related extra $m",
      "related spending above its stated base, summed to the target year (NATO publishes no related base)",
    ),
    {
      ...usd("cumulative_core_extra_usd_const_m", "", "the same in constant dollars", true),
      unit: CONST,
    },
    {
      ...usd("cumulative_related_extra_usd_const_m", "", "the same in constant dollars", true),
      unit: CONST,
    },
    { key: "shape", header: "Path", type: "text", description: "path shape, or hold when the base already meets the target" },
    { key: "already_met", header: "", type: "boolean", machineOnly: true, description: "the base share already meets the target" },
    { key: "target_note", header: "", type: "text", machineOnly: true, description: "where an ally's own target comes from (Spain)" },
  ],
};

/** Alliance sums per year over the allies with a path. */
export const PATHWAY_ALLIANCE_SPEC: PublishedTableSpec = {
  name: "alliance",
  description: "Alliance sums per year, in US dollars at each ally's projected exchange rate",
  columns: [
    { key: "year", header: "Year", type: "year", description: "calendar year" },
    { key: "allies", header: "Allies", type: "integer", description: "allies with a path in the year" },
    usd("core_usd_current_m", "Core $m", "Σ core spending"),
    usd("us_core_usd_current_m", "US $m", "United States core spending"),
    usd("europe_canada_core_usd_current_m", "Europe & Canada $m", "Σ core spending of the allies other than the US"),
    { ...pct("us_share_of_core_pct", "US share %", "US share of the alliance's core spending"), unit: "% of alliance core spending" },
    pct("core_share_of_alliance_gdp_pct", "Core % alliance GDP", "Σ core ÷ Σ GDP, both in US dollars"),
    usd("total_usd_current_m", "Core + related $m", "Σ core plus related"),
    { ...usd("core_usd_const_m", "", "Σ core in constant dollars", true), unit: CONST },
    usd("core_extra_usd_current_m", "Core extra $m", "Σ core above a freeze", true),
    usd("related_extra_usd_current_m", "Related extra $m", "Σ related above its stated base", true),
  ],
};
