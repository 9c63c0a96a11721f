import { describe, expect, it } from "vitest";
import { loadDataset } from "../data/load-dataset.ts";
import { EconomicAssumptionsSchema, PathwayTargetSchema } from "../model/pathway.ts";
import { publishedPct } from "./figure.ts";
import { completeTarget } from "./hague-figures.ts";
import { computePathways } from "./pathway.ts";
import { preparePathwayContext } from "./pathway-context.ts";
import { NormalStream } from "./random.ts";
import { simulateAlly, simulatePathways, thresholdCut } from "./simulation.ts";
import { calibrateVolatility } from "./simulation-calibration.ts";

const ds = loadDataset();
const ctx = preparePathwayContext(ds, {
  vintageId: "2026-07",
  imfVintageId: "weo-2026-04",
  horizon: 2035,
  economy: EconomicAssumptionsSchema.parse({}),
});
const set = computePathways(ds, ctx, completeTarget(ds, PathwayTargetSchema.parse({})));
const cal = calibrateVolatility(ds, { imfVintageId: "weo-2026-04", fromVintage: "2024-06", toVintage: "2026-07", firstYear: 2000 });
const path = (iso: string) => {
  const p = set.allies.find((x) => x.ally === iso);
  if (!p) throw new Error(iso);
  return p;
};
const vol = (iso: string) => {
  const v = cal.allies.get(iso);
  if (!v) throw new Error(iso);
  return v;
};

describe("the seeded normal generator", () => {
  it("gives the same draws for the same seed and stream, different ones otherwise", () => {
    const draw = (seed: number, stream: number) => {
      const out = new Float64Array(1000);
      new NormalStream(seed, stream).fill(out);
      return out;
    };
    expect(draw(1, 2)).toEqual(draw(1, 2));
    expect(draw(1, 2)).not.toEqual(draw(1, 3));
    expect(draw(1, 2)).not.toEqual(draw(2, 2));
  });

  it("is standard normal: mean 0, variance 1, 2.7‰ beyond three sigma (400,000 draws)", () => {
    const out = new Float64Array(400_000);
    new NormalStream(20250625, 7).fill(out);
    let m = 0;
    let v = 0;
    let tail = 0;
    for (const x of out) {
      m += x;
      v += x * x;
      if (Math.abs(x) > 3) tail++;
    }
    m /= out.length;
    v = v / out.length - m * m;
    // Standard errors: mean 0.0016, variance 0.0022, tail share 0.00008.
    expect(Math.abs(m)).toBeLessThan(0.008);
    expect(Math.abs(v - 1)).toBeLessThan(0.011);
    expect(Math.abs(tail / out.length - 0.0027)).toBeLessThan(0.0004);
  });
});

describe("calibration from the data", () => {
  it("measures GDP surprises per ally on IMF actuals 2000–2025 and execution on NATO's budget-year estimate-to-outturn revisions", () => {
    // One budget year (2024, estimated in June 2024, outturn in July 2026) per ally; 2023 was near-final and is left out.
    expect(cal.execution.samples).toBe(31);
    expect(cal.execution.unitChanges.join(" ")).toMatch(/^BGR/);
    expect(cal.execution.sigma).toBeGreaterThan(0.005);
    expect(cal.execution.sigma).toBeLessThan(0.1);
    const usa = vol("USA");
    expect(usa.gdpYears).toEqual([2000, 2025]);
    expect(usa.gdpSamples).toBe(25);
    // Turkey's nominal growth (high, volatile inflation) is far less predictable than the US's.
    expect(vol("TUR").gdpSigma).toBeGreaterThan(2 * usa.gdpSigma);
    expect(cal.description.join(" ")).toMatch(/31 allies' budget year \(2024\)/);
  });
});

describe("the Monte Carlo", () => {
  it("with zero volatility equals the deterministic pathway exactly, in every percentile", () => {
    const p = path("DEU");
    const zero = { ...vol("DEU"), gdpSigma: 0, executionSigma: 0 };
    const r = simulateAlly(p, zero, { paths: 500, seed: 1 });
    for (let k = 0; k < p.years.length; k++)
      for (let q = 0; q < 5; q++) {
        expect(r.coreSharePct[k * 5 + q]).toBe(p.columns.coreSharePct[k]);
        expect(r.coreUsdCurrentM[k * 5 + q]).toBe(p.columns.coreUsdCurrentM[k]);
      }
    expect(r.pTargetInTargetYear).toBe(1);
    expect(r.pOnPathAtReview).toBe(1);
    expect(r.pTargetInReviewYear).toBe(0);
  });

  it("the same seed gives the same numbers; another seed, different ones", () => {
    const a = simulatePathways([path("FRA"), path("POL")], cal, { paths: 2000, seed: 42 });
    const b = simulatePathways([path("FRA"), path("POL")], cal, { paths: 2000, seed: 42 });
    const c = simulatePathways([path("FRA"), path("POL")], cal, { paths: 2000, seed: 43 });
    expect(a).toEqual(b);
    expect(a.allies[0]?.coreSharePct).not.toEqual(c.allies[0]?.coreSharePct);
  });

  it("an ally's results do not depend on which other allies run with it, or in what order", () => {
    const alone = simulatePathways([path("ITA")], cal, { paths: 3000, seed: 9 });
    const together = simulatePathways([path("USA"), path("ITA"), path("CAN")], cal, { paths: 3000, seed: 9 });
    expect(together.allies[1]).toEqual(alone.allies[0]);
    const reordered = simulatePathways([path("CAN"), path("ITA"), path("USA")], cal, { paths: 3000, seed: 9 });
    expect(reordered.alliance?.coreUsdCurrentM).toEqual(together.alliance?.coreUsdCurrentM);
  });

  it("percentiles are ordered and centred on the path; the probabilities mean what they say", () => {
    const p = path("ITA");
    const r = simulateAlly(p, vol("ITA"), { paths: 20_000, seed: 7 });
    const k = p.targetIndex;
    const q = Array.from(r.coreSharePct.subarray(k * 5, k * 5 + 5));
    for (let i = 1; i < 5; i++) expect(q[i]).toBeGreaterThanOrEqual(q[i - 1] as number);
    // The model's shocks are centred in logs, so the median sits on the deterministic 3.5%.
    expect(q[2]).toBeCloseTo(3.5, 1);
    // A linear path lands exactly on 3.5%: about half the paths are at or above it.
    expect(r.pTargetInTargetYear).toBeGreaterThan(0.4);
    expect(r.pTargetInTargetYear).toBeLessThan(0.6);
    // Poland is already at 4.68%: reaching 3.5% is all but certain, already in 2029.
    const pol = simulateAlly(path("POL"), vol("POL"), { paths: 5000, seed: 7 });
    expect(pol.pTargetInTargetYear).toBeGreaterThan(0.99);
    expect(pol.pTargetInReviewYear).toBeGreaterThan(0.99);
  });

  it("reports progress after each ally", () => {
    const seen: string[] = [];
    simulatePathways([path("BEL"), path("NLD"), path("LUX")], cal, { paths: 100, seed: 1 }, (done, total) => seen.push(`${done}/${total}`));
    expect(seen).toEqual(["1/3", "2/3", "3/3"]);
  });
});

describe("reaching a threshold as NATO publishes it (two decimals)", () => {
  /** The double `steps` ulps away from x (x > 0 or < 0, not 0). */
  const ulps = (x: number, steps: number) => {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, x);
    view.setBigInt64(0, view.getBigInt64(0) + BigInt(Math.sign(x) * steps));
    return view.getFloat64(0);
  };

  it("the cut in log space agrees with rounding the share itself, ulp by ulp around it", () => {
    // Shares on either side of 3.5 % and 2 %; the threshold is met from 3.495 (published 3.50) up.
    for (const [s, threshold] of [
      [2.9, 3.5],
      [3.6, 3.5],
      [1.61, 3.5],
      [2.04, 2],
      [0.03, 2],
    ] as const) {
      const cut = thresholdCut(s, threshold) as number;
      expect(cut).not.toBeNull();
      for (let k = -40; k <= 40; k++) {
        const z = ulps(cut, k);
        expect(z >= cut).toBe(publishedPct(s * Math.exp(z)) >= threshold);
      }
      // Far from the cut, the share is far from the threshold.
      expect(publishedPct(s * Math.exp(cut + 0.01))).toBeGreaterThanOrEqual(threshold);
      expect(publishedPct(s * Math.exp(cut - 0.01))).toBeLessThan(threshold);
    }
  });

  it("has no cut for a share that is not positive, or a threshold below NATO's precision", () => {
    expect(thresholdCut(0, 2)).toBeNull();
    expect(thresholdCut(-1, 2)).toBeNull();
    expect(thresholdCut(2, 0.005)).toBeNull();
  });
});
