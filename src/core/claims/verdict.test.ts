import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadDataset } from "../../data/load-dataset.ts";
import { checkSentence } from "./check-claims.ts";
import type { StatedNumber } from "./numbers.ts";
import { judge } from "./verdict.ts";

const ds = loadDataset();
const stated = (value: number, unit: number, approx: StatedNumber["approx"] = "exact"): StatedNumber => ({
  value,
  unit,
  approx,
  fraction: false,
  upper: null,
  text: String(value),
});

/** Every (ally, year) with a share of GDP and a USD figure in the 2024-06 release. */
const cells = ds.allies.flatMap((a) =>
  [2014, 2018, 2020, 2022, 2023, 2024].flatMap((year) => {
    const share = ds.get("2024-06", a.iso3, "defexp_share_gdp_pct", year);
    const usd = ds.get("2024-06", a.iso3, "defexp_usd_current", year);
    return share && usd ? [{ ally: a, year, share: share.value, usd: usd.value }] : [];
  }),
);

const verdictOf = (sentence: string) => {
  const r = checkSentence(ds, { sentence, vintage: "2024-06" });
  expect(r.claims, sentence).toHaveLength(1);
  return r.claims[0]?.results[0]?.verdict;
};

describe("verdict rules", () => {
  it("hand-checked cases: the issue's example, directions, nearly, counts", () => {
    // "about $1.47 trillion" against $1,474,399 m: within the sentence's own rounding ($5 bn).
    expect(judge({ ...stated(1_470_000, 10_000, "about"), text: "about $1.47 trillion" }, 1_474_399).verdict).toBe("consistent");
    expect(judge(stated(1_470_000, 10_000), 1_476_000).verdict).toBe("close");
    expect(judge(stated(4, 1, "more_than"), 4.12).verdict).toBe("consistent");
    expect(judge(stated(4, 1, "more_than"), 3.9).verdict).toBe("close");
    expect(judge(stated(4, 1, "more_than"), 3).verdict).toBe("inconsistent");
    expect(judge(stated(1_000_000, 1_000_000, "nearly"), 997_309).verdict).toBe("consistent");
    expect(judge(stated(1_000_000, 1_000_000, "nearly"), 850_000).verdict).toBe("close");
    expect(judge(stated(1_000_000, 1_000_000, "nearly"), 750_000).verdict).toBe("inconsistent");
    expect(judge(stated(23, 1), 22, { count: true }).verdict).toBe("close");
    expect(judge(stated(23, 1), 20, { count: true }).verdict).toBe("inconsistent");
  });

  it("property: a share of GDP restated at any rounding is consistent", () => {
    fc.assert(
      fc.property(fc.constantFrom(...cells), fc.integer({ min: 0, max: 4 }), fc.boolean(), (cell, decimals, about) => {
        const written = cell.share.toFixed(decimals);
        const sentence = `Invented: ${cell.ally.name} spent ${about ? "about " : ""}${written}% of GDP in ${cell.year}.`;
        expect(verdictOf(sentence)).toBe("consistent");
      }),
      { numRuns: 150, seed: 18 },
    );
  });

  it("property: spending restated in billions at any rounding is consistent", () => {
    fc.assert(
      fc.property(fc.constantFrom(...cells), fc.integer({ min: 0, max: 3 }), (cell, decimals) => {
        const billions = (cell.usd / 1000).toFixed(decimals);
        expect(verdictOf(`Invented: ${cell.ally.name} spent $${billions} billion in ${cell.year}.`)).toBe("consistent");
      }),
      { numRuns: 150, seed: 19 },
    );
  });

  it("property: a figure 20% off (written finely enough to say so) is inconsistent", () => {
    fc.assert(
      fc.property(fc.constantFrom(...cells), fc.constantFrom(0.8, 1.2), fc.boolean(), (cell, factor, money) => {
        const sentence = money
          ? `Invented: ${cell.ally.name} spent $${((cell.usd * factor) / 1000).toPrecision(4)} billion in ${cell.year}.`
          : `Invented: ${cell.ally.name} spent ${(cell.share * factor).toFixed(3)}% of GDP in ${cell.year}.`;
        expect(verdictOf(sentence)).toBe("inconsistent");
      }),
      { numRuns: 150, seed: 20 },
    );
  });
});
