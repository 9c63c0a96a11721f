/**
 * Numbers as news sentences write them: digits ("1,474", "4.12"), words ("ten", "twenty-three"),
 * scales ("trillion", "bn"), fractions ("two-thirds", "a quarter", "half") and the approximators
 * in front of them ("about", "more than", "nearly"). Each number keeps its own precision, because
 * the verdict is "within the sentence's own rounding".
 */

export type Approximator = "exact" | "about" | "nearly" | "more_than" | "at_least" | "less_than" | "at_most";

/** A stated number: its value in the unit of the claim, and how finely it was written. */
export interface StatedNumber {
  value: number;
  /** The place value of the last written digit, in the same unit (4.12 → 0.01; "1.47 trillion" in $m → 10,000). */
  unit: number;
  approx: Approximator;
  /** A fraction word ("two-thirds") is a coarse figure by nature: its half-width is set by the verdict rules. */
  fraction: boolean;
  /** The upper end of a range ("between 2 and 3 per cent"), else null. */
  upper: number | null;
  text: string;
}

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  a: 1,
  an: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };

/** Scale words, as multiples of a million (money is kept in millions of US dollars, like the data). */
export const SCALE_IN_MILLIONS: Record<string, number> = {
  trillion: 1e6,
  tn: 1e6,
  trn: 1e6,
  billion: 1e3,
  bn: 1e3,
  b: 1e3,
  million: 1,
  mn: 1,
  m: 1,
};

const DENOMINATORS: Record<string, number> = {
  half: 2,
  halves: 2,
  third: 3,
  thirds: 3,
  quarter: 4,
  quarters: 4,
  fourth: 4,
  fourths: 4,
  fifth: 5,
  fifths: 5,
  tenth: 10,
  tenths: 10,
};

/** A cardinal number word ("twenty-three", "ten") or undefined. */
export function wordNumber(text: string): number | undefined {
  const t = text.toLowerCase().replace(/\s+/g, " ").trim();
  if (t in UNITS && t !== "a" && t !== "an") return UNITS[t];
  if (t in TENS) return TENS[t];
  if (t === "hundred" || t === "a hundred" || t === "one hundred") return 100;
  const m = /^([a-z]+)[- ]([a-z]+)$/.exec(t);
  if (m?.[1] && m[2] && m[1] in TENS && m[2] in UNITS && UNITS[m[2]] !== undefined && (UNITS[m[2]] as number) < 10)
    return (TENS[m[1]] as number) + (UNITS[m[2]] as number);
  return undefined;
}

/** Words for numbers, longest first, for building the patterns below. */
export const NUMBER_WORD_PATTERN =
  "(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|ten|one|two|three|four|five|six|seven|eight|nine)";

/** A fraction word: "two-thirds", "a quarter", "half", "three quarters", "one-fifth". Value as a share (0..1). */
export function fractionValue(text: string): number | undefined {
  const t = text.toLowerCase().trim();
  if (t === "half" || t === "a half" || t === "one half" || t === "one-half") return 0.5;
  const m = /^(a|an|one|two|three|four|five|six|seven|eight|nine)[- ]([a-z]+)$/.exec(t);
  if (!m?.[1] || !m[2]) return undefined;
  const den = DENOMINATORS[m[2]];
  const num = UNITS[m[1]];
  if (den === undefined || num === undefined || num >= den) return undefined;
  // "two-third" (singular after a numerator above one) is not English: refuse rather than guess.
  if (num > 1 && !m[2].endsWith("s")) return undefined;
  return num / den;
}

export const FRACTION_PATTERN =
  "(?:(?:a|one|two|three|four|five|six|seven|eight|nine)[- ](?:halves|half|thirds?|quarters?|fourths?|fifths?|tenths?)|half)";

/** Parses a numeral as written ("1,474.4", "4.12", "23") with the place value of its last digit. */
export function numeral(text: string): { value: number; unit: number } | undefined {
  const t = text.replace(/,(?=\d{3}(?:\D|$))/g, "");
  if (!/^\d+(?:\.\d+)?$/.test(t)) return undefined;
  const decimals = t.includes(".") ? (t.split(".")[1] as string).length : 0;
  return { value: Number(t), unit: 10 ** -decimals };
}

/** Approximator phrases, mapped to their meaning; longest first so "just over" wins over "over". */
export const APPROXIMATORS: readonly [string, Approximator][] = [
  ["more than", "more_than"],
  ["greater than", "more_than"],
  ["higher than", "more_than"],
  ["in excess of", "more_than"],
  ["upwards of", "more_than"],
  ["just over", "more_than"],
  ["just above", "more_than"],
  ["over", "more_than"],
  ["above", "more_than"],
  ["exceeding", "more_than"],
  ["surpass", "more_than"],
  ["top", "more_than"],
  ["exceed", "more_than"],
  ["at least", "at_least"],
  ["no less than", "at_least"],
  ["a minimum of", "at_least"],
  ["at or above", "at_least"],
  ["less than", "less_than"],
  ["fewer than", "less_than"],
  ["just under", "less_than"],
  ["just below", "less_than"],
  ["under", "less_than"],
  ["below", "less_than"],
  ["at most", "at_most"],
  ["no more than", "at_most"],
  ["up to", "at_most"],
  ["nearly", "nearly"],
  ["almost", "nearly"],
  ["close to", "nearly"],
  ["approaching", "nearly"],
  ["about", "about"],
  ["around", "about"],
  ["roughly", "about"],
  ["approximately", "about"],
  ["some", "about"],
  ["an estimated", "about"],
  ["estimated", "about"],
  ["circa", "about"],
  ["~", "about"],
];

export const APPROXIMATOR_PATTERN = `(?:${APPROXIMATORS.map(([p]) => p.replace(/[~]/g, "\\~")).join("|")})`;

export function approximatorOf(text: string | undefined): Approximator {
  if (!text) return "exact";
  const t = text.toLowerCase().replace(/\s+/g, " ").trim();
  return APPROXIMATORS.find(([p]) => p === t)?.[1] ?? "exact";
}
