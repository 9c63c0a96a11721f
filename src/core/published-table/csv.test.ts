import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "./csv.ts";

describe("the one CSV writer", () => {
  it.each([
    ["a plain label", "Poland", "Poland"],
    ["a comma is quoted", "Europe, Canada", '"Europe, Canada"'],
    ["quotes are doubled", 'the "2 %" guideline', '"the ""2 %"" guideline"'],
    ["a line break is quoted", "a\nb", '"a\nb"'],
    ["a formula is defused", "=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""],
    ["a plus sign is defused", "+1+cmd", "'+1+cmd"],
    ["an at sign is defused", "@SUM(A1)", "'@SUM(A1)"],
    ["a leading tab is defused", "\tx", "'\tx"],
    ["a leading minus in text is defused", "-2+3", "'-2+3"],
    ["a negative number written as text stays a number", "-3.1", "-3.1"],
  ])("%s", (_, input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  it("writes numbers as numbers, absent values as empty cells", () => {
    expect(csvField(-3.1)).toBe("-3.1");
    expect(csvField(0)).toBe("0");
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField(Number.NaN)).toBe("");
    expect(csvField(Number.POSITIVE_INFINITY)).toBe("");
    expect(csvField(true)).toBe("true");
  });

  it("writes a header and one line per row, by column key", () => {
    const rows = [
      { ally: "POL", value: 4.12, extra: "not a column" },
      { ally: "ISL", value: null },
    ];
    expect(toCsv(["ally", "value"], rows)).toBe("ally,value\nPOL,4.12\nISL,\n");
  });
});
