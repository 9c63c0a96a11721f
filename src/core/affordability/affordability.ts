import type { AffordabilityAssumptions, Financing } from "../../model/affordability.ts";
import type { Dataset } from "../../model/dataset.ts";
import type { AllyPathway, PathwaySet } from "../pathway.ts";
import { extraDebtPath, projectBaselineDebt } from "./debt.ts";
import { clauseRoomPct, EU_INSTRUMENT_CAVEATS, type EuDefenceInstruments } from "./eu-instruments.ts";
import { chargedRate, RATE_FLOOR_WORDS, type WeoFiscal, weoFiscal } from "./fiscal-inputs.ts";

/** Where a year's fiscal input comes from: the IMF WEO, or Pledge's stated assumption beyond it. */
export type FiscalSource = "weo" | "assumption";

/** One ally's affordability along its path; arrays are indexed like the path's years (index 0: its base year). */
export interface AllyAffordability {
  ally: string;
  name: string;
  currency: string;
  baseYear: number;
  financing: Financing;
  years: Int32Array;
  /** Spending above a freeze at the base-year share, core and related apart, million national currency. */
  coreExtraNcM: Float64Array;
  relatedExtraNcM: Float64Array;
  coreExtraPctGdp: Float64Array;
  relatedExtraPctGdp: Float64Array;
  /** Core plus related extra as a percent of the IMF's baseline general government expenditure and revenue. */
  extraPctExpenditure: Float64Array;
  extraPctRevenue: Float64Array;
  /** Effective interest rate (percent) and nominal GDP growth (percent) of each year. */
  interestRatePct: Float64Array;
  growthPct: Float64Array;
  fiscalSource: FiscalSource[];
  /** Gross debt, percent of GDP: the IMF's baseline, and with the path as financed. */
  baselineDebtPct: Float64Array;
  debtPct: Float64Array;
  /** The deficit the path adds (extra spending borrowed plus interest on the added debt), percent of GDP. */
  extraDeficitPct: Float64Array;
  addedInterestPct: Float64Array;
  addedInterestNcM: Float64Array;
  /** Escape clause: its ceiling in each year (null where not active), the core extra it covers, what is left outside it. */
  clauseRoomPct: (number | null)[];
  clauseCoveredPct: (number | null)[];
  outsideClausePct: (number | null)[];
  /** Core plus related extra converted to euros (billion), for the SAFE comparison. */
  extraEurBn: Float64Array;
  safe: { tentativeEurBn: number; approvedPlanEurBn: number | null } | null;
  /** Why fiscal figures are absent (no WEO fiscal series), or null. */
  missing: string | null;
}

export interface AffordabilitySet {
  financing: Financing;
  vintageId: string;
  imfVintageId: string;
  reviewYear: number;
  targetYear: number;
  allies: AllyAffordability[];
  euLoaded: boolean;
  assumptions: string[];
  caveats: string[];
}

export interface AffordabilityOptions extends AffordabilityAssumptions {
  /** The review and target years marked in the summary (the Hague's, from data/guidelines.csv). */
  reviewYear: number;
  targetYear: number;
}

const FINANCING_WORDS: Record<Financing, string> = {
  borrow:
    "Financing: borrowed. The extra spending adds to the deficit each year, and the added debt carries interest at the effective rate.",
  offset:
    "Financing: offset by other spending. Total expenditure, the deficit and the debt stay on the IMF baseline; other spending is cut by the extra.",
  revenue: "Financing: revenue. Revenue rises by the extra spending, so the deficit and the debt stay on the IMF baseline.",
};

/** US dollars per euro → euros per US dollar from the IMF's implied rates of Germany (NGDP ÷ NGDPD), held beyond the WEO. */
function eurPerUsd(ds: Dataset, imf: string, year: number): number | null {
  const years = ds.years(imf);
  const y = Math.min(year, years.at(-1) ?? year);
  const nc = ds.get(imf, "DEU", "gdp_nc_current_bn", y)?.value;
  const usd = ds.get(imf, "DEU", "gdp_usd_current_bn", y)?.value;
  return nc && usd ? nc / usd : null;
}

function allyAffordability(
  ds: Dataset,
  p: AllyPathway,
  imf: string,
  fiscal: WeoFiscal | null,
  eu: EuDefenceInstruments | null,
  o: AffordabilityOptions,
): AllyAffordability {
  const n = p.years.length;
  const c = p.columns;
  const f = () => new Float64Array(n);
  const out: AllyAffordability = {
    ally: p.ally,
    name: p.name,
    currency: p.currency,
    baseYear: p.baseYear,
    financing: o.financing,
    years: p.years,
    coreExtraNcM: c.coreExtraNcM,
    relatedExtraNcM: c.relatedExtraNcM,
    coreExtraPctGdp: f(),
    relatedExtraPctGdp: f(),
    extraPctExpenditure: f(),
    extraPctRevenue: f(),
    interestRatePct: f(),
    growthPct: f(),
    fiscalSource: new Array(n),
    baselineDebtPct: f(),
    debtPct: f(),
    extraDeficitPct: f(),
    addedInterestPct: f(),
    addedInterestNcM: f(),
    clauseRoomPct: new Array(n).fill(null),
    clauseCoveredPct: new Array(n).fill(null),
    outsideClausePct: new Array(n).fill(null),
    extraEurBn: f(),
    safe: null,
    missing: null,
  };
  const extraPct = f();
  const interest = f();
  const growth = f();
  const clauseYears = eu ? eu.escapeClause.filter((x) => x.ally === p.ally) : [];
  for (let k = 0; k < n; k++) {
    const gdp = c.gdpNcM[k] as number;
    const year = p.years[k] as number;
    out.coreExtraPctGdp[k] = ((c.coreExtraNcM[k] as number) / gdp) * 100;
    out.relatedExtraPctGdp[k] = ((c.relatedExtraNcM[k] as number) / gdp) * 100;
    extraPct[k] = (out.coreExtraPctGdp[k] as number) + (out.relatedExtraPctGdp[k] as number);
    growth[k] = k === 0 ? 0 : gdp / (c.gdpNcM[k - 1] as number) - 1;
    out.growthPct[k] = (growth[k] as number) * 100;
    const extraNc = (c.coreExtraNcM[k] as number) + (c.relatedExtraNcM[k] as number);
    if (p.currency === "EUR") out.extraEurBn[k] = extraNc / 1000;
    else {
      const rate = eurPerUsd(ds, imf, year);
      out.extraEurBn[k] = rate === null ? Number.NaN : ((extraNc / (c.ncPerUsd[k] as number)) * rate) / 1000;
    }
    if (eu) {
      const room = clauseRoomPct(eu, p.ally, year);
      const core = out.coreExtraPctGdp[k] as number;
      if (room !== null) {
        const covered = Math.min(Math.max(core, 0), room);
        out.clauseRoomPct[k] = room;
        out.clauseCoveredPct[k] = covered;
        out.outsideClausePct[k] = Math.max(core, 0) - covered;
      } else if (clauseYears.length > 0) out.outsideClausePct[k] = Math.max(core, 0);
    }
  }
  if (eu) {
    const s = eu.safe.find((x) => x.ally === p.ally);
    if (s) out.safe = { tentativeEurBn: s.tentativeEurBn, approvedPlanEurBn: s.approvedPlanEurBn };
  }

  const lastFiscal = fiscal?.byYear[fiscal.lastWeoYear];
  const beyond = o.interestBeyondWeoPct !== null ? o.interestBeyondWeoPct / 100 : (lastFiscal?.interestRate ?? null);
  const missingWhy = (): string | null => {
    if (!fiscal || !lastFiscal) return `the IMF WEO (${imf}) has no general-government debt for ${p.ally}`;
    for (let k = 0; k < n; k++) {
      const y = p.years[k] as number;
      const fy = fiscal.byYear[y];
      if (y <= fiscal.lastWeoYear && (!fy || fy.debtPct === null || (k > 0 && fy.interestRate === null)))
        return `the IMF WEO (${imf}) lacks ${p.ally}'s debt or balances in ${y}`;
    }
    if (beyond === null || lastFiscal.primaryBalancePct === null) return `no rate or primary balance to carry beyond ${fiscal.lastWeoYear}`;
    return null;
  };
  out.missing = missingWhy();
  if (out.missing !== null || !fiscal || !lastFiscal) {
    for (const a of [
      out.interestRatePct,
      out.baselineDebtPct,
      out.debtPct,
      out.extraDeficitPct,
      out.addedInterestPct,
      out.addedInterestNcM,
    ])
      a.fill(Number.NaN);
    out.extraPctExpenditure.fill(Number.NaN);
    out.extraPctRevenue.fill(Number.NaN);
    return out;
  }
  for (let k = 0; k < n; k++) {
    const y = p.years[k] as number;
    const fy = y <= fiscal.lastWeoYear ? fiscal.byYear[y] : undefined;
    out.fiscalSource[k] = fy ? "weo" : "assumption";
    interest[k] = chargedRate(fy ? (fy.interestRate ?? 0) : (beyond as number));
    out.interestRatePct[k] = (interest[k] as number) * 100;
    const expenditure = fy?.expenditurePct ?? lastFiscal.expenditurePct;
    const revenue = fy?.revenuePct ?? lastFiscal.revenuePct;
    out.extraPctExpenditure[k] = expenditure ? ((extraPct[k] as number) / expenditure) * 100 : Number.NaN;
    out.extraPctRevenue[k] = revenue ? ((extraPct[k] as number) / revenue) * 100 : Number.NaN;
    out.baselineDebtPct[k] = fy
      ? (fy.debtPct as number)
      : projectBaselineDebt(
          out.baselineDebtPct[k - 1] as number,
          interest[k] as number,
          growth[k] as number,
          lastFiscal.primaryBalancePct as number,
        );
  }
  const borrowed = o.financing === "borrow" ? extraPct : new Float64Array(n);
  const x = extraDebtPath(borrowed, interest, growth);
  for (let k = 0; k < n; k++) {
    out.debtPct[k] = (out.baselineDebtPct[k] as number) + (x.extraDebtPct[k] as number);
    out.extraDeficitPct[k] = x.extraDeficitPct[k] as number;
    out.addedInterestPct[k] = x.addedInterestPct[k] as number;
    out.addedInterestNcM[k] = ((x.addedInterestPct[k] as number) / 100) * (c.gdpNcM[k] as number);
  }
  return out;
}

/** Affordability of every path in a set: extra spending against the government's accounts, the debt it adds, the EU's instruments. */
export function computeAffordability(
  ds: Dataset,
  set: PathwaySet,
  eu: EuDefenceInstruments | null,
  o: AffordabilityOptions,
): AffordabilitySet {
  const imf = set.imfVintageId;
  const allies = set.allies.map((p) => allyAffordability(ds, p, imf, weoFiscal(ds, imf, p.ally, p.baseYear), eu, o));
  const lastWeo = ds.years(imf).at(-1);
  const assumptions = [
    FINANCING_WORDS[o.financing],
    "Extra spending: above a freeze at the base-year share, core and related apart (related counts from its stated base, 0 unless given). As shares of government expenditure and revenue: the extra as a share of GDP over the IMF's baseline expenditure and revenue ratios (after the WEO horizon, the last ratios held), so NATO's and the IMF's GDP levels are not mixed.",
    `Debt: the IMF WEO (${imf}) baseline gross debt ratio, plus the debt the path adds, x(t) = x(t−1)·(1+i)/(1+g) + borrowed extra; g is the path's nominal GDP growth.`,
    `Interest: the WEO copy has no interest series, so the effective rate is derived: (primary balance − overall balance) ÷ the previous year's gross debt. It is net interest over gross debt, low where a government holds large financial assets.`,
    o.interestBeyondWeoPct !== null
      ? `After ${lastWeo}: an effective rate of ${o.interestBeyondWeoPct}% a year for every ally (stated assumption); the baseline debt ratio is carried with the ${lastWeo} primary balance held.`
      : `After ${lastWeo}: each ally's ${lastWeo} effective rate, held (stated assumption); the baseline debt ratio is carried with the ${lastWeo} primary balance held.`,
    RATE_FLOOR_WORDS,
  ];
  if (eu)
    assumptions.push(
      "EU instruments from data/eu/eu_defence_fiscal.csv; euros for non-euro allies at the path's dollar rate and the IMF's implied euro rate (Germany's NGDP ÷ NGDPD), held after the WEO horizon.",
    );
  else assumptions.push("EU instruments not loaded here: escape-clause room and SAFE loans are absent, not zero.");
  return {
    financing: o.financing,
    vintageId: set.vintageId,
    imfVintageId: imf,
    reviewYear: o.reviewYear,
    targetYear: o.targetYear,
    allies,
    euLoaded: eu !== null,
    assumptions,
    caveats: eu ? [...EU_INSTRUMENT_CAVEATS] : [],
  };
}
