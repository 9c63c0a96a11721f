import type { Dataset } from "../model/dataset.ts";
import { type Scenario, type ScenarioInput, ScenarioSchema } from "../model/scenario.ts";
import { completeTarget, hagueFigures } from "./hague-figures.ts";
import { ParameterError } from "./parameter-error.ts";
import {
  type AllyPathTarget,
  type AllyPathway,
  allianceSums,
  computeAllyPathway,
  computePathways,
  type PathwaySet,
  resolveTarget,
} from "./pathway.ts";
import { type PathwayContext, preparePathwayContext } from "./pathway-context.ts";
import { publishedMillions, publishedShare } from "./published-precision.ts";

/**
 * The futures the public debate describes, each with its assumptions in plain words. Numbers that are
 * choices rather than data (the US cut, the part of it Europe covers) are parameters of the preset and
 * are printed with every result.
 */
const PRESET_INPUTS: ScenarioInput[] = [
  {
    id: "hague-2035",
    name: "Hague {year}",
    description: "The commitment of the 2025 Hague summit: {core}% of GDP on core defence and {related}% on related spending by {year}.",
    assumptions: [
      "Every ally climbs linearly in share of GDP from its base year to {core}% core and {related}% related by {year}.",
      "Spain follows its own arrangement as recorded in the data.",
      "Allies already above {core}% hold their current share.",
    ],
  },
  {
    id: "earlier-2032",
    name: "Earlier 2032",
    description: "The pre-summit proposal to reach the targets three years sooner.",
    assumptions: ["As Hague {year}, but every ally reaches its targets in 2032 and holds them to {year}."],
    target: { targetYear: 2032 },
  },
  {
    id: "status-quo",
    name: "Status quo",
    description: "Nobody moves: every ally keeps its base-year share of GDP.",
    assumptions: [
      "Every ally's core share stays at its base-year level; no related spending is added.",
      "Spending still grows with nominal GDP.",
    ],
    target: { shape: "freeze", relatedPct: 0 },
  },
  {
    id: "reinforcement",
    name: "Reinforcement",
    description: "Europe and Canada reach the Hague targets; the United States keeps its share of the alliance's total.",
    assumptions: [
      "Every ally except the United States climbs linearly to {core}% core and {related}% related by {year} (Spain: its arrangement).",
      "The United States spends whatever keeps its base-year share of the alliance's core spending (in US dollars).",
    ],
    us: { mode: "hold-alliance-share" },
  },
  {
    id: "rupture",
    name: "Rupture",
    description: "The United States cuts to 2% of GDP by 2029; Europe and Canada cover half of what it no longer spends.",
    assumptions: [
      "The United States cuts its core share of GDP linearly to 2.0% by 2029 and holds it (a stated choice, not a forecast).",
      "The gap is what the US would have spent at its base-year share minus what it spends after the cut.",
      "Europe and Canada reach the Hague targets and also cover 50% of that gap, shared in proportion to their GDP.",
    ],
    us: { mode: "reduce", corePct: 2, byYear: 2029 },
    europeCoversPctOfUsGap: 50,
  },
];

/**
 * The presets' words with the Hague figures filled in from data/guidelines.csv ({core}, {related},
 * {year}): the parameters that are choices (the US cut, the cover) stay in the preset, the commitment's
 * figures never do.
 */
export function describeScenario(ds: Dataset, s: Scenario): Scenario {
  const h = hagueFigures(ds);
  const fill = (text: string) =>
    text.replaceAll("{core}", String(h.corePct)).replaceAll("{related}", String(h.relatedPct)).replaceAll("{year}", String(h.targetYear));
  return { ...s, name: fill(s.name), description: fill(s.description), assumptions: s.assumptions.map(fill) };
}

export const SCENARIO_PRESETS: readonly Scenario[] = PRESET_INPUTS.map((p) => ScenarioSchema.parse(p));

export function findPreset(id: string): Scenario | undefined {
  return SCENARIO_PRESETS.find((p) => p.id === id);
}

/** The US cut and what Europe and Canada add to cover part of it (the "rupture" arithmetic). */
export interface GapCover {
  years: Int32Array;
  /** US spending at its base-year share minus its spending in the scenario (USD current, million). */
  usGapUsdCurrentM: Float64Array;
  /** The part Europe and Canada cover, in USD and as points of their combined GDP. */
  coveredUsdCurrentM: Float64Array;
  coveredShareOfEuropeCanadaGdpPp: Float64Array;
  coveredPctOfGap: number;
}

/** The gap cover as published: parallel arrays by year, shares and millions rounded like every pathway figure. */
export function publishedGapCover(cover: GapCover) {
  return {
    years: Array.from(cover.years),
    us_gap_usd_current_m: Array.from(cover.usGapUsdCurrentM, publishedMillions),
    covered_usd_current_m: Array.from(cover.coveredUsdCurrentM, publishedMillions),
    covered_share_of_europe_canada_gdp_pp: Array.from(cover.coveredShareOfEuropeCanadaGdpPp, publishedShare),
    covered_pct_of_gap: publishedShare(cover.coveredPctOfGap),
  };
}

export interface ScenarioResult {
  scenario: Scenario;
  pathways: PathwaySet;
  gapCover: GapCover | null;
  assumptions: string[];
}

export interface ScenarioOptions {
  imfVintageId: string;
  defaultVintageId: string;
  horizon?: number;
  /** A context already prepared for the same vintage and economy (the dashboard keeps one). */
  context?: PathwayContext;
}

function usPath(ctx: PathwayContext, scenario: Scenario, others: readonly AllyPathway[], t: AllyPathTarget): AllyPathway | null {
  const e = ctx.economies.find((x) => x.ally === "USA");
  if (!e) return null;
  const us = scenario.us;
  if (us.mode === "target") return computeAllyPathway(e, t);
  if (us.mode === "freeze") return computeAllyPathway(e, { ...t, shape: "freeze", relatedPct: 0 });
  const values: Record<string, number> = {};
  if (us.mode === "reduce") {
    if (us.byYear <= e.baseYear) throw new ParameterError("us.byYear", `${us.byYear} is not after the US base year ${e.baseYear}`);
    values[String(us.byYear)] = us.corePct;
    // A US that cuts its core budget is not assumed to add related spending either.
    return computeAllyPathway(e, { ...t, shape: "plan", plan: { kind: "share", values }, relatedPct: t.relatedBasePct });
  }
  // hold-alliance-share: US_t = a / (1 − a) × others_t, a = the US base-year share of core spending.
  const baseOthers = others.reduce((s, p) => s + (p.columns.coreUsdCurrentM[0] as number), 0);
  const usBase = ((e.baseSharePct / 100) * (e.gdpNcM[0] as number)) / (e.ncPerUsd[0] as number);
  const ratio = usBase / baseOthers;
  for (let k = 1; k < e.years.length; k++) {
    const year = e.baseYear + k;
    let othersUsd = 0;
    for (const p of others) {
      const j = year - p.baseYear;
      if (j >= 0 && j < p.years.length) othersUsd += p.columns.coreUsdCurrentM[j] as number;
    }
    values[String(year)] = ((ratio * othersUsd * (e.ncPerUsd[k] as number)) / (e.gdpNcM[k] as number)) * 100;
  }
  return computeAllyPathway(e, { ...t, shape: "plan", plan: { kind: "share", values } });
}

function gapCover(usScenario: AllyPathway, europe: readonly AllyPathway[], pct: number): GapCover {
  const n = usScenario.years.length;
  const gap = new Float64Array(n);
  const covered = new Float64Array(n);
  const pp = new Float64Array(n);
  const c = usScenario.columns;
  for (let k = 0; k < n; k++) {
    const atBaseShare = ((usScenario.baseSharePct / 100) * (c.gdpNcM[k] as number)) / (c.ncPerUsd[k] as number);
    gap[k] = Math.max(0, atBaseShare - (c.coreUsdCurrentM[k] as number));
    covered[k] = (gap[k] as number) * (pct / 100);
    let gdpUsd = 0;
    const year = usScenario.years[k] as number;
    for (const p of europe) {
      const j = year - p.baseYear;
      if (j >= 0 && j < p.years.length) gdpUsd += (p.columns.gdpNcM[j] as number) / (p.columns.ncPerUsd[j] as number);
    }
    pp[k] = gdpUsd ? ((covered[k] as number) / gdpUsd) * 100 : Number.NaN;
  }
  return {
    years: usScenario.years,
    usGapUsdCurrentM: gap,
    coveredUsdCurrentM: covered,
    coveredShareOfEuropeCanadaGdpPp: pp,
    coveredPctOfGap: pct,
  };
}

/** Runs a scenario: every ally's path under its parameters, the US behaviour, and the gap Europe covers. */
export function runScenario(ds: Dataset, input: Scenario, opts: ScenarioOptions): ScenarioResult {
  const scenario = describeScenario(ds, input);
  const vintageId = scenario.vintage ?? opts.defaultVintageId;
  if (!ds.vintage(vintageId)) throw new ParameterError("vintage", `unknown vintage "${vintageId}"`);
  for (const iso of Object.keys(scenario.overrides))
    if (!ds.ally(iso)) throw new ParameterError(`overrides.${iso}`, `unknown ally "${iso}"`);
  const target = completeTarget(ds, scenario.target);
  const horizon = Math.max(
    opts.horizon ?? hagueFigures(ds).targetYear,
    target.targetYear,
    ...Object.values(scenario.overrides).map((o) => o.targetYear ?? 0),
  );
  const shocks: Record<string, { gdpShockPp?: number; inflationShockPp?: number }> = {};
  for (const [iso, o] of Object.entries(scenario.overrides))
    shocks[iso] = { gdpShockPp: o.gdpShockPp, inflationShockPp: o.inflationShockPp };
  const ctx =
    opts.context ?? preparePathwayContext(ds, { vintageId, imfVintageId: opts.imfVintageId, horizon, economy: scenario.economy, shocks });

  const targetOf = (ally: string): AllyPathTarget => {
    const base = resolveTarget(ds, ally, target);
    const o = scenario.overrides[ally];
    if (!o) return base;
    return {
      ...base,
      corePct: o.corePct ?? base.corePct,
      relatedPct: o.relatedPct ?? base.relatedPct,
      targetYear: o.targetYear ?? base.targetYear,
      shape: o.shape ?? base.shape,
      coreTargetNote: o.corePct !== undefined ? null : base.coreTargetNote,
    };
  };
  const set = computePathways(ds, ctx, target, { targetFor: targetOf });
  let cover: GapCover | null = null;
  if (scenario.us.mode !== "target") {
    const others = set.allies.filter((p) => p.ally !== "USA");
    const us = usPath(ctx, scenario, others, targetOf("USA"));
    if (us) {
      set.allies = set.allies.map((p) => (p.ally === "USA" ? us : p));
      if (scenario.europeCoversPctOfUsGap > 0) cover = gapCover(us, others, scenario.europeCoversPctOfUsGap);
    }
  }
  if (cover) {
    // Europe and Canada's extra spending is added to the alliance sums, not to any one ally's path.
    set.alliance = recomputeSums(set, ctx.horizon, cover);
  } else if (scenario.us.mode !== "target") set.alliance = recomputeSums(set, ctx.horizon, null);
  return { scenario, pathways: set, gapCover: cover, assumptions: [...scenario.assumptions, ...set.assumptions] };
}

function recomputeSums(set: PathwaySet, horizon: number, cover: GapCover | null) {
  const sums = allianceSums(set.allies, horizon);
  if (!cover) return sums;
  for (let k = 0; k < cover.years.length; k++) {
    const j = (cover.years[k] as number) - (sums.years[0] as number);
    if (j < 0 || j >= sums.years.length) continue;
    const add = cover.coveredUsdCurrentM[k] as number;
    const before = sums.coreUsdCurrentM[j] as number;
    sums.coreShareOfAllianceGdpPct[j] = ((sums.coreShareOfAllianceGdpPct[j] as number) * (before + add)) / before;
    sums.coreUsdCurrentM[j] = (sums.coreUsdCurrentM[j] as number) + add;
    sums.totalUsdCurrentM[j] = (sums.totalUsdCurrentM[j] as number) + add;
    sums.europeCanadaCoreUsdCurrentM[j] = (sums.europeCanadaCoreUsdCurrentM[j] as number) + add;
  }
  return sums;
}

/** Parses a scenario from JSON text, naming the file and the field on error. */
export function parseScenarioJson(text: string, file: string): Scenario {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ParameterError(file, `not valid JSON (${(e as Error).message})`);
  }
  const r = ScenarioSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    const field = issue?.path.join(".") || "(root)";
    throw new ParameterError(`${file}: ${field}`, issue?.message ?? "invalid");
  }
  return r.data;
}

/** One row per ally and scenario at the given years, and the alliance totals: the side-by-side view, at published precision. */
export interface ScenarioComparisonRow {
  ally: string;
  scenario: string;
  year: number;
  coreSharePct: number | null;
  coreUsdCurrentM: number | null;
  totalSharePct: number | null;
}

/** A comparison row under the column names the API, CSV and CLI publish. */
export function comparisonRecord(r: ScenarioComparisonRow) {
  return {
    scenario: r.scenario,
    ally: r.ally,
    year: r.year,
    core_share_pct: r.coreSharePct,
    core_usd_current_m: r.coreUsdCurrentM,
    total_share_pct: r.totalSharePct,
  };
}

export function compareScenarios(results: readonly ScenarioResult[], years: readonly number[]): ScenarioComparisonRow[] {
  const rows: ScenarioComparisonRow[] = [];
  const allies = results[0]?.pathways.allies.map((p) => p.ally) ?? [];
  for (const ally of [...allies, "NATO"])
    for (const year of years)
      for (const r of results) {
        if (ally === "NATO") {
          const a = r.pathways.alliance;
          const j = year - (a.years[0] as number);
          const ok = j >= 0 && j < a.years.length;
          rows.push({
            ally,
            scenario: r.scenario.id,
            year,
            coreSharePct: ok ? publishedShare(a.coreShareOfAllianceGdpPct[j] as number) : null,
            coreUsdCurrentM: ok ? publishedMillions(a.coreUsdCurrentM[j] as number) : null,
            totalSharePct: null,
          });
          continue;
        }
        const p = r.pathways.allies.find((x) => x.ally === ally);
        const k = p ? year - p.baseYear : -1;
        const ok = p !== undefined && k >= 0 && k < p.years.length;
        rows.push({
          ally,
          scenario: r.scenario.id,
          year,
          coreSharePct: ok ? publishedShare(p.columns.coreSharePct[k] as number) : null,
          coreUsdCurrentM: ok ? publishedMillions(p.columns.coreUsdCurrentM[k] as number) : null,
          totalSharePct: ok ? publishedShare(p.columns.totalSharePct[k] as number) : null,
        });
      }
  return rows;
}
