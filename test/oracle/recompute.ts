/**
 * An independent oracle: Pledge's headline figures recomputed straight from the CSVs in data/, with
 * none of src/. Its arithmetic is written out long-hand so a reviewer can check it line by line; the
 * core must agree with it (test/oracle/oracle.test.ts), and its output is kept, reviewed, in
 * test/oracle/golden.json (`npx tsx test/oracle/recompute.ts > test/oracle/golden.json`).
 *
 * The rules it encodes, each from data/PROVENANCE.md, ../shared/docs/domain.md or NATO's own notes:
 * - a guideline is met when NATO's share, rounded half away from zero to two decimals, is at or above
 *   the threshold; only members of the year (accession_year ≤ year) with armed forces are counted, and
 *   only guidelines in force (from_year ≤ year);
 * - a path's base year is the vintage's latest year with a share and spending; base GDP is NATO's
 *   dollar GDP at NATO's rate (national currency ÷ dollars of the spending cells); GDP then grows as
 *   the IMF's national-currency GDP, and after the last WEO year (2031) by the mean of its 2027–2031
 *   growth; the exchange rate moves as the IMF's NGDP ÷ NGDPD, and after 2031 with the deflator
 *   inflation differential against the United States (each the mean of 2027–2031);
 * - a linear path climbs in equal steps of share from the base share to the target and holds after;
 *   an ally already at or above the target holds its share.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";

const DATA = join(import.meta.dirname, "..", "..", "data");
type Row = Record<string, string>;
const csv = (file: string): Row[] => parse(readFileSync(join(DATA, file), "utf8"), { columns: true }) as Row[];

// ---- the data, as plain lookups ---------------------------------------------------------------------
const allies = csv("allies.csv");
const guidelines = csv("guidelines.csv");
const overrides = csv("target-overrides.csv");
const vintageFiles: Record<string, string> = {
  "2024-06": "nato/2024-06/nato_defexp_2024_edition.csv",
  "2026-07": "nato/2026-07/nato_defexp_2026_edition.csv",
};
const cells = new Map<string, number>();
for (const [vintage, file] of Object.entries(vintageFiles))
  for (const r of csv(file)) if (r.value !== "") cells.set(`${vintage}|${r.ally_iso3}|${r.indicator}|${r.year}`, Number(r.value));
for (const r of csv("imf/weo-2026-04/imf_weo_apr2026.csv"))
  if (r.value !== "") cells.set(`weo|${r.ally_iso3}|${r.indicator}|${r.year}`, Number(r.value));

function cell(vintage: string, ally: string, indicator: string, year: number): number | undefined {
  return cells.get(`${vintage}|${ally}|${indicator}|${year}`);
}
function must(vintage: string, ally: string, indicator: string, year: number): number {
  const v = cell(vintage, ally, indicator, year);
  if (v === undefined) throw new Error(`oracle: no ${indicator} for ${ally} ${year} in ${vintage}`);
  return v;
}

/** NATO's two-decimal publication of a share: half away from zero. */
const twoDecimals = (v: number) => (Math.sign(v) * Math.round(Math.abs(v) * 100 + 1e-9)) / 100;

// ---- counts of allies meeting a guideline -------------------------------------------------------------
export function guidelineCount(vintage: string, year: number, guidelineId: string) {
  const g = guidelines.find((x) => x.id === guidelineId);
  if (!g) throw new Error(guidelineId);
  if (year < Number(g.from_year)) return { inForce: false, met: null, of: null, members: null };
  const members = allies.filter((a) => Number(a.accession_year) <= year);
  let met = 0;
  let of = 0;
  for (const a of members) {
    if (a.has_armed_forces !== "true") continue;
    const value = cell(vintage, a.iso3 as string, g.indicator as string, year);
    if (value === undefined) continue;
    const override = overrides.find((o) => o.ally_iso3 === a.iso3 && o.guideline_id === guidelineId);
    const threshold = Number(override ? override.threshold : g.threshold);
    of += 1;
    if (twoDecimals(value) >= threshold) met += 1;
  }
  return { inForce: true, met, of, members: members.length };
}

// ---- pathways ----------------------------------------------------------------------------------------
const LAST_WEO_YEAR = 2031;
const HORIZON = 2035;

function meanGrowth(ally: string, indicator: string): number {
  let sum = 0;
  for (let y = LAST_WEO_YEAR - 4; y <= LAST_WEO_YEAR; y++) sum += must("weo", ally, indicator, y) / must("weo", ally, indicator, y - 1) - 1;
  return sum / 5;
}

export interface OraclePath {
  ally: string;
  baseYear: number;
  baseShare: number;
  years: number[];
  coreShare: number[];
  gdpNc: number[];
  ncPerUsd: number[];
  coreUsd: number[];
  relatedUsd: number[];
  cumulativeCoreExtraUsd: number;
  cumulativeRelatedExtraUsd: number;
}

function baseYearOf(vintage: string, ally: string): number {
  for (let y = 2040; y >= 2014; y--)
    if (
      cell(vintage, ally, "defexp_share_gdp_pct", y) !== undefined &&
      cell(vintage, ally, "defexp_nc_current", y) !== undefined &&
      cell(vintage, ally, "defexp_usd_current", y) !== undefined
    )
      return y;
  throw new Error(`oracle: no base year for ${ally}`);
}

/**
 * One ally's path. `shareIn(k, s0)` gives the core share k years after the base year; related spending
 * climbs linearly from 0 to `related` by the target year.
 */
export function path(
  vintage: string,
  ally: string,
  shareIn: (k: number, s0: number, span: number) => number,
  targetYear = 2035,
  related = 1.5,
): OraclePath {
  const base = baseYearOf(vintage, ally);
  const spendingNc = must(vintage, ally, "defexp_nc_current", base);
  const spendingUsd = must(vintage, ally, "defexp_usd_current", base);
  const publishedShare = must(vintage, ally, "defexp_share_gdp_pct", base);
  const rate0 = spendingNc / spendingUsd;
  const gdp0 = must(vintage, ally, "gdp_usd_current", base) * rate0;
  const identity = (spendingNc / gdp0) * 100;
  const s0 = Math.abs(identity - publishedShare) > 0.006 ? identity : publishedShare;

  const gdpTail = meanGrowth(ally, "gdp_nc_current_bn");
  const inflTail = meanGrowth(ally, "gdp_deflator_index");
  const usInflTail = meanGrowth("USA", "gdp_deflator_index");
  const span = targetYear - base;
  const out: OraclePath = {
    ally,
    baseYear: base,
    baseShare: s0,
    years: [],
    coreShare: [],
    gdpNc: [],
    ncPerUsd: [],
    coreUsd: [],
    relatedUsd: [],
    cumulativeCoreExtraUsd: 0,
    cumulativeRelatedExtraUsd: 0,
  };
  let gdp = gdp0;
  let rate = rate0;
  for (let year = base; year <= HORIZON; year++) {
    const k = year - base;
    if (k > 0) {
      if (year <= LAST_WEO_YEAR) {
        gdp = (gdp * must("weo", ally, "gdp_nc_current_bn", year)) / must("weo", ally, "gdp_nc_current_bn", year - 1);
        const imfRateNow = must("weo", ally, "gdp_nc_current_bn", year) / must("weo", ally, "gdp_usd_current_bn", year);
        const imfRateBefore = must("weo", ally, "gdp_nc_current_bn", year - 1) / must("weo", ally, "gdp_usd_current_bn", year - 1);
        rate = (rate * imfRateNow) / imfRateBefore;
      } else {
        gdp = gdp * (1 + gdpTail);
        rate = (rate * (1 + inflTail)) / (1 + usInflTail);
      }
    }
    const core = shareIn(k, s0, span);
    const rel = related * Math.min(1, k / span);
    out.years.push(year);
    out.coreShare.push(core);
    out.gdpNc.push(gdp);
    out.ncPerUsd.push(rate);
    out.coreUsd.push(((core / 100) * gdp) / rate);
    out.relatedUsd.push(((rel / 100) * gdp) / rate);
    if (k > 0) {
      out.cumulativeCoreExtraUsd += (((core - s0) / 100) * gdp) / rate;
      out.cumulativeRelatedExtraUsd += ((rel / 100) * gdp) / rate;
    }
  }
  return out;
}

export function hagueTarget(ally: string): number {
  const o = overrides.find((x) => x.ally_iso3 === ally && x.guideline_id === "hague_core");
  return Number(o ? o.threshold : guidelines.find((g) => g.id === "hague_core")?.threshold);
}

/** The linear path to the Hague core target by `targetYear`, held after; an ally above it holds its share. */
export const linearTo = (target: number) => (k: number, s0: number, span: number) =>
  s0 >= target ? s0 : s0 + (target - s0) * Math.min(1, k / span);

export const hagueLinear = (vintage: string, ally: string) => path(vintage, ally, linearTo(hagueTarget(ally)));

// ---- the Rupture scenario -----------------------------------------------------------------------------
/**
 * The US cuts linearly to 2% of GDP by 2029 and holds it, adding no related spending; every other ally
 * follows its Hague path; Europe and Canada cover half of the US gap (its spending at the base share
 * minus its spending after the cut), which is added to the alliance's core spending.
 */
export function rupture(vintage: string) {
  const us = path(vintage, "USA", (k, s0) => (k >= 3 ? 2 : s0 + ((2 - s0) * k) / 3), 2035, 0);
  const others = allies.filter((a) => a.iso3 !== "USA" && a.has_armed_forces === "true").map((a) => hagueLinear(vintage, a.iso3 as string));
  const rows = us.years.map((year, k) => {
    const usAtBase = (us.baseShare / 100) * (us.gdpNc[k] as number);
    const gap = Math.max(0, usAtBase - (us.coreUsd[k] as number));
    const covered = gap / 2;
    let coreSum = us.coreUsd[k] as number;
    let gdpUsdSum = (us.gdpNc[k] as number) / (us.ncPerUsd[k] as number);
    let europeGdpUsd = 0;
    for (const p of others) {
      const j = year - p.baseYear;
      coreSum += p.coreUsd[j] as number;
      gdpUsdSum += (p.gdpNc[j] as number) / (p.ncPerUsd[j] as number);
      europeGdpUsd += (p.gdpNc[j] as number) / (p.ncPerUsd[j] as number);
    }
    return {
      year,
      usGapUsdM: gap,
      coveredUsdM: covered,
      coveredPpOfEuropeCanadaGdp: (covered / europeGdpUsd) * 100,
      allianceCoreUsdM: coreSum + covered,
      allianceCoreShareOfGdpPct: ((coreSum + covered) / gdpUsdSum) * 100,
    };
  });
  return rows;
}

// ---- revisions --------------------------------------------------------------------------------------
/** A revision compared at the two-decimal precision of the July 2026 release (or whole millions for money). */
export function revision(ally: string, indicator: string, year: number, decimals: number) {
  const round = (v: number) => Math.sign(v) * (Math.round(Math.abs(v) * 10 ** decimals + 1e-9) / 10 ** decimals);
  const from = must("2024-06", ally, indicator, year);
  const to = must("2026-07", ally, indicator, year);
  const change = round(round(to) - round(from));
  return { ally, indicator, year, from, to, change, revised: change !== 0 };
}

// ---- a gap in money ---------------------------------------------------------------------------------
/** An ally's distance to 2% in a year: points of GDP on the published share, then × GDP, and × NATO's rate. */
export function gapTo2Pct(vintage: string, ally: string, year: number) {
  const share = twoDecimals(must(vintage, ally, "defexp_share_gdp_pct", year));
  const pp = 2 - share;
  const usd = (pp / 100) * must(vintage, ally, "gdp_usd_current", year);
  const rate = must(vintage, ally, "defexp_nc_current", year) / must(vintage, ally, "defexp_usd_current", year);
  return { pp, usd, nc: usd * rate };
}

// ---- affordability: the debt a borrowed Hague path adds -----------------------------------------------
/**
 * The Hague path's extra spending (core above the base share, plus all related spending) as a share of the
 * path's GDP, borrowed. The effective rate is the WEO's (primary − overall balance) ÷ last year's gross debt,
 * after 2031 the 2031 rate; a negative rate counts as 0. Growth is the path's GDP growth. The added debt is
 * carried as x = x_before × (1 + i) ÷ (1 + g) + extra; the baseline is the WEO's debt ratio, and after 2031
 * it is carried the same way minus the 2031 primary balance (percent of GDP).
 */
export function borrowedHaguePath(ally: string) {
  const p = hagueLinear("2026-07", ally);
  const rateIn = (year: number) => {
    const y = Math.min(year, LAST_WEO_YEAR);
    const implied =
      (must("weo", ally, "gg_primary_net_lending_nc_bn", y) - must("weo", ally, "gg_net_lending_nc_bn", y)) /
      must("weo", ally, "gg_gross_debt_nc_bn", y - 1);
    return implied < 0 ? 0 : implied;
  };
  const primary2031 = must("weo", ally, "gg_primary_net_lending_pct_gdp", LAST_WEO_YEAR);
  let added = 0;
  let baseline = 0;
  const out: Record<number, { baseline: number; withPath: number }> = {};
  for (let k = 0; k < p.years.length; k++) {
    const year = p.years[k] as number;
    const relatedShare = (((p.relatedUsd[k] as number) * (p.ncPerUsd[k] as number)) / (p.gdpNc[k] as number)) * 100;
    const extra = (p.coreShare[k] as number) - p.baseShare + relatedShare;
    if (k === 0) {
      added = extra;
      baseline = must("weo", ally, "gg_gross_debt_pct_gdp", year);
    } else {
      const i = rateIn(year);
      const g = (p.gdpNc[k] as number) / (p.gdpNc[k - 1] as number) - 1;
      added = (added * (1 + i)) / (1 + g) + extra;
      baseline = year <= LAST_WEO_YEAR ? must("weo", ally, "gg_gross_debt_pct_gdp", year) : (baseline * (1 + i)) / (1 + g) - primary2031;
    }
    out[year] = { baseline, withPath: baseline + added };
  }
  return { debt2029: out[2029], debt2035: out[2035] };
}

/** The US gap in 2035 if it cuts to 2 % by 2029, against its own linear path to the Hague target (US dollars, million). */
export function usGapAgainstOwnPath2035(): number {
  const cut = path("2026-07", "USA", (k, s0) => (k >= 3 ? 2 : s0 + ((2 - s0) * k) / 3), 2035, 0);
  const own = hagueLinear("2026-07", "USA");
  const k = 2035 - cut.baseYear;
  return (own.coreUsd[k] as number) - (cut.coreUsd[k] as number);
}

// ---- the golden figures -----------------------------------------------------------------------------
export function golden() {
  const pick = (p: OraclePath) => ({
    baseYear: p.baseYear,
    baseShare: p.baseShare,
    coreShare2029: p.coreShare[2029 - p.baseYear],
    coreUsd2032: p.coreUsd[2032 - p.baseYear],
    coreUsd2035: p.coreUsd[2035 - p.baseYear],
    ncPerUsd2033: p.ncPerUsd[2033 - p.baseYear],
    gdpUsd2035: (p.gdpNc[2035 - p.baseYear] as number) / (p.ncPerUsd[2035 - p.baseYear] as number),
    cumulativeCoreExtraUsd2035: p.cumulativeCoreExtraUsd,
    cumulativeRelatedExtraUsd2035: p.cumulativeRelatedExtraUsd,
  });
  const paths = Object.fromEntries(["DEU", "TUR", "NLD", "ESP", "POL"].map((a) => [a, pick(hagueLinear("2026-07", a))]));
  const r = rupture("2026-07");
  const at = (y: number) => r.find((x) => x.year === y);
  return {
    counts: {
      "2024-06": { 2014: guidelineCount("2024-06", 2014, "gdp2"), 2024: guidelineCount("2024-06", 2024, "gdp2") },
      "2026-07": { 2014: guidelineCount("2026-07", 2014, "gdp2"), 2024: guidelineCount("2026-07", 2024, "gdp2") },
      hagueCore2024: guidelineCount("2024-06", 2024, "hague_core"),
      hagueCore2026: guidelineCount("2026-07", 2026, "hague_core"),
    },
    paths,
    rupture: { 2030: at(2030), 2035: at(2035) },
    gapTo2Pct: { ESP2024: gapTo2Pct("2024-06", "ESP", 2024), BEL2024: gapTo2Pct("2026-07", "BEL", 2024) },
    affordability: Object.fromEntries(["DEU", "ITA", "CAN", "NOR"].map((a) => [a, borrowedHaguePath(a)])),
    usGapAgainstOwnPath2035: usGapAgainstOwnPath2035(),
    revisions: [
      revision("POL", "defexp_share_gdp_pct", 2024, 2),
      revision("ALB", "defexp_share_gdp_pct", 2021, 2),
      revision("GBR", "defexp_usd_current", 2023, 0),
      revision("DEU", "defexp_usd_current", 2023, 0),
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(`${JSON.stringify(golden(), null, 2)}\n`);
