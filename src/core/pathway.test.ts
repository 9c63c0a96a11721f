import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { loadDataset } from "../data/load-dataset.ts";
import type { IndicatorId } from "../model/indicator.ts";
import { EconomicAssumptionsSchema, type PathwayTargetInput, PathwayTargetSchema } from "../model/pathway.ts";
import { completeTarget } from "./hague-figures.ts";
import { ParameterError } from "./parameter-error.ts";
import { allianceSums, computeAllyPathway, computePathways, PATHWAY_COLUMNS, resolveTarget } from "./pathway.ts";
import { preparePathwayContext } from "./pathway-context.ts";

const ds = loadDataset();
const imf = (iso: string, indicator: IndicatorId, year: number) => {
  const v = ds.get("weo-2026-04", iso, indicator, year)?.value;
  if (v === undefined) throw new Error(`${iso} ${indicator} ${year}`);
  return v;
};
const natoCell = (iso: string, indicator: IndicatorId, year: number) => {
  const v = ds.get("2026-07", iso, indicator, year)?.value;
  if (v === undefined) throw new Error(`${iso} ${indicator} ${year}`);
  return v;
};
const economy = EconomicAssumptionsSchema.parse({});
const ctx = preparePathwayContext(ds, { vintageId: "2026-07", imfVintageId: "weo-2026-04", horizon: 2035, economy });
const target = (t: PathwayTargetInput = {}) => completeTarget(ds, PathwayTargetSchema.parse(t));
const pathOf = (ally: string, t: PathwayTargetInput = {}) => {
  const p = computePathways(ds, ctx, target(t), { allies: [ally] }).allies[0];
  if (!p) throw new Error(ally);
  return p;
};

describe("a pathway to the Hague target, checked by hand against the data", () => {
  it("Belgium climbs from its 2026 estimate of 2.00% by a sixth of a point a year to 3.5% in 2035", () => {
    const bel = pathOf("BEL");
    expect(bel.baseYear).toBe(2026);
    expect(bel.baseEstimate).toBe("estimate");
    expect(bel.years[0]).toBe(2026);
    expect(bel.years.at(-1)).toBe(2035);
    expect(bel.linearStepPp).toBeCloseTo(1.5 / 9, 12);
    expect(bel.columns.coreSharePct[3]).toBeCloseTo(2.5, 12); // 2029, the review year
    expect(bel.reviewIndex).toBe(3);
    expect(bel.columns.coreSharePct[9]).toBe(3.5);
    // NATO's 2026 cells: €13,296m = $15,678m, GDP $782,936m, share 2.0%. Base GDP is NATO's GDP at NATO's rate.
    const rate2026 = 13_296 / 15_678;
    const gdp2026 = 782_936 * rate2026;
    expect(bel.columns.gdpNcM[0]).toBeCloseTo(gdp2026, 6);
    // The IMF has 2027 nominal GDP growing 658.682 → 677.447 (€bn).
    const gdp2027 = (gdp2026 * 677.447) / 658.682;
    expect(bel.columns.gdpNcM[1]).toBeCloseTo(gdp2027, 6);
    expect(bel.columns.coreNcM[0]).toBeCloseTo(0.02 * gdp2026, 6);
    expect(bel.columns.coreNcM[1]).toBeCloseTo((gdp2027 * (2 + 1.5 / 9)) / 100, 6);
    // Dollars: NATO's 2026 rate, then moving as the IMF's implied rate (€bn ÷ $bn): 658.682/776.73 → 677.447/797.019.
    expect(bel.columns.ncPerUsd[0]).toBeCloseTo(rate2026, 12);
    const rate2027 = rate2026 * (677.447 / 797.019 / (658.682 / 776.73));
    expect(bel.columns.ncPerUsd[1]).toBeCloseTo(rate2027, 12);
    expect(bel.columns.coreUsdCurrentM[0]).toBeCloseTo((0.02 * gdp2026) / rate2026, 6);
    expect(bel.columns.coreUsdCurrentM[1]).toBeCloseTo((gdp2027 * (2 + 1.5 / 9)) / 100 / rate2027, 6);
    // Constant dollars at 2021 prices and exchange rates (13,027 $ constant for €13,296), deflated by the IMF deflator.
    expect(bel.columns.coreUsdConstM[0]).toBeCloseTo(0.02 * gdp2026 * (13_027 / 13_296), 6);
    const deflator = 125.242 / 123.062;
    expect(bel.columns.coreUsdConstM[1]).toBeCloseTo((((gdp2027 * (2 + 1.5 / 9)) / 100) * (13_027 / 13_296)) / deflator, 6);
  });

  it("beyond the WEO horizon (2031) an exchange rate moves with the inflation differential against the US", () => {
    const tur = pathOf("TUR");
    const k = 2032 - tur.baseYear;
    // TUR's and the USA's deflator growth after 2031: each one's mean of 2027–2031, from the IMF rows.
    const mean = (iso: string) => {
      let sum = 0;
      for (let y = 2027; y <= 2031; y++) sum += imf(iso, "gdp_deflator_index", y) / imf(iso, "gdp_deflator_index", y - 1) - 1;
      return sum / 5;
    };
    const expected = ((tur.columns.ncPerUsd[k - 1] as number) * (1 + mean("TUR"))) / (1 + mean("USA"));
    expect(tur.columns.ncPerUsd[k]).toBeCloseTo(expected, 9);
    expect(tur.rateSource[k]).toBe("assumption");
    expect(tur.rateSource[k - 1]).toBe("weo");
  });

  it("the Netherlands: NATO's share (2.58%) is not its spending ÷ its GDP (2.29%), so the path starts from 2.29% and says so", () => {
    const nld = pathOf("NLD");
    expect(nld.baseGdp.identityFails).toBe(true);
    expect(nld.baseGdp.publishedSharePct).toBe(2.58);
    const spend = natoCell("NLD", "defexp_usd_current", 2026);
    const gdp = natoCell("NLD", "gdp_usd_current", 2026);
    expect(nld.baseSharePct).toBeCloseTo((spend / gdp) * 100, 9);
    expect(nld.baseSharePct).toBeCloseTo(2.29, 2);
    // Amounts are shares of NATO's nominal GDP: the base year reproduces NATO's spending.
    expect(nld.columns.coreUsdCurrentM[0]).toBeCloseTo(spend, 6);
    const set = computePathways(ds, ctx, target(), { allies: ["NLD"] });
    expect(set.assumptions.join(" ")).toMatch(
      /Netherlands \(NLD\) 2026: NATO publishes a share of 2\.58% but its spending ÷ its GDP is 2\.29%/,
    );
  });

  it("core and related extra are apart: core over a freeze at the base share, related over its stated base (0)", () => {
    const deu = pathOf("DEU");
    const c = deu.columns;
    expect(c.coreExtraNcM[0]).toBe(0);
    let core = 0;
    let related = 0;
    for (let k = 1; k <= deu.targetIndex; k++) {
      core += (((c.coreSharePct[k] as number) - deu.baseSharePct) / 100) * (c.gdpNcM[k] as number);
      related += ((c.relatedSharePct[k] as number) / 100) * (c.gdpNcM[k] as number);
    }
    expect(c.cumulativeCoreExtraNcM[deu.targetIndex]).toBeCloseTo(core, 4);
    expect(c.cumulativeRelatedExtraNcM[deu.targetIndex]).toBeCloseTo(related, 4);
    // Poland already spends above 3.5%: no core extra at all; its related spending is reported apart.
    const pol = pathOf("POL");
    expect(pol.columns.cumulativeCoreExtraUsdCurrentM.at(-1)).toBe(0);
    expect(pol.columns.cumulativeRelatedExtraUsdCurrentM.at(-1)).toBeGreaterThan(0);
  });

  it("Spain's target is its own arrangement (2.1%), from the data, with the note", () => {
    const esp = pathOf("ESP");
    expect(esp.target.corePct).toBe(2.1);
    expect(esp.target.coreTargetNote).toMatch(/Spain|2\.1/);
    expect(esp.columns.coreSharePct[esp.targetIndex]).toBe(2.1);
    expect(resolveTarget(ds, "ESP", target({ corePct: 3.5 })).corePct).toBe(3.5); // an explicit target wins
  });

  it("an ally already above 3.5% (Poland, 4.68% in 2026) holds its share rather than cutting to the target", () => {
    const pol = pathOf("POL");
    expect(pol.alreadyMet).toBe(true);
    expect(new Set(pol.columns.coreSharePct)).toEqual(new Set([pol.baseSharePct]));
  });

  it("Iceland has no pathway, and asking for it says why", () => {
    expect(ctx.excluded.map((x) => x.ally)).toEqual(["ISL"]);
    expect(() => computePathways(ds, ctx, target(), { allies: ["ISL"] })).toThrow(/armed forces/);
  });

  it("the shapes: front-loaded is ahead of linear at the review, back-loaded behind, all land on the target", () => {
    const linear = pathOf("ITA");
    const front = pathOf("ITA", { shape: "front-loaded" });
    const back = pathOf("ITA", { shape: "back-loaded" });
    const r = linear.reviewIndex;
    expect(front.columns.coreSharePct[r]).toBeGreaterThan(linear.columns.coreSharePct[r] as number);
    expect(back.columns.coreSharePct[r]).toBeLessThan(linear.columns.coreSharePct[r] as number);
    for (const p of [linear, front, back]) expect(p.columns.coreSharePct[p.targetIndex]).toBe(3.5);
  });

  it("constant real growth: constant-price spending grows by the same factor every year and lands on the target", () => {
    const p = pathOf("FRA", { shape: "constant-real-growth" });
    const real = p.columns.coreUsdConstM;
    const first = (real[1] as number) / (real[0] as number);
    for (let k = 2; k < p.targetIndex; k++) expect((real[k] as number) / (real[k - 1] as number)).toBeCloseTo(first, 10);
    expect(p.columns.coreSharePct[p.targetIndex]).toBe(3.5);
  });

  it("a user plan: shares interpolate between the years given and hold after; amounts convert through GDP", () => {
    const p = pathOf("NLD", { shape: "plan", plan: { kind: "share", values: { "2028": 3, "2030": 3.4 } } });
    expect(p.columns.coreSharePct[2]).toBe(3);
    expect(p.columns.coreSharePct[3]).toBeCloseTo(3.2, 12);
    expect(p.columns.coreSharePct.at(-1)).toBe(3.4);
    const amount = pathOf("NLD", { shape: "plan", plan: { kind: "amount", values: { "2030": 40_000 } } });
    expect(amount.columns.coreNcM[4]).toBeCloseTo(40_000, 6);
  });

  it("refuses a target year not after the base year, naming the field", () => {
    expect(() => pathOf("BEL", { targetYear: 2026 })).toThrow(ParameterError);
    expect(() => pathOf("BEL", { targetYear: 2026 })).toThrow(/target\.targetYear: 2026 is not after BEL's base year 2026/);
    expect(() => PathwayTargetSchema.parse({ corePct: -1 })).toThrow(/must be 0 or more/);
    expect(() => pathOf("BEL", { shape: "plan" })).toThrow(/target\.plan/);
  });

  it("states every assumption it made, including related spending starting from zero", () => {
    const set = computePathways(ds, ctx, target());
    const text = set.assumptions.join(" ");
    expect(text).toMatch(
      /IMF WEO \(weo-2026-04\) projects to 2031; after 2031 at each ally's average projected nominal growth of 2027–2031/,
    );
    expect(text).toMatch(/Related \(1\.5%\) spending starts from 0/);
    expect(text).toMatch(/2021 prices/);
  });
});

describe("pathway properties", () => {
  const economies = ctx.economies;
  const anyAlly = fc.constantFrom(...economies.map((e) => e.ally));

  test.prop([anyAlly, fc.double({ min: 0, max: 10, noNaN: true }), fc.integer({ min: 2027, max: 2035 })])(
    "a linear path reaches the target exactly in the target year (unless the base already exceeds it)",
    (ally, corePct, targetYear) => {
      const e = economies.find((x) => x.ally === ally);
      if (!e) throw new Error(ally);
      const p = computeAllyPathway(e, { ...resolveTarget(ds, ally, target({ targetYear })), corePct });
      const at = p.columns.coreSharePct[p.targetIndex];
      expect(at).toBe(p.alreadyMet ? e.baseSharePct : corePct);
    },
  );

  test.prop([anyAlly, fc.double({ min: 0, max: 10, noNaN: true }), fc.integer({ min: 2027, max: 2035 })])(
    "linear shares never fall when the target is above the base",
    (ally, corePct, targetYear) => {
      const e = economies.find((x) => x.ally === ally);
      if (!e) throw new Error(ally);
      fc.pre(corePct > e.baseSharePct);
      const s = computeAllyPathway(e, { ...resolveTarget(ds, ally, target({ targetYear })), corePct }).columns.coreSharePct;
      for (let k = 1; k < s.length; k++) expect(s[k]).toBeGreaterThanOrEqual(s[k - 1] as number);
    },
  );

  test.prop([
    fc.shuffledSubarray(
      economies.map((e) => e.ally),
      { minLength: 1 },
    ),
    fc.constantFrom("linear", "front-loaded", "back-loaded", "constant-real-growth" as const),
  ])("alliance sums equal the sum over allies, and do not depend on the order of allies", (allies, shape) => {
    const set = computePathways(ds, ctx, target({ shape }), { allies });
    const reversed = allianceSums([...set.allies].reverse(), 2035);
    for (let j = 0; j < set.alliance.years.length; j++) {
      let sum = 0;
      for (const p of set.allies) sum += p.columns.coreUsdCurrentM[j] as number;
      expect(set.alliance.coreUsdCurrentM[j]).toBeCloseTo(sum, 6);
      expect(reversed.coreUsdCurrentM[j]).toBe(set.alliance.coreUsdCurrentM[j]);
      expect(set.alliance.alliesCounted[j]).toBe(allies.length);
    }
    const us = set.allies.find((p) => p.ally === "USA");
    const last = set.alliance.years.length - 1;
    expect(set.alliance.usCoreUsdCurrentM[last]).toBe(us ? us.columns.coreUsdCurrentM[last] : 0);
  });

  test.prop([
    fc.subarray(
      economies.map((e) => e.ally),
      { minLength: 2 },
    ),
    fc.constantFrom("linear", "front-loaded", "freeze" as const),
  ])(
    "allies laid out in one buffer hold what each computed alone holds, and writing one ally's column leaves the others",
    (allies, shape) => {
      const t = target({ shape });
      const set = computePathways(ds, ctx, t, { allies });
      const alone = set.allies.map((p) => {
        const e = economies.find((x) => x.ally === p.ally);
        if (!e) throw new Error(p.ally);
        return computeAllyPathway(e, resolveTarget(ds, p.ally, t));
      });
      set.allies.forEach((p, i) => {
        for (const [column, values] of Object.entries(p.columns)) {
          expect(values.length, `${p.ally} ${column}`).toBe(p.years.length);
          expect(Array.from(values), `${p.ally} ${column}`).toEqual(Array.from(alone[i]?.columns[column as keyof typeof p.columns] ?? []));
        }
      });
      const before = set.allies.map((p) => Object.values(p.columns).map((c) => Array.from(c)));
      for (const c of Object.values(set.allies[0]?.columns ?? {})) c.fill(-1);
      set.allies.slice(1).forEach((p, i) => {
        expect(Object.values(p.columns).map((c) => Array.from(c))).toEqual(before[i + 1]);
      });
    },
  );

  it("lays out an ally's columns in the order PATHWAY_COLUMNS declares, one after another", () => {
    const set = computePathways(ds, ctx, target(), { allies: ["BEL", "DEU"] });
    let offset = 0;
    for (const p of set.allies) {
      expect(Object.keys(p.columns)).toEqual([...PATHWAY_COLUMNS]);
      for (const column of PATHWAY_COLUMNS) {
        expect(p.columns[column].byteOffset, `${p.ally} ${column}`).toBe(offset);
        offset += p.years.length * 8;
      }
    }
  });
});
