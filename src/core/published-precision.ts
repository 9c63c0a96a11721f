/**
 * Pathway figures are computed in full double precision and published at a stated precision: four
 * decimals for shares of GDP in percent (NATO publishes two) and two for millions of currency (NATO
 * publishes whole millions). Well past the sources' own precision, so nothing an analyst can check
 * is lost, while the float noise of the arithmetic (3.5000000000000004) is not passed on as if it
 * meant something. Every published form (JSON, CSV, XLSX, the CLI, the dashboard) rounds here.
 */
export const PCT_DECIMALS = 4;
export const MILLIONS_DECIMALS = 2;

/** Below this, `n / 10^d` is split into whole and fractional digits exactly. */
export const EXACT_DIGITS_LIMIT = 2 ** 51;

/**
 * `value` rounded half away from zero to `decimals` places: the double nearest the decimal number
 * with those digits, so that printing it and parsing the text back gives the same double. Values too
 * large for the integer arithmetic (never met in practice) and non-finite ones come back as they are.
 */
export function publishedValue(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  const n = Math.round(Math.abs(value) * scale);
  if (!(n < EXACT_DIGITS_LIMIT)) return value;
  if (n === 0) return 0;
  return (value < 0 ? -n : n) / scale;
}

/** A share of GDP in percent (or points of it), as published. */
export const publishedShare = (value: number): number => publishedValue(value, PCT_DECIMALS);

/** An amount in millions of a currency, as published. */
export const publishedMillions = (value: number): number => publishedValue(value, MILLIONS_DECIMALS);
