/**
 * Scores of probabilistic forecasts (lower is better for CRPS and Brier). Each takes the forecast and
 * the outcome only, so the backtest and the tests call the same small functions.
 */

/** Standard normal distribution function (Abramowitz & Stegun 7.1.26 via erfc, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erfc = poly * Math.exp(-x * x);
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** Continuous ranked probability score of a point forecast: the absolute error. */
export const crpsPoint = (forecast: number, outcome: number): number => Math.abs(forecast - outcome);

/**
 * CRPS of an ensemble (the empirical distribution of `samples`, sorted ascending):
 * mean |X − y| − ½ mean |X − X'|, with the second term from the order statistics in one pass.
 */
export function crpsSorted(samples: ArrayLike<number>, outcome: number): number {
  const n = samples.length;
  let abs = 0;
  let spread = 0;
  for (let i = 0; i < n; i++) {
    const x = samples[i] as number;
    abs += Math.abs(x - outcome);
    spread += (2 * (i + 1) - n - 1) * x;
  }
  return abs / n - spread / (n * n);
}

/**
 * CRPS of a log-normal forecast exp(N(mu, sigma²)) for an outcome y > 0 (Baran & Lerch 2015):
 * y(2Φ(z) − 1) − 2e^{mu + sigma²/2}(Φ(z − sigma) + Φ(sigma/√2) − 1), z = (ln y − mu)/sigma.
 * With sigma = 0 it is the absolute error of e^mu.
 */
export function crpsLogNormal(mu: number, sigma: number, outcome: number): number {
  if (sigma <= 0) return Math.abs(Math.exp(mu) - outcome);
  const z = (Math.log(outcome) - mu) / sigma;
  return (
    outcome * (2 * normalCdf(z) - 1) - 2 * Math.exp(mu + (sigma * sigma) / 2) * (normalCdf(z - sigma) + normalCdf(sigma / Math.SQRT2) - 1)
  );
}

/** Brier score of a probability p for an event that happened (1) or not (0). */
export const brier = (p: number, happened: boolean): number => (p - (happened ? 1 : 0)) ** 2;

/** Standard normal quantiles of the central intervals the backtest checks. */
export const Z_50 = 0.6744897501960817;
export const Z_90 = 1.6448536269514722;

/** Does the central interval of exp(N(mu, sigma²)) with half-width z standard deviations hold y? */
export const logNormalCovers = (mu: number, sigma: number, z: number, outcome: number): boolean => {
  const l = Math.log(outcome);
  return l >= mu - z * sigma && l <= mu + z * sigma;
};

/** P(exp(N(mu, sigma²)) ≥ threshold). */
export function logNormalAtOrAbove(mu: number, sigma: number, threshold: number): number {
  if (sigma <= 0) return Math.exp(mu) >= threshold ? 1 : 0;
  return 1 - normalCdf((Math.log(threshold) - mu) / sigma);
}
