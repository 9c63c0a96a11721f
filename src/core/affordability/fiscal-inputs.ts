import type { Dataset } from "../../model/dataset.ts";
import type { IndicatorId } from "../../model/indicator.ts";

/** One year of an ally's general-government accounts as the IMF WEO gives them (percent of GDP), and the implied interest rate. */
export interface WeoFiscalYear {
  debtPct: number | null;
  primaryBalancePct: number | null;
  expenditurePct: number | null;
  revenuePct: number | null;
  /**
   * Effective net interest rate (a fraction): (primary balance − overall balance) ÷ the previous year's
   * gross debt, in national currency. The WEO copy has no interest series, so it is derived; it is net
   * interest (paid minus received) over gross debt, low where a government holds large financial assets.
   */
  interestRate: number | null;
}

export interface WeoFiscal {
  ally: string;
  imfVintageId: string;
  /** The last year with a gross-debt ratio: the WEO horizon for this ally. */
  lastWeoYear: number;
  byYear: Record<number, WeoFiscalYear>;
}

/** The implied effective interest rate of a year: (GGXONLB − GGXCNL) ÷ GGXWDG of the year before, all in billion national currency. */
export function impliedInterestRate(ds: Dataset, imfVintageId: string, ally: string, year: number): number | null {
  const v = (indicator: IndicatorId, y: number) => ds.get(imfVintageId, ally, indicator, y)?.value;
  const primary = v("gg_primary_net_lending_nc_bn", year);
  const overall = v("gg_net_lending_nc_bn", year);
  const debtBefore = v("gg_gross_debt_nc_bn", year - 1);
  if (primary === undefined || overall === undefined || !debtBefore) return null;
  return (primary - overall) / debtBefore;
}

/** An ally's WEO fiscal series from `fromYear` to the last year with a debt ratio; null when the WEO has none. */
export function weoFiscal(ds: Dataset, imfVintageId: string, ally: string, fromYear: number): WeoFiscal | null {
  const debt = ds.series(imfVintageId, ally, "gg_gross_debt_pct_gdp");
  const last = debt.at(-1)?.year;
  if (last === undefined) return null;
  const byYear: Record<number, WeoFiscalYear> = {};
  const v = (indicator: IndicatorId, y: number) => ds.get(imfVintageId, ally, indicator, y)?.value ?? null;
  for (let y = fromYear; y <= last; y++)
    byYear[y] = {
      debtPct: v("gg_gross_debt_pct_gdp", y),
      primaryBalancePct: v("gg_primary_net_lending_pct_gdp", y),
      expenditurePct: v("gg_expenditure_pct_gdp", y),
      revenuePct: v("gg_revenue_pct_gdp", y),
      interestRate: impliedInterestRate(ds, imfVintageId, ally, y),
    };
  return { ally, imfVintageId, lastWeoYear: last, byYear };
}

/**
 * The rate charged on debt a path adds: the implied rate, floored at 0. A negative implied rate means
 * the government receives more interest than it pays (Norway's, Denmark's and Sweden's assets); new
 * borrowing does not earn that, so it is charged nothing rather than paid. Stated with every result.
 */
export const chargedRate = (implied: number): number => Math.max(implied, 0);

export const RATE_FLOOR_WORDS =
  "A negative implied rate (net interest received, as for governments with large financial assets) is floored at 0 for the added debt and beyond the WEO horizon.";
