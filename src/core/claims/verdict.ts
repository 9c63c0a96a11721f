import type { Verdict } from "../../model/claim-check.ts";
import type { StatedNumber } from "./numbers.ts";

/**
 * The verdict rules (docs/claims.md, "Verdicts and tolerances"):
 * - a plain or "about" figure is consistent when the data rounds to it at the sentence's own
 *   precision (half the place value of its last digit: "4.12" ± 0.005, "$1.47 trillion" ± $5 bn);
 * - a fraction word ("two-thirds") is a coarse figure: ± 5 percentage points of the whole;
 * - "more than", "at least", "less than", "at most" are consistent when the data is on that side;
 * - "nearly", "almost" are consistent when the data is below the figure by at most one written
 *   place (never more than 10 %), or above it by at most half a place (never more than 2 %);
 * - a range is consistent when the data is inside it;
 * - anything else within 10 % of the stated figure is close; beyond that, inconsistent.
 * Counts of allies are whole numbers: one ally off is close, more is inconsistent.
 */
export const CLOSE_RELATIVE = 0.1;
export const FRACTION_HALF_WIDTH_PP = 5;

export interface Judgement {
  verdict: Exclude<Verdict, "not_checkable">;
  why: string;
}

const fmt = (x: number) => (Math.abs(x) >= 1000 ? Math.round(x).toLocaleString("en-GB") : String(Number(x.toPrecision(6))));

/** Half-width of the sentence's own rounding around its figure. */
export function roundingHalfWidth(s: StatedNumber, scaleOfFraction = 100): number {
  if (s.fraction) return (FRACTION_HALF_WIDTH_PP / 100) * scaleOfFraction;
  return s.unit / 2;
}

/** Judges a data value against a stated figure. `count` switches to whole-number rules. */
export function judge(s: StatedNumber, data: number, opts: { count?: boolean; fractionScale?: number } = {}): Judgement {
  const h = roundingHalfWidth(s, opts.fractionScale) + 1e-9 * Math.max(1, Math.abs(s.value));
  const diff = data - s.value;
  const closeBand = opts.count ? 1 : Math.max(h, CLOSE_RELATIVE * Math.abs(s.value));
  const near = (ok: boolean, okWhy: string, offBy: number) =>
    ok
      ? { verdict: "consistent" as const, why: okWhy }
      : Math.abs(offBy) <= closeBand + 1e-9
        ? { verdict: "close" as const, why: `${fmt(data)} is near ${s.text.trim()} but beyond what it says` }
        : { verdict: "inconsistent" as const, why: `${fmt(data)} is not ${s.text.trim()}` };
  if (s.upper !== null) {
    const lo = s.value - h;
    const hi = s.upper + h;
    return near(data >= lo && data <= hi, `${fmt(data)} is within ${s.text.trim()}`, data < lo ? data - lo : data - hi);
  }
  switch (s.approx) {
    case "more_than":
      return near(data > s.value, `${fmt(data)} is more than ${fmt(s.value)}`, diff);
    case "at_least":
      return near(data >= s.value - 1e-9, `${fmt(data)} is at least ${fmt(s.value)}`, diff);
    case "less_than":
      return near(data < s.value, `${fmt(data)} is less than ${fmt(s.value)}`, diff);
    case "at_most":
      return near(data <= s.value + 1e-9, `${fmt(data)} is at most ${fmt(s.value)}`, diff);
    case "nearly": {
      // Just below the figure (at most one written place, never more than 10 %), or rounding up to it (at most 2 %).
      const below = opts.count ? 1 : Math.min(2 * h, CLOSE_RELATIVE * Math.abs(s.value));
      const above = opts.count ? 0 : Math.min(h, 0.02 * Math.abs(s.value));
      const ok = data <= s.value + above && data >= s.value - below;
      if (ok) return { verdict: "consistent", why: `${fmt(data)} is nearly ${fmt(s.value)}` };
      // Beyond the band, "close" is measured from its edge, within 10 % of the figure (the place value can be the whole figure).
      const off = diff > 0 ? diff - above : -diff - below;
      return off <= (opts.count ? 1 : CLOSE_RELATIVE * Math.abs(s.value)) + 1e-9
        ? { verdict: "close", why: `${fmt(data)} is near ${s.text.trim()} but beyond what it says` }
        : { verdict: "inconsistent", why: `${fmt(data)} is not ${s.text.trim()}` };
    }
    default: {
      if (opts.count) return near(diff === 0, `${fmt(data)} allies, as stated`, diff);
      const ok = Math.abs(diff) <= h;
      const why = s.fraction
        ? `${fmt(data)} is within ${FRACTION_HALF_WIDTH_PP} points of ${s.text.trim()}`
        : `${fmt(data)} rounds to ${s.text.trim()} at the sentence's precision`;
      return near(ok, why, diff);
    }
  }
}
