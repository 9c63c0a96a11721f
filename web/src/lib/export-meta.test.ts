import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadDataset } from "../../../src/data/load-dataset.ts";
import { DEFAULT_ESTIMATE_NOTE, distinctSources, sourceLine, tableMetadata, today, wrapText } from "./export-meta.ts";

const ds = loadDataset();
const nato = ds.source(ds.latestNatoVintage().sourceId);

describe("export metadata", () => {
  it("wraps text at spaces without losing or reordering a word, each line within the width unless one word is longer", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{1,12}$/), { maxLength: 40 }), fc.integer({ min: 5, max: 60 }), (words, max) => {
        const lines = wrapText(words.join(" "), max);
        expect(lines.join(" ").split(" ").filter(Boolean)).toEqual(words);
        for (const l of lines) expect(l.length <= max || !l.includes(" ")).toBe(true);
      }),
    );
  });

  it("names each source once, with its address", () => {
    const list = distinctSources([nato, undefined, nato]);
    expect(list).toHaveLength(1);
    expect(sourceLine(list)).toBe(`Source: ${nato?.publisher}, ${nato?.title} (${nato?.published}) — ${nato?.url}`);
    expect(sourceLine([])).toBe("Source: –");
  });

  it("writes the CSV's companion: columns in the CSV's order, each source's terms and retrieval date, the view and the day", () => {
    const m = tableMetadata(
      {
        title: "T",
        subtitle: "",
        sources: distinctSources([nato]),
        estimateNote: DEFAULT_ESTIMATE_NOTE,
        url: "http://x/#/overview",
        date: "2026-12-01",
      },
      "t.csv",
      [
        { key: "ally", header: "Ally" },
        { key: "value", header: "% of GDP", unit: "percent of GDP" },
      ],
    );
    expect(m.columns).toEqual([
      { name: "ally", title: "Ally" },
      { name: "value", title: "% of GDP", unit: "percent of GDP" },
    ]);
    expect(m.sources).toEqual([
      expect.objectContaining({ id: nato?.id, retrieved: nato?.retrieved, licence: nato?.licence, terms: nato?.terms, url: nato?.url }),
    ]);
    expect(m.view).toBe("http://x/#/overview");
    expect(m.saved).toBe("2026-12-01");
  });

  it("dates a file by the UTC day", () => {
    expect(today(new Date("2026-12-01T23:59:59Z"))).toBe("2026-12-01");
  });
});
