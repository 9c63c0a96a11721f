import { describe, expect, it } from "vitest";
import { loadDataset } from "../../data/load-dataset.ts";
import { createDataset } from "../../model/dataset.ts";
import { ParameterError } from "../parameter-error.ts";
import { checkSentence } from "./check-claims.ts";

const ds = loadDataset();

describe("checkSentence", () => {
  it("checks an imported vintage like a shipped one: the vintages come from the dataset at run time", () => {
    // An invented release that doubles Lithuania's 2024 share of GDP (test data, never shipped).
    const imported = {
      ...(ds.vintage("2024-06") as NonNullable<ReturnType<typeof ds.vintage>>),
      id: "2099-01",
      label: "Test import",
      published: "2099-01-01",
    };
    const observations = [
      ...ds.observations,
      ...ds.observations
        .filter((o) => o.vintageId === "2024-06" && o.year === 2024)
        .map((o) => ({
          ...o,
          vintageId: "2099-01",
          value: o.entity === "LTU" && o.indicator === "defexp_share_gdp_pct" ? o.value * 2 : o.value,
        })),
    ];
    const withImport = createDataset({ ...ds, vintages: [...ds.vintages, imported], observations });
    const r = checkSentence(withImport, { sentence: "Lithuania is just behind on 2.85 percent of GDP.", published: "2024-06-18" });
    const byVintage = Object.fromEntries((r.claims[0]?.results ?? []).map((x) => [x.vintage, x.verdict]));
    expect(byVintage).toEqual({ "2024-06": "consistent", "2025-08": "not_checkable", "2026-07": "close", "2099-01": "inconsistent" });
  });

  it("counts allies by the membership of the year: 28 members in 2016, Iceland never below", () => {
    const r = checkSentence(ds, { sentence: "Invented: 23 allies were below 2% of GDP in 2016.", vintage: "2024-06" });
    const res = r.claims[0]?.results[0];
    // Hand count from data/allies.csv: 32 allies minus Montenegro (2017), North Macedonia (2020), Finland (2023), Sweden (2024).
    expect(res?.shown).toMatch(/ of 28 allies below 2%/);
    // 28 members, Iceland not applicable, five at or above 2% in 2016 (2024-06 release): 22 below.
    expect(res?.value).toBe(22);
    expect(res?.caveats.join(" ")).toMatch(/Iceland has no armed forces and is not applicable, never below/);
  });

  it("evaluates The Hague 3.5% only from 2025 (data/guidelines.csv from_year)", () => {
    const r = checkSentence(ds, { sentence: "Invented: three allies spent at least 3.5% of GDP in 2024.", vintage: "2024-06" });
    expect(r.claims[0]?.results[0]).toMatchObject({ verdict: "not_checkable", why: expect.stringMatching(/applies from 2025/) });
  });

  it("refuses an unknown vintage or a malformed date naming the field", () => {
    const fieldOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof ParameterError ? e.field : "not a ParameterError";
      }
      return "no error";
    };
    expect(fieldOf(() => checkSentence(ds, { sentence: "x", vintage: "1999-01" }))).toBe("vintage");
    expect(fieldOf(() => checkSentence(ds, { sentence: "x", published: "June 2024" }))).toBe("published");
  });
});
