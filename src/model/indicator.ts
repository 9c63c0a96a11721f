/**
 * The indicator registry: the one place where an indicator's name, unit and price basis are
 * spelled. Callers ask the registry; nobody else writes "million US dollars".
 */
export type PriceBasis = "current" | "constant" | "ratio" | "count";
export type SeriesKind = "nato" | "sipri" | "imf";

export interface Indicator<Id extends string = string> {
  id: Id;
  name: string;
  /** Unit as shown to people. Constant-price units name the vintage's base year at display time. */
  unit: string;
  /** Short unit for table headers. */
  shortUnit: string;
  priceBasis: PriceBasis;
  series: SeriesKind;
  /** Multiply a stored value by this to get the unit's base (e.g. millions → 1e6). */
  scale: number;
  /** A constant-price series cannot be compared between vintages with different base years. */
  comparableAcrossVintages: boolean;
  /** Decimals to show by default. */
  decimals: number;
}

/** One constructor per series, so each table row below reads as the source's own list. */
const inSeries =
  (series: SeriesKind) =>
  <Id extends string>(
    id: Id,
    name: string,
    unit: string,
    shortUnit: string,
    priceBasis: PriceBasis,
    scale: number,
    decimals: number,
  ): Indicator<Id> => ({
    id,
    name,
    unit,
    shortUnit,
    priceBasis,
    series,
    scale,
    comparableAcrossVintages: priceBasis !== "constant",
    decimals,
  });
const nato = inSeries("nato");
const sipri = inSeries("sipri");
const imf = inSeries("imf");

export const INDICATORS = [
  nato("defexp_share_gdp_pct", "Defence expenditure, share of GDP", "percent of real GDP", "% GDP", "ratio", 1, 2),
  nato(
    "defexp_usd_current",
    "Defence expenditure, USD current",
    "million US dollars, current prices and exchange rates",
    "$m",
    "current",
    1e6,
    0,
  ),
  nato(
    "defexp_usd_const",
    "Defence expenditure, USD constant",
    "million US dollars, constant prices and exchange rates of the vintage's base year",
    "$m const",
    "constant",
    1e6,
    0,
  ),
  nato(
    "defexp_nc_current",
    "Defence expenditure, national currency",
    "million national currency units, current prices",
    "m NC",
    "current",
    1e6,
    0,
  ),
  nato(
    "defexp_nc_const",
    "Defence expenditure, national currency, constant",
    "million national currency units, constant prices of the vintage's base year",
    "m NC const",
    "constant",
    1e6,
    0,
  ),
  nato("defexp_real_change_pct", "Defence expenditure, real change", "percent, annual real change", "% real", "ratio", 1, 1),
  nato(
    "defexp_per_capita_const_usd",
    "Defence expenditure per capita",
    "US dollars per person, constant prices of the vintage's base year",
    "$/cap const",
    "constant",
    1,
    0,
  ),
  nato("gdp_usd_current", "GDP, USD current (NATO)", "million US dollars, current prices and exchange rates", "$m", "current", 1e6, 0),
  nato(
    "gdp_usd_const",
    "GDP, USD constant (NATO)",
    "million US dollars, constant prices of the vintage's base year",
    "$m const",
    "constant",
    1e6,
    0,
  ),
  nato(
    "gdp_per_capita_const_kusd",
    "GDP per capita (NATO)",
    "thousand US dollars per person, constant prices of the vintage's base year",
    "k$/cap const",
    "constant",
    1e3,
    1,
  ),
  nato("military_personnel_thousands", "Military personnel", "thousand persons", "k pers.", "count", 1e3, 1),
  nato(
    "equipment_share_pct",
    "Equipment, share of defence expenditure",
    "percent of defence expenditure (major equipment incl. related R&D)",
    "% equip.",
    "ratio",
    1,
    2,
  ),
  nato(
    "personnel_share_pct",
    "Personnel, share of defence expenditure",
    "percent of defence expenditure (personnel incl. pensions)",
    "% pers.",
    "ratio",
    1,
    2,
  ),
  nato(
    "infrastructure_share_pct",
    "Infrastructure, share of defence expenditure",
    "percent of defence expenditure (infrastructure)",
    "% infra.",
    "ratio",
    1,
    2,
  ),
  nato(
    "other_share_pct",
    "Other, share of defence expenditure",
    "percent of defence expenditure (operations, maintenance, other R&D, other)",
    "% other",
    "ratio",
    1,
    2,
  ),
  sipri(
    "milex_usd_current",
    "Military expenditure, USD current (SIPRI)",
    "million US dollars, current prices and exchange rates",
    "$m",
    "current",
    1e6,
    0,
  ),
  sipri(
    "milex_usd_const2023",
    "Military expenditure, USD constant 2023 (SIPRI)",
    "million US dollars, constant 2023 prices and exchange rates",
    "$m 2023",
    "constant",
    1e6,
    0,
  ),
  sipri(
    "milex_usd_const2023_bn",
    "Military expenditure, USD constant 2023 (SIPRI regional total)",
    "billion US dollars, constant 2023 prices and exchange rates",
    "$bn 2023",
    "constant",
    1e9,
    1,
  ),
  // SIPRI moves its constant-dollar base each April (2023 prices in the 2025 release, 2024 in the 2026
  // one): the next base is declared ahead so that the next release imports on the day it appears.
  sipri(
    "milex_usd_const2024",
    "Military expenditure, USD constant 2024 (SIPRI)",
    "million US dollars, constant 2024 prices and exchange rates",
    "$m 2024",
    "constant",
    1e6,
    0,
  ),
  sipri(
    "milex_usd_const2024_bn",
    "Military expenditure, USD constant 2024 (SIPRI regional total)",
    "billion US dollars, constant 2024 prices and exchange rates",
    "$bn 2024",
    "constant",
    1e9,
    1,
  ),
  sipri(
    "milex_usd_current_bn",
    "Military expenditure, USD current (SIPRI regional total)",
    "billion US dollars, current prices and exchange rates",
    "$bn",
    "current",
    1e9,
    1,
  ),
  sipri("milex_share_gdp_pct", "Military expenditure, share of GDP (SIPRI)", "percent of GDP", "% GDP", "ratio", 1, 2),
  sipri(
    "milex_share_govt_spending_pct",
    "Military expenditure, share of government spending (SIPRI)",
    "percent of general government expenditure",
    "% govt",
    "ratio",
    1,
    2,
  ),
  sipri(
    "milex_per_capita_usd_current",
    "Military expenditure per capita (SIPRI)",
    "US dollars per person, current prices",
    "$/cap",
    "current",
    1,
    0,
  ),
  sipri(
    "milex_lcu_current",
    "Military expenditure, local currency (SIPRI)",
    "local currency units, current prices",
    "LCU",
    "current",
    1,
    0,
  ),
  imf("gdp_nc_current_bn", "GDP, national currency (IMF)", "billion national currency units, current prices", "bn NC", "current", 1e9, 1),
  imf(
    "gdp_nc_const_bn",
    "GDP, national currency, constant (IMF)",
    "billion national currency units, constant prices (base year varies by country)",
    "bn NC const",
    "constant",
    1e9,
    1,
  ),
  imf("gdp_usd_current_bn", "GDP, USD current (IMF)", "billion US dollars, current prices", "$bn", "current", 1e9, 1),
  imf("gdp_real_growth_pct", "Real GDP growth (IMF)", "percent change of GDP at constant prices", "% growth", "ratio", 1, 2),
  imf("gdp_deflator_index", "GDP deflator (IMF)", "index (base year varies by country)", "index", "ratio", 1, 2),
  imf("gdp_per_capita_usd_current", "GDP per capita (IMF)", "US dollars per person, current prices", "$/cap", "current", 1, 0),
  imf(
    "gdp_ppp_intl_usd_bn",
    "GDP at purchasing-power parity (IMF)",
    "billion international dollars, current prices",
    "bn int$",
    "current",
    1e9,
    1,
  ),
  imf("ppp_conversion_rate", "PPP conversion rate (IMF)", "national currency per international dollar", "NC/int$", "ratio", 1, 3),
  imf("cpi_index_avg", "Consumer prices, index (IMF)", "index, period average", "index", "ratio", 1, 2),
  imf("cpi_inflation_avg_pct", "Consumer-price inflation (IMF)", "percent change, period average", "% CPI", "ratio", 1, 2),
  imf("population_mn", "Population (IMF)", "million persons", "m pers.", "count", 1e6, 2),
  imf("gg_expenditure_pct_gdp", "General government expenditure (IMF)", "percent of GDP", "% GDP", "ratio", 1, 1),
  imf("gg_net_lending_pct_gdp", "General government net lending (IMF)", "percent of GDP", "% GDP", "ratio", 1, 1),
  imf("gg_gross_debt_pct_gdp", "General government gross debt (IMF)", "percent of GDP", "% GDP", "ratio", 1, 1),
  imf(
    "gg_primary_net_lending_pct_gdp",
    "General government primary net lending (IMF)",
    "percent of GDP (balance before interest)",
    "% GDP",
    "ratio",
    1,
    1,
  ),
  imf("gg_revenue_pct_gdp", "General government revenue (IMF)", "percent of GDP", "% GDP", "ratio", 1, 1),
  imf("gg_net_debt_pct_gdp", "General government net debt (IMF)", "percent of GDP", "% GDP", "ratio", 1, 1),
  imf(
    "gg_structural_balance_pct_potential_gdp",
    "General government structural balance (IMF)",
    "percent of potential GDP",
    "% pot. GDP",
    "ratio",
    1,
    1,
  ),
  imf(
    "gg_primary_net_lending_nc_bn",
    "General government primary net lending (IMF)",
    "billion national currency units, current prices (balance before interest)",
    "bn NC",
    "current",
    1e9,
    1,
  ),
  imf(
    "gg_net_lending_nc_bn",
    "General government net lending (IMF)",
    "billion national currency units, current prices",
    "bn NC",
    "current",
    1e9,
    1,
  ),
  imf(
    "gg_revenue_nc_bn",
    "General government revenue (IMF)",
    "billion national currency units, current prices",
    "bn NC",
    "current",
    1e9,
    1,
  ),
  imf(
    "gg_expenditure_nc_bn",
    "General government expenditure (IMF)",
    "billion national currency units, current prices",
    "bn NC",
    "current",
    1e9,
    1,
  ),
  imf(
    "gg_gross_debt_nc_bn",
    "General government gross debt (IMF)",
    "billion national currency units, current prices",
    "bn NC",
    "current",
    1e9,
    1,
  ),
  imf(
    "gdp_nc_current_fy_bn",
    "GDP, national currency, fiscal year (IMF)",
    "billion national currency units, current prices, the country's fiscal year",
    "bn NC FY",
    "current",
    1e9,
    1,
  ),
] as const satisfies readonly Indicator[];

/** Every indicator's id: a typed union, so a misspelt id in code fails the typecheck. */
export type IndicatorId = (typeof INDICATORS)[number]["id"];

const byId = new Map<string, Indicator<IndicatorId>>(INDICATORS.map((i) => [i.id, i]));

export function findIndicator(id: string): Indicator<IndicatorId> | undefined {
  return byId.get(id);
}

export const isIndicatorId = (id: string): id is IndicatorId => byId.has(id);

export function indicatorIds(): IndicatorId[] {
  return INDICATORS.map((i) => i.id);
}

/** The unit with the vintage's price base spelled out, for constant-price series. */
export function unitFor(indicator: Indicator, priceBaseYear: number | null): string {
  if (indicator.priceBasis !== "constant" || priceBaseYear === null) return indicator.unit;
  return indicator.unit.replace("the vintage's base year", String(priceBaseYear));
}
