import type { Command } from "commander";
import { AFFORDABILITY_SUMMARY_SPEC, AFFORDABILITY_YEARS_SPEC } from "../../core/affordability/affordability-tables.ts";
import { BURDEN_ALLIES_SPEC, BURDEN_GAP_SPEC } from "../../core/affordability/burden-tables.ts";
import { defaultVintages } from "../../core/pathway-request.ts";
import type { Scenario } from "../../model/scenario.ts";
import { UsageError } from "../cli-io.ts";
import { type CommandContext, withExamples, withFormat } from "../context.ts";
import { specColumns } from "../report.ts";
import { asUsage, resolveAlly } from "../resolve.ts";
import { type StoreOptions, withStore, withStoreOptions } from "./accounts.ts";
import { loadScenario } from "./scenarios.ts";
import { sourcesOf } from "./totals.ts";

/** The first zod issue as a usage error naming the flag. */
function parsed<T>(
  r: { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } },
  flags: Record<string, string>,
): T {
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = String(issue?.path[0] ?? "");
  throw new UsageError(`${flags[field] ?? field}: ${issue?.message ?? "invalid"}`);
}

const num = (flag: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === "" || !Number.isFinite(n)) throw new UsageError(`${flag}: "${v}" is not a number`);
  return n;
};

export function registerAfford(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("afford <ally>")
    .description(
      "can they afford it? a path's extra spending against government spending and revenue, the debt it adds, the EU's escape clause and SAFE loans",
    )
    .option("-s, --scenario <scenario>", "a scenario preset (pledge scenarios) or a scenario .json file", "hague-2035")
    .option("--financing <how>", "borrow, offset (other spending cut) or revenue (taxes raised)", "borrow")
    .option("--interest-beyond <pct>", "effective interest rate after the WEO horizon, percent (default: each ally's last WEO rate, held)")
    .option(
      "--related-base-from <plan>",
      "one ally only: the related (1.5 %) spending of the base year taken from this plan of the registry, e.g. one classified from a national budget (pledge classify --record-related)",
    );
  withStoreOptions(cmd);
  withFormat(cmd);
  withExamples(cmd, [
    "pledge afford POL",
    "pledge afford all --financing revenue",
    "pledge afford Italy --scenario earlier-2032 --format csv",
    "pledge afford CAN --interest-beyond 3",
    "pledge afford DEU --related-base-from DEU-2025",
  ]);
  type AffordOptions = StoreOptions & {
    scenario: string;
    financing: string;
    interestBeyond?: string;
    relatedBaseFrom?: string;
    format?: string;
  };
  cmd.action(async (allyQuery: string, o: AffordOptions) => {
    const ds = ctx.dataset();
    // The schemas carry zod: loaded when the command runs, never on the CLI's start-up path.
    const { AffordabilityAssumptionsSchema } = await import("../../model/affordability.ts");
    const ally = allyQuery.toLowerCase() === "all" ? null : resolveAlly(ds, allyQuery);
    const assumptions = parsed(
      AffordabilityAssumptionsSchema.safeParse({
        financing: o.financing,
        interestBeyondWeoPct: num("--interest-beyond", o.interestBeyond) ?? null,
      }),
      { financing: "--financing", interestBeyondWeoPct: "--interest-beyond" },
    );
    const loaded = await loadScenario(o.scenario);
    const scenario = o.relatedBaseFrom ? await withRelatedBase(ctx, o, loaded, ally?.iso3 ?? null, o.relatedBaseFrom) : loaded;
    const { runAffordability } = await import("../../core/affordability/affordability-request.ts");
    const { affordabilitySummaryRows, affordabilityYearRows } = await import("../../core/affordability/affordability-tables.ts");
    const { loadEuInstruments } = await import("../../data/eu-fiscal.ts");
    const set = asUsage(() =>
      runAffordability(ds, scenario, { ...assumptions, allies: ally ? [ally.iso3] : undefined }, loadEuInstruments()),
    );
    const one = set.allies.length === 1 ? set.allies[0] : undefined;
    const d = defaultVintages(ds);
    const financed = `financing: ${set.financing}`;
    ctx.emit(
      {
        tables: [
          {
            name: "years",
            title: one ? `${one.name} (${one.currency}), ${set.scenario.name}, ${financed}` : undefined,
            columns: specColumns(AFFORDABILITY_YEARS_SPEC),
            rows: affordabilityYearRows(set),
            machineOnly: !one,
          },
          {
            name: "summary",
            title: `${set.scenario.name}, ${financed}: review year ${set.reviewYear}, target year ${set.targetYear}`,
            columns: specColumns(AFFORDABILITY_SUMMARY_SPEC),
            rows: affordabilitySummaryRows(set),
          },
        ],
        notes: [
          ...set.assumptions,
          ...set.caveats,
          ...set.allies.filter((a) => a.missing).map((a) => `${a.ally}: fiscal figures absent: ${a.missing}`),
          `Scenario ${set.scenario.id}: ${set.scenario.assumptions.join(" ")}`,
        ],
        sources: sourcesOf(ds, [ds.vintage(d.nato)?.sourceId ?? "", ds.vintage(d.imf)?.sourceId ?? "", "eu-defence-fiscal"]),
        json: { scenario: set.scenario.id, financing: set.financing, assumptions: set.assumptions, caveats: set.caveats },
      },
      o.format,
    );
  });
}

/**
 * The scenario with the ally's base-year related spending taken from a plan of the registry: NATO
 * publishes no related figure, so without it the path counts every related euro as extra. The plan's
 * figure keeps its source's status (a user's classification is never NATO's) in the scenario's assumptions.
 */
async function withRelatedBase(
  ctx: CommandContext,
  o: StoreOptions,
  scenario: Scenario,
  iso3: string | null,
  planId: string,
): Promise<Scenario> {
  if (!iso3) throw new UsageError("--related-base-from: name one ally (a plan's figure is that ally's, not every ally's)");
  const { getPlan } = await import("../../store/index.ts");
  const { planSourceLabel } = await import("../../model/plan-claim.ts");
  const record = await withStore(ctx, o, (store) => getPlan(store, planId.toUpperCase()));
  if (!record) throw new UsageError(`--related-base-from: no plan ${planId} in the registry (pledge plans lists them)`);
  if (record.ally !== iso3) throw new UsageError(`--related-base-from: plan ${record.planId} is ${record.ally}'s, not ${iso3}'s`);
  const ds = ctx.dataset();
  const vintage = scenario.vintage ?? defaultVintages(ds).nato;
  const { pathwayBase } = await import("../../core/pathway-context.ts");
  const baseYear = pathwayBase(ds, vintage, iso3)?.year;
  if (baseYear === undefined) throw new UsageError(`--related-base-from: ${iso3} has no path in vintage ${vintage}`);
  const year = record.latest.years.find((y) => y.year === baseYear);
  if (record.latest.unit !== "share" || year?.relatedPct === undefined)
    throw new UsageError(
      `--related-base-from: plan ${record.planId} v${record.latest.version} has no related share of GDP for ${baseYear}, the base year of ${iso3}'s path`,
    );
  const source = record.latest.sources.find((src) => src.covers !== "core" && (!src.years || src.years.includes(baseYear)) && src.status);
  const said = `Related spending in the base year ${baseYear}: ${year.relatedPct.toFixed(4)} % of GDP from plan ${record.planId} v${record.latest.version}${source ? ` (${planSourceLabel(source)})` : ""}; not a NATO figure.`;
  return { ...scenario, target: { ...scenario.target, relatedBasePct: year.relatedPct }, assumptions: [...scenario.assumptions, said] };
}

export function registerBurden(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("burden")
    .description("who covers a US cut: the gap it leaves, shared among Europe and Canada by a chosen key, in money and points of GDP")
    .option("--us-share <pct>", "the US core share of GDP it moves to, percent", "2.0")
    .option("--by <year>", "the year it gets there (linearly), and holds it after", "2030")
    .option(
      "--against <basis>",
      "measure the gap against a freeze at the US base-year share (freeze) or its own path to the target (path)",
      "freeze",
    )
    .option("--key <key>", "share the gap by gdp, effort (lift the lowest shares first) or spending", "gdp")
    .option("--cover <pct>", "percent of the gap Europe and Canada cover", "100")
    .option("-y, --years <years>", "years of the allies' table, comma-separated (default: the review and target years)");
  withFormat(cmd);
  withExamples(cmd, [
    "pledge burden",
    "pledge burden --us-share 2 --by 2029 --against path",
    "pledge burden --key effort --cover 50 --format csv",
  ]);
  cmd.action(async (o: { usShare: string; by: string; against: string; key: string; cover: string; years?: string; format?: string }) => {
    const ds = ctx.dataset();
    const { BurdenParamsSchema } = await import("../../model/affordability.ts");
    const params = parsed(
      BurdenParamsSchema.safeParse({
        usSharePct: num("--us-share", o.usShare),
        byYear: num("--by", o.by),
        against: o.against,
        key: o.key,
        coverPct: num("--cover", o.cover),
      }),
      { usSharePct: "--us-share", byYear: "--by", against: "--against", key: "--key", coverPct: "--cover" },
    );
    const { runBurden } = await import("../../core/affordability/affordability-request.ts");
    const { burdenAllyRows, burdenGapRows } = await import("../../core/affordability/burden-tables.ts");
    const { hagueFigures } = await import("../../core/hague-figures.ts");
    const h = hagueFigures(ds);
    const years = (o.years ?? `${h.reviewYear},${h.targetYear}`).split(",").map((y) => {
      const n = Number(y);
      if (!/^\s*\d{4}\s*$/.test(y)) throw new UsageError(`--years: "${y}" is not a year`);
      return n;
    });
    const r = asUsage(() => runBurden(ds, params));
    const gap = { name: "gap", title: r.statement, columns: specColumns(BURDEN_GAP_SPEC), rows: burdenGapRows(r) };
    const shares = {
      name: "shares",
      title: `Each ally's part in ${years.join(" and ")} (${params.key} key, against ${params.against})`,
      columns: specColumns(BURDEN_ALLIES_SPEC),
      rows: burdenAllyRows(r, o.format === "table" || o.format === undefined ? years : undefined),
    };
    const d = defaultVintages(ds);
    ctx.emit(
      {
        // CSV carries one table: each ally's part by year (the gap is in the table and JSON views).
        tables: o.format === "csv" ? [shares, gap] : [gap, shares],
        notes: r.assumptions,
        sources: sourcesOf(ds, [ds.vintage(d.nato)?.sourceId ?? "", ds.vintage(d.imf)?.sourceId ?? ""]),
        json: { params: r.params, statement: r.statement },
      },
      o.format,
    );
  });
}
