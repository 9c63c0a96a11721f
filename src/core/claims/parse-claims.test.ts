/**
 * The grammar, pattern by pattern: each has an INVENTED sentence it must read and an INVENTED near
 * miss it must not (real sentences are in test/fixtures/claims/corpus.json). Invented sentences are
 * never attributed to anyone.
 */
import { describe, expect, it } from "vitest";
import { loadDataset } from "../../data/load-dataset.ts";
import { fractionValue, numeral, wordNumber } from "./numbers.ts";
import { parseClaims } from "./parse-claims.ts";

const ds = loadDataset();
const read = (s: string, published: number | null = 2025) => parseClaims(s, ds.allies, published);
const only = (s: string, published: number | null = 2025) => {
  const r = read(s, published);
  expect(r.claims, JSON.stringify(r)).toHaveLength(1);
  return r.claims[0] as NonNullable<(typeof r.claims)[0]>;
};

describe("numbers", () => {
  it("keeps the place value of the last written digit", () => {
    expect(numeral("1,474.4")).toEqual({ value: 1474.4, unit: 0.1 });
    expect(numeral("4.12")).toEqual({ value: 4.12, unit: 0.01 });
    expect(numeral("23")).toEqual({ value: 23, unit: 1 });
    expect(numeral("4,12")).toBeUndefined();
  });
  it("reads number words and refuses what is not one", () => {
    expect(wordNumber("twenty-three")).toBe(23);
    expect(wordNumber("ten")).toBe(10);
    expect(wordNumber("twenty-eleven")).toBeUndefined();
    expect(wordNumber("a")).toBeUndefined();
  });
  it("reads fractions, and refuses ungrammatical ones", () => {
    expect(fractionValue("two-thirds")).toBeCloseTo(2 / 3, 12);
    expect(fractionValue("a quarter")).toBe(0.25);
    expect(fractionValue("three quarters")).toBe(0.75);
    expect(fractionValue("half")).toBe(0.5);
    expect(fractionValue("two-third")).toBeUndefined();
    expect(fractionValue("five-quarters")).toBeUndefined();
  });
});

describe("claim patterns (invented sentences)", () => {
  it("share of GDP: digits, 'per cent', an approximator; the near miss names no ally", () => {
    const c = only("Invented: Poland spends more than 4 per cent of its GDP on defence in 2024.");
    expect(c).toMatchObject({ kind: "share_of_gdp", subject: "POL", stated: { value: 4, unit: 1, approx: "more_than" } });
    expect(c.year?.year).toBe(2024);
    expect(read("Invented: spending is more than 4 per cent of GDP in 2024.").claims).toHaveLength(0);
  });

  it("ally names, ISO codes, demonyms and aliases: Britain, the US, Türkiye/Turkey, Czech Republic", () => {
    expect(only("Invented: Britain spent 2.33% of GDP in 2024.").subject).toBe("GBR");
    expect(only("Invented: the US spent 3.38% of GDP in 2024.").subject).toBe("USA");
    expect(only("Invented: Türkiye spent 2.09% of GDP in 2024.").subject).toBe("TUR");
    expect(only("Invented: Turkey spent 2.09% of GDP in 2024.").subject).toBe("TUR");
    expect(only("Invented: Polish spending reached 4.12% of GDP in 2024.").subject).toBe("POL");
    // "us" in lower case is the pronoun, not the United States.
    expect(read("Invented: they told us 3.38% of GDP in 2024.").claims).toHaveLength(0);
  });

  it("alliance totals in trillions, billions and words; the near miss is an amount in euros", () => {
    const c = only("Invented: NATO allies spent about $1.47 trillion in 2024.");
    expect(c).toMatchObject({ kind: "spending", subject: "NATO_TOTAL", stated: { value: 1_470_000, unit: 10_000, approx: "about" } });
    const half = only("Invented: European allies and Canada spent about half a trillion dollars in 2024.");
    expect(half).toMatchObject({ subject: "NATO_EUR_CAN", stated: { value: 500_000, fraction: true } });
    const r = read("Invented: Germany spent €90.6 billion in 2024.");
    expect(r.claims).toHaveLength(0);
    expect(r.unparsed[0]?.reason).toMatch(/currency other than US dollars/);
  });

  it("the US share of the alliance's spending, as a percentage or a fraction; the near miss is a share of something else", () => {
    expect(only("Invented: the United States accounted for two-thirds of all defence spending by NATO members in 2024.")).toMatchObject({
      kind: "share_of_alliance_spending",
      subject: "USA",
      stated: { fraction: true },
    });
    expect(only("Invented: the US accounted for 64% of combined defense expenditure in 2024.").kind).toBe("share_of_alliance_spending");
    expect(read("Invented: the US accounted for two-thirds of the arms exports in 2024.").claims).toHaveLength(0);
  });

  it("counts at a threshold: 'ten of the 32 members', 'all but one', words; the near miss has no threshold", () => {
    const c = only("Invented: ten of the 32 members met the 2% guideline in 2023.");
    expect(c).toMatchObject({ kind: "count_at_threshold", thresholdPct: 2, side: "at_or_above", stated: { value: 10 } });
    expect(only("Invented: all but one ally met the 2% guideline in 2025.")).toMatchObject({ allBut: 1 });
    expect(only("Invented: eight allies remained below 2% of GDP in 2024.")).toMatchObject({ side: "below", stated: { value: 8 } });
    expect(read("Invented: ten of the 32 members met the target in 2023.").claims).toHaveLength(0);
    expect(read("Invented: the alliance has 32 members and a 2% guideline.").claims).toHaveLength(0);
  });

  it("rankings: 'the highest', 'ranks third', 'second only to', 'the lowest'; the near miss is a highest level in time", () => {
    expect(only("Invented: Poland had the highest share of GDP in 2024.")).toMatchObject({
      kind: "rank",
      subject: "POL",
      stated: { value: 1 },
    });
    expect(only("Invented: the United States ranks third by share of GDP in 2024.")).toMatchObject({ stated: { value: 3 } });
    expect(only("Invented: Estonia was second only to Poland as a share of GDP in 2024.")).toMatchObject({
      behind: "POL",
      stated: { value: 2 },
    });
    expect(only("Invented: Spain had the lowest share of GDP in 2024.")).toMatchObject({ fromBottom: true });
    expect(read("Invented: Germany's spending was the highest level since 1990.").claims).toHaveLength(0);
  });

  it("changes: 'rose 11% in real terms', 'since 2014'; the near miss is 'up from' (an earlier value, not a change)", () => {
    expect(only("Invented: Germany's defence spending rose 29% in real terms in 2024.")).toMatchObject({ kind: "change", basis: "real" });
    expect(only("Invented: Germany's defence budget rose by a quarter in real terms in 2024.")).toMatchObject({
      kind: "change",
      subject: "DEU",
      basis: "real",
      stated: { value: 25, fraction: true },
    });
    expect(read("Invented: Germany's budget is a quarter of France's in 2024.").claims).toHaveLength(0);
    expect(only("Invented: Poland's spending has grown 200% in real terms since 2014.", 2024)).toMatchObject({ since: 2014, year: null });
    const r = read("Invented: NATO spent 2.71% of GDP in 2024, up from 2.53% in 2023.");
    expect(r.claims.map((c) => c.kind)).toEqual(["share_of_gdp", "share_of_gdp"]);
    expect(r.claims.map((c) => c.year?.year)).toEqual([2024, 2023]);
  });

  it("ratios to Russia: '25 times Russia's'; the near miss is a multiple of something else", () => {
    expect(only("Invented: NATO's economy is 25 times Russia's in 2025.")).toMatchObject({
      kind: "ratio_to_russia",
      ratioOf: "gdp",
      stated: { value: 25 },
    });
    expect(only("Invented: NATO spends ten times as much as Russia in 2024.")).toMatchObject({
      ratioOf: "spending",
      stated: { value: 10 },
    });
    expect(read("Invented: Poland's army is three times larger than in 2014.").claims).toHaveLength(0);
  });

  it("ranges and approximators: 'between 2 and 3 per cent', 'nearly', 'at least', 'under'", () => {
    expect(only("Invented: Canada spent between 1.3 and 1.4 per cent of GDP in 2024.").stated).toMatchObject({ value: 1.3, upper: 1.4 });
    expect(only("Invented: the US spent nearly $1 trillion in 2024.").stated.approx).toBe("nearly");
    expect(only("Invented: Lithuania spent at least 2.8% of GDP in 2024.").stated.approx).toBe("at_least");
    expect(only("Invented: Spain spent under 1.3% of GDP in 2024.").stated.approx).toBe("less_than");
  });

  it("years: stated, 'last year' against the publication date, none without one", () => {
    expect(only("Invented: Poland spent 4.12% of GDP last year.", 2025).year).toMatchObject({ year: 2024, kind: "relative" });
    expect(only("Invented: Poland spent 4.12% of GDP last year.", null).year).toMatchObject({ year: null });
    expect(only("Invented: Poland spent 4.12% of GDP.", 2025).year).toBeNull();
    // A target date is not the year of a figure.
    expect(only("Invented: Poland spent 4.12% of GDP, ahead of the 5% goal by 2035.").year).toBeNull();
  });

  it("does not guess: a percentage without a measure is reported as unparsed", () => {
    const r = read("Invented: Poland reached 4.12% in 2024.");
    expect(r.claims).toHaveLength(0);
    expect(r.unparsed).toEqual([{ text: "4.12%", reason: expect.stringMatching(/measure/) }]);
  });
});
