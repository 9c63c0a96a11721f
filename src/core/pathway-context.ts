import type { Dataset } from "../model/dataset.ts";
import type { IndicatorId } from "../model/indicator.ts";
import type { EstimateFlag, Observation } from "../model/observation.ts";
import type { EconomicAssumptions } from "../model/pathway.ts";

/** Where a year's nominal GDP (or exchange rate) comes from: NATO's base year, the IMF's projection, or Pledge's stated assumption. */
export type GdpSource = "nato" | "weo" | "assumption";

/** Where the base year's GDP comes from, and whether NATO's share agrees with its own spending and GDP. */
export interface BaseGdpCheck {
  /** "nato": NATO's published GDP; "implied": spending ÷ share, where the release has no GDP cell. */
  gdpBasis: "nato" | "implied";
  publishedSharePct: number;
  /** 100 × spending ÷ GDP, both NATO's cells; null when the GDP is implied. */
  spendingOverGdpPct: number | null;
  /** The published share and spending ÷ GDP differ by more than the share's published precision. */
  identityFails: boolean;
}

/** One ally's economy from its base year to the horizon, prepared once so that paths recompute in microseconds. */
export interface AllyEconomy {
  ally: string;
  name: string;
  region: "europe" | "north_america";
  currency: string;
  baseYear: number;
  baseEstimate: EstimateFlag;
  baseSharePct: number;
  baseSpendingNcM: number;
  baseGdp: BaseGdpCheck;
  /** NATO's own conversion in the base year (national currency per US dollar). */
  baseNcPerUsd: number;
  /**
   * National currency per US dollar for each year: NATO's in the base year, then moving as the IMF's
   * implied rate (its national-currency GDP over its dollar GDP) to the WEO horizon, and beyond it with
   * the inflation differential against the United States (relative purchasing-power parity).
   */
  ncPerUsd: Float64Array;
  rateSource: GdpSource[];
  /** Constant-price US dollars per national-currency unit at base-year prices (NATO's cells of the base year). */
  usdConstPerNcAtBase: number;
  /** Years base…horizon, and for each: nominal GDP (million national currency), deflator relative to the base year, source. */
  years: Int32Array;
  gdpNcM: Float64Array;
  deflatorRel: Float64Array;
  gdpSource: GdpSource[];
}

export interface PathwayContext {
  vintageId: string;
  imfVintageId: string;
  priceBaseYear: number | null;
  horizon: number;
  lastWeoYear: number;
  economies: AllyEconomy[];
  /** Allies without a base year in the vintage (Iceland: no armed forces), with the reason. */
  excluded: { ally: string; reason: string }[];
  assumptions: string[];
}

const growth = (ds: Dataset, imf: string, iso: string, indicator: IndicatorId, year: number): number | null => {
  const a = ds.get(imf, iso, indicator, year - 1)?.value;
  const b = ds.get(imf, iso, indicator, year)?.value;
  return a && b ? b / a - 1 : null;
};

/** The IMF's implied exchange rate (national currency per US dollar) in a year: NGDP ÷ NGDPD. */
const imfRate = (ds: Dataset, imf: string, iso: string, year: number): number | null => {
  const nc = ds.get(imf, iso, "gdp_nc_current_bn", year)?.value;
  const usd = ds.get(imf, iso, "gdp_usd_current_bn", year)?.value;
  return nc && usd ? nc / usd : null;
};

/** How far NATO's published share may sit from spending ÷ GDP before it is named: half a unit of a 2-decimal share, plus the rounding of whole-million cells. */
export const SHARE_IDENTITY_TOLERANCE_PP = 0.006;

/** Mean yearly growth over the last five projected years: the default assumption beyond the WEO horizon. */
function tailGrowth(ds: Dataset, imf: string, iso: string, indicator: IndicatorId, lastWeoYear: number): number | null {
  let sum = 0;
  for (let y = lastWeoYear - 4; y <= lastWeoYear; y++) {
    const g = growth(ds, imf, iso, indicator, y);
    if (g === null) return null;
    sum += g;
  }
  return sum / 5;
}

export interface ContextOptions {
  vintageId: string;
  imfVintageId: string;
  horizon: number;
  economy: EconomicAssumptions;
  /** Per-ally shocks replacing the economy-wide ones (scenario overrides). */
  shocks?: Record<string, { gdpShockPp?: number; inflationShockPp?: number }>;
}

/**
 * Where an ally's path starts: its latest share of GDP in the vintage that also has spending in
 * national currency and in US dollars (a share alone, as in the press's August 2025 figures, cannot
 * start a path). Undefined when the vintage has none.
 */
export function pathwayBase(ds: Dataset, vintageId: string, iso3: string): Observation | undefined {
  const shares = ds.series(vintageId, iso3, "defexp_share_gdp_pct");
  return [...shares]
    .reverse()
    .find((o) => ds.get(vintageId, iso3, "defexp_nc_current", o.year) && ds.get(vintageId, iso3, "defexp_usd_current", o.year));
}

/**
 * Base year: the vintage's latest year with a share of GDP and spending for the ally (estimate flagged).
 * Base GDP is NATO's published GDP (its dollar GDP at NATO's own exchange rate); the path starts at the
 * published share, except where that share is not spending ÷ GDP within its precision (the Netherlands:
 * NATO's Dutch share is on another basis), where it starts at spending ÷ GDP so that amounts stay shares
 * of nominal GDP, and the exception is named. GDP then grows at the IMF's projected nominal growth,
 * and beyond the WEO horizon at the stated assumption.
 */
export function preparePathwayContext(ds: Dataset, opts: ContextOptions): PathwayContext {
  const vintage = ds.vintage(opts.vintageId);
  if (!vintage) throw new Error(`unknown vintage ${opts.vintageId}`);
  const weoYears = ds.years(opts.imfVintageId);
  const lastWeoYear = weoYears.at(-1) ?? 0;
  const economies: AllyEconomy[] = [];
  const excluded: PathwayContext["excluded"] = [];
  const e = opts.economy;
  // US deflator inflation by year, the other side of every projected exchange rate beyond the WEO.
  const usInflShock = (opts.shocks?.USA?.inflationShockPp ?? e.inflationShockPp) / 100;
  const usTail =
    e.inflationBeyondWeoPct !== null
      ? e.inflationBeyondWeoPct / 100
      : tailGrowth(ds, opts.imfVintageId, "USA", "gdp_deflator_index", lastWeoYear);
  const usInflation = (y: number): number =>
    (y <= lastWeoYear ? (growth(ds, opts.imfVintageId, "USA", "gdp_deflator_index", y) ?? usTail ?? 0) : (usTail ?? 0)) + usInflShock;
  for (const ally of ds.allies) {
    if (!ally.hasArmedForces) {
      excluded.push({ ally: ally.iso3, reason: ally.note });
      continue;
    }
    const base = pathwayBase(ds, opts.vintageId, ally.iso3);
    if (!base) {
      excluded.push({ ally: ally.iso3, reason: `no share of GDP with spending in vintage ${opts.vintageId}` });
      continue;
    }
    const at = (indicator: IndicatorId) => ds.get(opts.vintageId, ally.iso3, indicator, base.year)?.value ?? Number.NaN;
    const nc = at("defexp_nc_current");
    const baseRate = nc / at("defexp_usd_current");
    const natoGdpUsd = ds.get(opts.vintageId, ally.iso3, "gdp_usd_current", base.year)?.value;
    const natoGdpNc = natoGdpUsd ? natoGdpUsd * baseRate : null;
    const spendingOverGdp = natoGdpNc ? (nc / natoGdpNc) * 100 : null;
    const identityFails = spendingOverGdp !== null && Math.abs(spendingOverGdp - base.value) > SHARE_IDENTITY_TOLERANCE_PP;
    const baseShare = identityFails ? (spendingOverGdp as number) : base.value;
    const n = Math.max(0, opts.horizon - base.year) + 1;
    const years = new Int32Array(n);
    const gdp = new Float64Array(n);
    const defl = new Float64Array(n);
    const rate = new Float64Array(n);
    const source: GdpSource[] = new Array(n);
    const rateSource: GdpSource[] = new Array(n);
    const shock = opts.shocks?.[ally.iso3];
    const gdpShock = (shock?.gdpShockPp ?? e.gdpShockPp) / 100;
    const inflShock = (shock?.inflationShockPp ?? e.inflationShockPp) / 100;
    const tailGdp =
      e.gdpGrowthBeyondWeoPct !== null
        ? e.gdpGrowthBeyondWeoPct / 100
        : tailGrowth(ds, opts.imfVintageId, ally.iso3, "gdp_nc_current_bn", lastWeoYear);
    const tailInfl =
      e.inflationBeyondWeoPct !== null
        ? e.inflationBeyondWeoPct / 100
        : tailGrowth(ds, opts.imfVintageId, ally.iso3, "gdp_deflator_index", lastWeoYear);
    years[0] = base.year;
    gdp[0] = natoGdpNc ?? (nc / base.value) * 100;
    defl[0] = 1;
    rate[0] = baseRate;
    source[0] = "nato";
    rateSource[0] = "nato";
    for (let k = 1; k < n; k++) {
      const y = base.year + k;
      const weoG = y <= lastWeoYear ? growth(ds, opts.imfVintageId, ally.iso3, "gdp_nc_current_bn", y) : null;
      const weoI = y <= lastWeoYear ? growth(ds, opts.imfVintageId, ally.iso3, "gdp_deflator_index", y) : null;
      const g = (weoG ?? tailGdp ?? 0) + gdpShock + inflShock;
      const i = (weoI ?? tailInfl ?? 0) + inflShock;
      years[k] = y;
      gdp[k] = (gdp[k - 1] as number) * (1 + g);
      defl[k] = (defl[k - 1] as number) * (1 + i);
      source[k] = weoG !== null ? "weo" : "assumption";
      const r0 = y <= lastWeoYear ? imfRate(ds, opts.imfVintageId, ally.iso3, y - 1) : null;
      const r1 = y <= lastWeoYear ? imfRate(ds, opts.imfVintageId, ally.iso3, y) : null;
      if (r0 !== null && r1 !== null) {
        // The IMF's own rate path; an inflation shock on this ally alone moves it by the differential too.
        rate[k] = (((rate[k - 1] as number) * r1) / r0) * ((1 + inflShock) / (1 + usInflShock));
        rateSource[k] = "weo";
      } else {
        rate[k] = ((rate[k - 1] as number) * (1 + i)) / (1 + usInflation(y));
        rateSource[k] = "assumption";
      }
    }
    economies.push({
      ally: ally.iso3,
      name: ally.name,
      region: ally.region,
      currency: ally.currencyCode,
      baseYear: base.year,
      baseEstimate: base.estimate,
      baseSharePct: baseShare,
      baseSpendingNcM: nc,
      baseGdp: {
        gdpBasis: natoGdpNc !== null ? "nato" : "implied",
        publishedSharePct: base.value,
        spendingOverGdpPct: spendingOverGdp,
        identityFails,
      },
      baseNcPerUsd: baseRate,
      ncPerUsd: rate,
      rateSource,
      usdConstPerNcAtBase: at("defexp_usd_const") / nc,
      years,
      gdpNcM: gdp,
      deflatorRel: defl,
      gdpSource: source,
    });
  }
  const growthWords =
    e.gdpGrowthBeyondWeoPct !== null
      ? `${e.gdpGrowthBeyondWeoPct}% a year`
      : `each ally's average projected nominal growth of ${lastWeoYear - 4}–${lastWeoYear}`;
  const inflWords =
    e.inflationBeyondWeoPct !== null
      ? `${e.inflationBeyondWeoPct}% a year`
      : `each ally's average projected deflator inflation of ${lastWeoYear - 4}–${lastWeoYear}`;
  const assumptions = [
    `Base year: the latest year of NATO vintage ${opts.vintageId} for each ally (NATO's estimates where the vintage marks them); base GDP is NATO's published GDP at NATO's exchange rate.`,
    `Nominal GDP grows as the IMF WEO (${opts.imfVintageId}) projects to ${lastWeoYear}; after ${lastWeoYear} at ${growthWords}.`,
    `US dollars (current): NATO's exchange rate in the base year, then moving as the IMF WEO's implied rate (national-currency GDP ÷ US-dollar GDP) to ${lastWeoYear}; after ${lastWeoYear} each ally's rate moves with its deflator inflation against the United States' (relative purchasing-power parity).`,
    `Constant US dollars are ${vintage.priceBaseYear ?? "the vintage's"} prices and exchange rates, deflated with the IMF GDP deflator (after ${lastWeoYear}: ${inflWords}).`,
  ];
  const exceptions = economies.filter((x) => x.baseGdp.identityFails);
  for (const x of exceptions)
    assumptions.push(
      `${x.name} (${x.ally}) ${x.baseYear}: NATO publishes a share of ${x.baseGdp.publishedSharePct.toFixed(2)}% but its spending ÷ its GDP is ${(x.baseGdp.spendingOverGdpPct as number).toFixed(2)}%; the path starts from ${(x.baseGdp.spendingOverGdpPct as number).toFixed(2)}% so that amounts are shares of NATO's nominal GDP.`,
    );
  const implied = economies.filter((x) => x.baseGdp.gdpBasis === "implied").map((x) => x.ally);
  if (implied.length) assumptions.push(`No NATO GDP in the base year for ${implied.join(", ")}: base GDP is spending ÷ published share.`);
  if (e.gdpShockPp)
    assumptions.push(`GDP shock: ${e.gdpShockPp > 0 ? "+" : ""}${e.gdpShockPp} points of nominal growth every projected year.`);
  if (e.inflationShockPp)
    assumptions.push(
      `Inflation shock: ${e.inflationShockPp > 0 ? "+" : ""}${e.inflationShockPp} points of deflator inflation every projected year.`,
    );
  return {
    vintageId: opts.vintageId,
    imfVintageId: opts.imfVintageId,
    priceBaseYear: vintage.priceBaseYear,
    horizon: opts.horizon,
    lastWeoYear,
    economies,
    excluded,
    assumptions,
  };
}

/**
 * preparePathwayContext remembered by its options, for one dataset at a time: a context depends on the
 * vintages, the horizon and the economy, never on a target, so moving a target slider or answering
 * another target reuses it (preparing one takes about a millisecond, the paths a twentieth of that).
 * Bounded: the economy's numbers are free-form, so the oldest context goes past `max`; a new dataset
 * forgets them all.
 */
export function rememberedContexts(max: number): (ds: Dataset, opts: ContextOptions) => PathwayContext {
  const contexts = new Map<string, PathwayContext>();
  let of: Dataset | undefined;
  return (ds, opts) => {
    if (ds !== of) {
      contexts.clear();
      of = ds;
    }
    const key = JSON.stringify(opts);
    let ctx = contexts.get(key);
    if (!ctx) {
      ctx = preparePathwayContext(ds, opts);
      if (contexts.size >= max) contexts.delete(contexts.keys().next().value as string);
      contexts.set(key, ctx);
    }
    return ctx;
  };
}
