import { describe, expect, it } from "vitest";
import { csvField, fileSlug, toCsv, toJson } from "./table-export.ts";

describe("CSV export", () => {
  it("quotes only fields with a comma, a quote or a line break (RFC 4180)", () => {
    expect(csvField("Poland")).toBe("Poland");
    expect(csvField("Korea, Republic of")).toBe('"Korea, Republic of"');
    expect(csvField('the "Hague" pledge')).toBe('"the ""Hague"" pledge"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
  });

  it("prints numbers at full precision and absent values as empty cells, never 0", () => {
    expect(csvField(4.1234567)).toBe("4.1234567");
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField(Number.NaN)).toBe("");
  });

  it("writes a header and one line per row in the column order given", () => {
    const csv = toCsv(
      ["rank", "ally", "name", "value", "estimate"],
      [
        { rank: 1, ally: "POL", name: "Poland", value: 4.12, estimate: "estimate" },
        { ally: "TUR", name: "Türkiye", rank: 2, value: 2.09, estimate: "reported" },
      ],
    );
    expect(csv).toBe("rank,ally,name,value,estimate\n1,POL,Poland,4.12,estimate\n2,TUR,Türkiye,2.09,reported\n");
  });

  it("writes JSON with absent numbers as null", () => {
    expect(JSON.parse(toJson([{ a: 1, b: Number.NaN, c: null }]))).toEqual([{ a: 1, b: null, c: null }]);
  });

  it("makes file names from titles", () => {
    expect(fileSlug("Defence spending, share of GDP — 2024 (NATO 2024-06)")).toBe("defence-spending-share-of-gdp-2024-nato-2024-06");
    expect(fileSlug("Türkiye")).toBe("turkiye");
  });
});
