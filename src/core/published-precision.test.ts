import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { EXACT_DIGITS_LIMIT, MILLIONS_DECIMALS, PCT_DECIMALS, publishedValue } from "./published-precision.ts";

describe("the precision pathway figures are published at", () => {
  it("drops the float noise of the arithmetic and nothing a source could show", () => {
    expect(publishedValue(3.5000000000000004, PCT_DECIMALS)).toBe(3.5);
    expect(publishedValue(2.4333333333333336, PCT_DECIMALS)).toBe(2.4333);
    expect(publishedValue(68011.70443598896, MILLIONS_DECIMALS)).toBe(68011.7);
  });

  it("rounds half away from zero, on both sides of it", () => {
    expect(publishedValue(0.125, 2)).toBe(0.13);
    expect(publishedValue(-0.125, 2)).toBe(-0.13);
    expect(publishedValue(2.5, 0)).toBe(3);
    expect(publishedValue(-2.5, 0)).toBe(-3);
  });

  it("publishes a negative figure that rounds to nothing as plain zero, not -0", () => {
    expect(Object.is(publishedValue(-0.001, 2), 0)).toBe(true);
    expect(Object.is(publishedValue(-0, 2), 0)).toBe(true);
  });

  it("passes on what it cannot round exactly: non-finite and astronomically large values", () => {
    expect(publishedValue(Number.NaN, 2)).toBeNaN();
    expect(publishedValue(Number.POSITIVE_INFINITY, 2)).toBe(Number.POSITIVE_INFINITY);
    expect(publishedValue(EXACT_DIGITS_LIMIT, 2)).toBe(EXACT_DIGITS_LIMIT);
  });

  test.prop([fc.integer({ min: -(10 ** 9), max: 10 ** 9 }), fc.integer({ min: 0, max: 4 })])(
    "a decimal with no more than the published digits comes out unchanged",
    (units, decimals) => {
      const v = units / 10 ** decimals;
      expect(publishedValue(v, decimals)).toBe(v === 0 ? 0 : v);
    },
  );

  test.prop([fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 4 })])(
    "moves a figure by at most half a unit of its last published digit",
    (v, decimals) => {
      expect(Math.abs(publishedValue(v, decimals) - v)).toBeLessThanOrEqual(0.5 / 10 ** decimals + Math.abs(v) * 2 ** -52);
    },
  );
});
