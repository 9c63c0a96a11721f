import { describe, expect, it } from "vitest";
import { loadDataset } from "../../../src/data/load-dataset.ts";
import { matchAllies } from "./ally-search.ts";

const allies = loadDataset().allies;
const codes = (q: string) => matchAllies(allies, q).map((a) => a.iso3);

describe("the ally search", () => {
  it("finds an ally by ISO3, ISO2 or name, in any case, accents ignored", () => {
    expect(codes("deu")[0]).toBe("DEU");
    expect(codes("DE")[0]).toBe("DEU");
    expect(codes("germ")).toEqual(["DEU"]);
    expect(codes("turkiye")).toEqual(codes("Türkiye"));
  });

  it("puts names that start with the text before names that merely contain it", () => {
    const found = matchAllies(allies, "ma").map((a) => a.name);
    const starts = found.filter((n) => n.toLowerCase().startsWith("ma"));
    expect(found.slice(0, starts.length)).toEqual(starts);
    expect(found.every((n) => n.toLowerCase().includes("ma") || allies.some((a) => a.name === n && a.iso2 === "MA"))).toBe(true);
  });

  it("finds nothing for nothing typed or an unknown word", () => {
    expect(codes("  ")).toEqual([]);
    expect(codes("atlantis")).toEqual([]);
  });
});
