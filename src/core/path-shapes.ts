import type { PathShape } from "../model/pathway.ts";

/**
 * Share of the way from the base share to the target after a fraction `f` (0…1) of the years.
 * Linear is the default reading of the Hague "credible, incremental path". Front-loaded does three
 * quarters of the climb in the first half; back-loaded leaves three quarters for the second half
 * (the pattern the 2029 review is meant to catch). Both are quadratic, so they stay monotone.
 */
export function climbFraction(shape: PathShape, f: number): number {
  if (f <= 0) return 0;
  if (f >= 1) return 1;
  switch (shape) {
    case "front-loaded":
      return 1 - (1 - f) * (1 - f);
    case "back-loaded":
      return f * f;
    case "freeze":
      return 0;
    default:
      return f;
  }
}

/**
 * Interpolates without the rounding drift of `a + (b - a) * t`: at t = 1 the result is `b` exactly,
 * so a linear path lands on the target share to the last bit.
 */
export const lerp = (a: number, b: number, t: number): number => a * (1 - t) + b * t;
