import { describe, expect, it } from "vitest";
import { loadDataset } from "../data/load-dataset.ts";
import { createDataset } from "../model/dataset.ts";
import { EconomicAssumptionsSchema } from "../model/pathway.ts";
import { type ContextOptions, preparePathwayContext, rememberedContexts } from "./pathway-context.ts";

const ds = loadDataset();
const options = (horizon: number, gdpShockPp = 0): ContextOptions => ({
  vintageId: "2026-07",
  imfVintageId: "weo-2026-04",
  horizon,
  economy: EconomicAssumptionsSchema.parse({ gdpShockPp }),
});

describe("contexts remembered by their options", () => {
  it("gives the context a fresh preparation gives, once per options, and another for other options", () => {
    const prepare = rememberedContexts(4);
    const first = prepare(ds, options(2035));
    expect(first).toEqual(preparePathwayContext(ds, options(2035)));
    expect(prepare(ds, options(2035))).toBe(first);
    const shocked = prepare(ds, options(2035, -2));
    expect(shocked).not.toBe(first);
    expect(shocked).toEqual(preparePathwayContext(ds, options(2035, -2)));
  });

  it("forgets the oldest past its bound, and everything when the dataset changes", () => {
    const prepare = rememberedContexts(2);
    const a = prepare(ds, options(2035));
    prepare(ds, options(2036));
    prepare(ds, options(2037));
    expect(prepare(ds, options(2035))).not.toBe(a);
    const b = prepare(ds, options(2036));
    const other = createDataset(ds);
    expect(prepare(other, options(2036))).not.toBe(b);
  });
});
