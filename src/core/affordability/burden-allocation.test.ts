import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BurdenKeySchema } from "../../model/affordability.ts";
import { allocateBurden, type BurdenMember } from "./burden.ts";

const KEYS = BurdenKeySchema.options;
const member = fc.record({
  gdpUsdM: fc.double({ min: 1_000, max: 5_000_000, noNaN: true }),
  share: fc.double({ min: 0.005, max: 0.06, noNaN: true }),
});
const members = fc
  .array(member, { minLength: 1, maxLength: 31 })
  .map((ms) => ms.map((m, i): BurdenMember => ({ ally: `A${i}`, gdpUsdM: m.gdpUsdM, coreUsdM: m.gdpUsdM * m.share })));

describe("allocateBurden", () => {
  it("parts sum to the amount for every key (property)", () => {
    fc.assert(
      fc.property(members, fc.double({ min: 0, max: 1_000_000, noNaN: true }), (ms, amount) => {
        for (const key of KEYS) {
          const parts = allocateBurden(amount, ms, key);
          const sum = parts.reduce((s, v) => s + v, 0);
          expect(Math.abs(sum - amount)).toBeLessThanOrEqual(1e-9 * Math.max(1, amount));
          for (const p of parts) expect(p).toBeGreaterThanOrEqual(-1e-9 * Math.max(1, amount));
        }
      }),
    );
  });

  it("scaling every GDP, spending and the gap by one constant leaves each part in points of GDP unchanged (property)", () => {
    fc.assert(
      fc.property(
        members,
        fc.double({ min: 1, max: 500_000, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (ms, amount, c) => {
          const scaled = ms.map((m) => ({ ...m, gdpUsdM: m.gdpUsdM * c, coreUsdM: m.coreUsdM * c }));
          for (const key of KEYS) {
            const a = allocateBurden(amount, ms, key);
            const b = allocateBurden(amount * c, scaled, key);
            ms.forEach((m, i) => {
              const ppA = ((a[i] as number) / m.gdpUsdM) * 100;
              const ppB = ((b[i] as number) / (scaled[i] as BurdenMember).gdpUsdM) * 100;
              expect(Math.abs(ppA - ppB)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(ppA)));
            });
          }
        },
      ),
    );
  });

  it("shares by GDP, by spending and by equal effort as computed by hand", () => {
    // Three allies: GDP 100, 200, 700; core spending 1 %, 2 % and 3 % of it (1, 4, 21).
    const ms: BurdenMember[] = [
      { ally: "A", gdpUsdM: 100, coreUsdM: 1 },
      { ally: "B", gdpUsdM: 200, coreUsdM: 4 },
      { ally: "C", gdpUsdM: 700, coreUsdM: 21 },
    ];
    expect(Array.from(allocateBurden(10, ms, "gdp"))).toEqual([1, 2, 7]);
    const bySpending = allocateBurden(26, ms, "spending");
    expect(Array.from(bySpending, (v) => Math.round(v * 1e9) / 1e9)).toEqual([1, 4, 21]);
    // Equal effort, amount 2: lifting A from 1 % to 2 % costs 1; then A and B together (GDP 300) need 1 more:
    // level 2 % + 1/300 → A pays (0.02 + 1/300 − 0.01) × 100 = 1.3333, B pays (1/300) × 200 = 0.6667, C nothing.
    const effort = allocateBurden(2, ms, "effort");
    expect(effort[0]).toBeCloseTo(1 + 1 / 3, 12);
    expect(effort[1]).toBeCloseTo(2 / 3, 12);
    expect(effort[2]).toBe(0);
    // Amount 0.5: only A is lifted, to 1.5 %.
    const small = allocateBurden(0.5, ms, "effort");
    expect(small[0]).toBeCloseTo(0.5, 12);
    expect([small[1], small[2]]).toEqual([0, 0]);
  });

  it("gives nothing to share when there is no gap", () => {
    for (const key of KEYS) expect(Array.from(allocateBurden(0, [{ ally: "A", gdpUsdM: 1, coreUsdM: 0.01 }], key))).toEqual([0]);
  });
});
