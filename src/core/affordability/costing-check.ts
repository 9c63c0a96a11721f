import type { Financing } from "../../model/affordability.ts";
import type { Dataset } from "../../model/dataset.ts";
import { ParameterError } from "../parameter-error.ts";
import { lerp } from "../path-shapes.ts";
import { extraDebtPath } from "./debt.ts";
import { chargedRate, RATE_FLOOR_WORDS, weoFiscal } from "./fiscal-inputs.ts";

/** A published costing's scenario: core spending moving linearly in share of GDP between two years, financed as stated. */
export interface ShareScenario {
  ally: string;
  fromYear: number;
  fromPct: number;
  toYear: number;
  toPct: number;
  financing: Financing;
}

export interface ShareScenarioCosting {
  years: number[];
  /** The IMF's nominal GDP (billion national currency): WEO levels, then the WEO's average growth of its last five years. */
  gdpNcBn: number[];
  /** The share of GDP and the spending it means, for a share scenario; empty for an extra-only scenario. */
  sharePct: number[];
  spendingNcBn: number[];
  extraPct: number[];
  extraNcBn: number[];
  extraDeficitPct: number[];
  extraDebtPct: number[];
  /** Mean extra spending over the years after the first (billion national currency). */
  meanExtraNcBn: number;
  assumptions: string[];
}

/** A published costing's scenario given as extra spending by year (points of GDP over a baseline), from `fromYear`. */
export interface ExtraScenario {
  ally: string;
  fromYear: number;
  /** Extra spending in points of GDP, index 0 = `fromYear`. */
  extraPct: readonly number[];
  financing: Financing;
}

/** PBO-style: a share of GDP moving linearly between two years; extra is measured against holding the first share. */
export function costShareScenario(ds: Dataset, imfVintageId: string, s: ShareScenario): ShareScenarioCosting {
  if (s.toYear <= s.fromYear) throw new ParameterError("toYear", `${s.toYear} is not after ${s.fromYear}`);
  const share: number[] = [];
  for (let y = s.fromYear; y <= s.toYear; y++) share.push(lerp(s.fromPct, s.toPct, (y - s.fromYear) / (s.toYear - s.fromYear)));
  const c = costExtraScenario(ds, imfVintageId, {
    ally: s.ally,
    fromYear: s.fromYear,
    extraPct: share.map((v) => v - s.fromPct),
    financing: s.financing,
  });
  return { ...c, sharePct: share, spendingNcBn: share.map((v, k) => (v / 100) * (c.gdpNcBn[k] as number)) };
}

/**
 * Runs a fiscal council's stated scenario on the IMF's own GDP (not NATO's), so that Pledge's arithmetic
 * can be set beside the council's published figures. If borrowed, the extra adds to the debt by the same
 * recursion as every path; Pledge adds no feedback of the spending on GDP or revenue.
 */
export function costExtraScenario(ds: Dataset, imfVintageId: string, s: ExtraScenario): ShareScenarioCosting {
  if (s.extraPct.length < 2) throw new ParameterError("extraPct", "at least two years");
  const fiscal = weoFiscal(ds, imfVintageId, s.ally, s.fromYear);
  if (!fiscal) throw new ParameterError("ally", `the IMF WEO (${imfVintageId}) has no fiscal series for ${s.ally}`);
  const last = fiscal.lastWeoYear;
  const gdpOf = (y: number) => ds.get(imfVintageId, s.ally, "gdp_nc_current_bn", y)?.value;
  const first = gdpOf(last - 5);
  const lastGdp = gdpOf(last);
  if (first === undefined || lastGdp === undefined) throw new ParameterError("ally", `no WEO GDP for ${s.ally} to ${last}`);
  // The geometric mean of the growth of the last five WEO years.
  const tail = (lastGdp / first) ** (1 / 5) - 1;
  const years: number[] = [];
  const gdp: number[] = [];
  s.extraPct.forEach((_, k) => {
    const y = s.fromYear + k;
    years.push(y);
    const g = gdpOf(y);
    gdp.push(y <= last && g !== undefined ? g : (gdp.at(-1) as number) * (1 + tail));
  });
  const extraPct = [...s.extraPct];
  const lastRate = fiscal.byYear[last]?.interestRate ?? null;
  const rate = years.map((y, k) => (k === 0 ? 0 : chargedRate((y <= last ? fiscal.byYear[y]?.interestRate : lastRate) ?? Number.NaN)));
  const growth = gdp.map((v, k) => (k === 0 ? 0 : v / (gdp[k - 1] as number) - 1));
  const borrowed = s.financing === "borrow" ? extraPct : extraPct.map(() => 0);
  const x = extraDebtPath(borrowed, rate, growth);
  const extraNc = extraPct.map((v, k) => (v / 100) * (gdp[k] as number));
  return {
    years,
    gdpNcBn: gdp,
    sharePct: [],
    spendingNcBn: [],
    extraPct,
    extraNcBn: extraNc,
    extraDeficitPct: Array.from(x.extraDeficitPct),
    extraDebtPct: Array.from(x.extraDebtPct),
    meanExtraNcBn: extraNc.slice(1).reduce((a, b) => a + b, 0) / (extraNc.length - 1),
    assumptions: [
      `GDP: the IMF WEO (${imfVintageId}) nominal GDP to ${last}, then its average growth of ${last - 4}–${last} (${(tail * 100).toFixed(2)}% a year).`,
      `Interest: the WEO's effective net rate, (primary − overall balance) ÷ last year's gross debt, held after ${last}.`,
      `Financing: ${s.financing}; no feedback of the spending on GDP or revenue.`,
      RATE_FLOOR_WORDS,
    ],
  };
}
