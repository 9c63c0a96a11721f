import type { BurdenKey, BurdenParams } from "../../model/affordability.ts";
import type { Dataset } from "../../model/dataset.ts";
import type { CompleteTarget } from "../hague-figures.ts";
import { ParameterError } from "../parameter-error.ts";
import { type AllyPathway, computeAllyPathway, computePathways, resolveTarget } from "../pathway.ts";
import type { PathwayContext } from "../pathway-context.ts";
import { extraDebtPath } from "./debt.ts";
import { chargedRate, RATE_FLOOR_WORDS, weoFiscal } from "./fiscal-inputs.ts";

/** An ally taking part in the sharing in one year: its GDP and core spending in US dollars (current, million). */
export interface BurdenMember {
  ally: string;
  gdpUsdM: number;
  coreUsdM: number;
}

/**
 * Splits `amountUsdM` among `members` by the key. "gdp": in proportion to GDP, so every member adds the
 * same points of GDP. "spending": in proportion to each member's core spending. "effort": the lowest
 * core shares of GDP are lifted first, to one common level L, so that every member that pays ends at
 * the same share: Σ max(0, L − sᵢ)·GDPᵢ = amount. The parts always sum to the amount.
 */
export function allocateBurden(amountUsdM: number, members: readonly BurdenMember[], key: BurdenKey): Float64Array {
  const n = members.length;
  const out = new Float64Array(n);
  if (!(amountUsdM > 0) || n === 0) return out;
  if (key === "gdp" || key === "spending") {
    const weight = (m: BurdenMember) => (key === "gdp" ? m.gdpUsdM : m.coreUsdM);
    const total = members.reduce((s, m) => s + weight(m), 0);
    members.forEach((m, i) => {
      out[i] = (amountUsdM * weight(m)) / total;
    });
    return out;
  }
  const order = members.map((m, i) => ({ i, share: m.coreUsdM / m.gdpUsdM, gdp: m.gdpUsdM })).sort((a, b) => a.share - b.share);
  // Lift the j lowest to the next one's share until the amount is reached; then solve for L among them.
  let gdpSum = 0;
  let weighted = 0;
  let j = 0;
  for (; j < order.length; j++) {
    const o = order[j] as (typeof order)[number];
    gdpSum += o.gdp;
    weighted += o.share * o.gdp;
    const next = order[j + 1];
    if (!next || next.share * gdpSum - weighted >= amountUsdM) break;
  }
  const level = (amountUsdM + weighted) / gdpSum;
  for (let m = 0; m <= j && m < order.length; m++) {
    const o = order[m] as (typeof order)[number];
    out[o.i] = (level - o.share) * o.gdp;
  }
  return out;
}

export interface BurdenAlly {
  ally: string;
  name: string;
  currency: string;
  /** By the US path's years; NaN where the ally has no path that year. */
  costUsdM: Float64Array;
  costNcM: Float64Array;
  costPctGdp: Float64Array;
  /** The debt the cost adds if borrowed (percent of GDP), by the same recursion as a path's; NaN without WEO fiscal data. */
  extraDebtPct: Float64Array;
}

export interface BurdenResult {
  params: BurdenParams;
  years: Int32Array;
  usBaseSharePct: number;
  usSharePct: Float64Array;
  /** What the US would spend on the chosen reference (freeze at its base share, or its own path), percent of GDP. */
  referenceSharePct: Float64Array;
  gapUsdM: Float64Array;
  coveredUsdM: Float64Array;
  allies: BurdenAlly[];
  /** The choices, in words, printed with every output. */
  statement: string;
  assumptions: string[];
}

const KEY_WORDS: Record<BurdenKey, string> = {
  gdp: "in proportion to GDP (every ally adds the same points of GDP)",
  effort: "by equal effort (the lowest core shares are lifted first, to one common share of GDP)",
  spending: "in proportion to each ally's core spending that year",
};

/** The press's "who covers a US cut", as a calculator: every choice is a parameter and is stated in the result. */
export function computeBurden(ds: Dataset, ctx: PathwayContext, target: CompleteTarget, params: BurdenParams): BurdenResult {
  const e = ctx.economies.find((x) => x.ally === "USA");
  if (!e) throw new ParameterError("allies", "the United States has no pathway in this vintage");
  if (params.byYear <= e.baseYear) throw new ParameterError("byYear", `${params.byYear} is not after the US base year ${e.baseYear}`);
  if (params.byYear > ctx.horizon) throw new ParameterError("byYear", `${params.byYear} is beyond the horizon ${ctx.horizon}`);
  const usTarget = resolveTarget(ds, "USA", target);
  const cut = computeAllyPathway(e, {
    ...usTarget,
    shape: "plan",
    plan: { kind: "share", values: { [String(params.byYear)]: params.usSharePct } },
    relatedPct: usTarget.relatedBasePct,
  });
  const reference = params.against === "path" ? computeAllyPathway(e, usTarget) : null;
  const others = computePathways(ds, ctx, target).allies.filter((p) => p.ally !== "USA");
  const n = cut.years.length;
  const gap = new Float64Array(n);
  const covered = new Float64Array(n);
  const refShare = new Float64Array(n);
  const allies: BurdenAlly[] = others.map((p) => ({
    ally: p.ally,
    name: p.name,
    currency: p.currency,
    costUsdM: new Float64Array(n).fill(Number.NaN),
    costNcM: new Float64Array(n).fill(Number.NaN),
    costPctGdp: new Float64Array(n).fill(Number.NaN),
    extraDebtPct: new Float64Array(n).fill(Number.NaN),
  }));
  const idx = (p: AllyPathway, year: number) => {
    const j = year - p.baseYear;
    return j >= 0 && j < p.years.length ? j : -1;
  };
  for (let k = 0; k < n; k++) {
    const year = cut.years[k] as number;
    const c = cut.columns;
    refShare[k] = reference ? (reference.columns.coreSharePct[k] as number) : e.baseSharePct;
    const refUsd = ((refShare[k] as number) / 100) * ((c.gdpNcM[k] as number) / (c.ncPerUsd[k] as number));
    gap[k] = Math.max(0, refUsd - (c.coreUsdCurrentM[k] as number));
    covered[k] = ((gap[k] as number) * params.coverPct) / 100;
    const members: BurdenMember[] = [];
    const where: number[] = [];
    others.forEach((p, i) => {
      const j = idx(p, year);
      if (j < 0) return;
      members.push({
        ally: p.ally,
        gdpUsdM: (p.columns.gdpNcM[j] as number) / (p.columns.ncPerUsd[j] as number),
        coreUsdM: p.columns.coreUsdCurrentM[j] as number,
      });
      where.push(i);
    });
    const parts = allocateBurden(covered[k] as number, members, params.key);
    where.forEach((i, m) => {
      const p = others[i] as AllyPathway;
      const a = allies[i] as BurdenAlly;
      const j = idx(p, year);
      const usd = parts[m] as number;
      a.costUsdM[k] = usd;
      a.costNcM[k] = usd * (p.columns.ncPerUsd[j] as number);
      a.costPctGdp[k] = (usd / (members[m] as BurdenMember).gdpUsdM) * 100;
    });
  }
  // If borrowed: the debt each ally's cost adds, with its WEO effective rate (held after the WEO) and its path's growth.
  others.forEach((p, i) => {
    const a = allies[i] as BurdenAlly;
    const fiscal = weoFiscal(ds, ctx.imfVintageId, p.ally, p.baseYear);
    if (!fiscal) return;
    const last = fiscal.byYear[fiscal.lastWeoYear]?.interestRate ?? null;
    const cost = new Float64Array(n);
    const rate = new Float64Array(n);
    const growth = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const year = cut.years[k] as number;
      const j = idx(p, year);
      const r = year <= fiscal.lastWeoYear ? (fiscal.byYear[year]?.interestRate ?? null) : last;
      if (j < 0 || (k > 0 && r === null)) return;
      cost[k] = k === 0 ? 0 : (a.costPctGdp[k] as number);
      rate[k] = chargedRate(r ?? 0);
      growth[k] = j === 0 ? 0 : (p.columns.gdpNcM[j] as number) / (p.columns.gdpNcM[j - 1] as number) - 1;
    }
    a.extraDebtPct.set(extraDebtPath(cost, rate, growth).extraDebtPct);
  });
  const against =
    params.against === "path"
      ? `its own path to ${usTarget.corePct}% core by ${usTarget.targetYear}`
      : `a freeze at its base-year share of ${e.baseSharePct.toFixed(2)}% (${e.baseYear})`;
  const statement = `The United States moves linearly to ${params.usSharePct}% of GDP by ${params.byYear} and holds it; the gap is measured against ${against}; Europe and Canada cover ${params.coverPct}% of it, shared ${KEY_WORDS[params.key]}.`;
  return {
    params,
    years: cut.years,
    usBaseSharePct: e.baseSharePct,
    usSharePct: cut.columns.coreSharePct,
    referenceSharePct: refShare,
    gapUsdM: gap,
    coveredUsdM: covered,
    allies,
    statement,
    assumptions: [
      statement,
      "Europe and Canada's own paths: the stated target for every ally; the cost of the cover comes on top of them.",
      "US dollars at each ally's projected rate of the year; national currency and points of GDP from the same path.",
      "Added debt if the cost is borrowed: the ally's WEO effective rate (net interest ÷ last year's gross debt), held after the WEO horizon.",
      RATE_FLOOR_WORDS,
      ...ctx.assumptions,
    ],
  };
}
