/**
 * Which of SIPRI's figures Pledge ships. SIPRI allows non-commercial reproduction of less than 10 % of
 * a published data set; its April 2025 workbook holds 54,394 figures, so Pledge ships at most 5,439.
 * Kept: the share of GDP for every country in the extract over every year (the forecast backtest learns
 * from it), the US-dollar series from 1990 (the comparisons with Russia and China and the claims checker
 * use them), and the other series from 2014, the years NATO's tables cover. A user who needs the rest
 * loads SIPRI's own workbook with `pledge data import`.
 */

/** SIPRI's April 2025 workbook: figures it holds (../shared/docs/domain.md, "Terms of reuse"). */
export const SIPRI_WORKBOOK_FIGURES = 54_394;
/** Less than 10 % of the data set: the most Pledge may ship. */
export const SIPRI_SHIPPED_LIMIT = Math.floor(SIPRI_WORKBOOK_FIGURES / 10);

/** First year shipped per indicator; an indicator not listed is not shipped. */
export const SIPRI_SHIPPED_FROM: Readonly<Record<string, number>> = {
  milex_share_gdp_pct: 1949,
  milex_usd_current: 1990,
  milex_usd_const2023: 1990,
  milex_usd_const2023_bn: 1990,
  milex_usd_current_bn: 1990,
  milex_lcu_current: 2014,
  milex_per_capita_usd_current: 2014,
  milex_share_govt_spending_pct: 2014,
};

/** True when Pledge's shipped extract holds this SIPRI figure. */
export function inShippedSipriExtract(indicator: string, year: number): boolean {
  const from = SIPRI_SHIPPED_FROM[indicator];
  return from !== undefined && year >= from;
}
