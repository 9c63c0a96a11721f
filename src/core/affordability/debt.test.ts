import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extraDebtPath, projectBaselineDebt } from "./debt.ts";

describe("extraDebtPath: x(t) = x(t−1)·(1+i)/(1+g) + s(t)", () => {
  it("matches a three-year recursion computed by hand", () => {
    // Base year, then three years: 1, 2 and 3 points of GDP borrowed; i = 4 %, 3 %, 5 %; g = 3 %, 4 %, 2 %.
    const r = extraDebtPath([0, 1, 2, 3], [0, 0.04, 0.03, 0.05], [0, 0.03, 0.04, 0.02]);
    // Year 1: nothing before, so x1 = 1 and no interest yet.
    expect(r.extraDebtPct[1]).toBeCloseTo(1, 12);
    expect(r.addedInterestPct[1]).toBe(0);
    // Year 2: interest 1 × 0.03 / 1.04 = 0.028846…; x2 = 1 × 1.03 / 1.04 + 2 = 2.990384615…
    expect(r.addedInterestPct[2]).toBeCloseTo(0.03 / 1.04, 12);
    expect(r.extraDebtPct[2]).toBeCloseTo(1.03 / 1.04 + 2, 12);
    expect(r.extraDeficitPct[2]).toBeCloseTo(2 + 0.03 / 1.04, 12);
    // Year 3: x3 = 2.990384615 × 1.05 / 1.02 + 3 = 6.0783371… ; interest 2.990384615 × 0.05 / 1.02.
    const x2 = 1.03 / 1.04 + 2;
    expect(r.extraDebtPct[3]).toBeCloseTo((x2 * 1.05) / 1.02 + 3, 12);
    expect(r.extraDebtPct[3]).toBeCloseTo(6.0783371, 6);
    expect(r.addedInterestPct[3]).toBeCloseTo((x2 * 0.05) / 1.02, 12);
  });

  it("leaves nothing when nothing is borrowed, exactly", () => {
    const r = extraDebtPath([0, 0, 0, 0, 0], [0, 0.03, 0.07, -0.01, 0.02], [0, 0.05, -0.02, 0.1, 0.03]);
    // Zero times a negative rate is −0, which still adds nothing to a baseline (b + −0 === b).
    expect(Array.from(r.extraDebtPct).every((v) => v === 0)).toBe(true);
    expect(Array.from(r.addedInterestPct).every((v) => v === 0)).toBe(true);
  });

  it("never lowers the debt when more is borrowed in any year (property)", () => {
    const year = fc.record({
      s: fc.double({ min: 0, max: 5, noNaN: true }),
      more: fc.double({ min: 0, max: 5, noNaN: true }),
      i: fc.double({ min: 0, max: 0.1, noNaN: true }),
      g: fc.double({ min: -0.05, max: 0.15, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(year, { minLength: 2, maxLength: 15 }), (ys) => {
        const i = ys.map((y) => y.i);
        const g = ys.map((y) => y.g);
        const less = extraDebtPath(
          ys.map((y) => y.s),
          i,
          g,
        );
        const more = extraDebtPath(
          ys.map((y) => y.s + y.more),
          i,
          g,
        );
        ys.forEach((_, k) => {
          expect(more.extraDebtPct[k] as number).toBeGreaterThanOrEqual((less.extraDebtPct[k] as number) - 1e-9);
        });
      }),
    );
  });

  it("carries a baseline beyond the horizon with the primary balance held: 100 × 1.03 / 1.04 − 0.5", () => {
    expect(projectBaselineDebt(100, 0.03, 0.04, 0.5)).toBeCloseTo(100 * (1.03 / 1.04) - 0.5, 12);
  });
});
