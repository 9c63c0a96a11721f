import type { Command } from "commander";
import { UsageError } from "../cli-io.ts";
import { type CommandContext, withExamples, withFormat } from "../context.ts";
import { resolveAlly } from "../resolve.ts";
import { type StoreOptions, withStore, withStoreOptions } from "./accounts.ts";

const STATUSES = ["active", "withdrawn"] as const;

/** `pledge plans`, `pledge plans seed`, `pledge plan <id> --assess`: the registry of annual plans from the command line. */
export function registerPlans(program: Command, ctx: CommandContext): void {
  const plans = withStoreOptions(
    program
      .command("plans")
      .description("the registry of annual plans: the latest version of each, who recorded it, and the status of its figures")
      .option("-a, --ally <ally>", "one ally (ISO3, ISO2 or name)")
      .option("-s, --status <status>", "active or withdrawn"),
  );
  withFormat(plans);
  withExamples(plans, ["pledge plans", "pledge plans --ally Germany", "pledge plans --status withdrawn --format csv"]);
  plans.action(async (o: StoreOptions & { ally?: string; status?: string; format?: string }) => {
    if (o.status !== undefined && !(STATUSES as readonly string[]).includes(o.status))
      throw new UsageError(`unknown status "${o.status}": use active or withdrawn.`);
    const ally = o.ally === undefined ? undefined : resolveAlly(ctx.dataset(), o.ally).iso3;
    const { listPlans } = await import("../../store/index.ts");
    const { SEED_ACTOR } = await import("../../core/plan-seed.ts");
    const list = await withStore(ctx, o, (store) => listPlans(store, { ...(ally ? { ally } : {}), limit: 500 }));
    const rows = list
      .filter((p) => o.status === undefined || p.latest.status === o.status)
      .map((p) => ({
        plan: p.planId,
        ally: p.ally,
        submission_year: p.submissionYear,
        version: p.latest.version,
        status: p.latest.status,
        recorded_by: p.latest.createdBy,
        figures: p.latest.createdBy === SEED_ACTOR ? "claimed by the ally" : "as recorded by the user",
        unit: p.latest.unit,
        years: p.latest.years.map((y) => y.year).join(" "),
        first_source: p.latest.sources[0]?.url ?? null,
        sources: p.latest.sources.length,
      }));
    ctx.emit(
      {
        tables: [
          {
            name: "plans",
            title: "Annual plans (latest version of each)",
            columns: [
              { key: "plan", header: "Plan" },
              { key: "ally", header: "Ally", machineOnly: true },
              { key: "submission_year", header: "Submitted", year: true, machineOnly: true },
              { key: "version", header: "v", align: "right", decimals: 0 },
              { key: "status", header: "Status" },
              { key: "recorded_by", header: "Recorded by" },
              { key: "figures", header: "Figures" },
              { key: "unit", header: "Unit" },
              { key: "years", header: "Years" },
              { key: "first_source", header: "Source" },
              { key: "sources", header: "", machineOnly: true },
            ],
            rows,
          },
        ],
        notes: [
          `Plans recorded by ${SEED_ACTOR} come from data/plans/claimed.csv: statements claimed by the ally, not assessed by NATO (see data/PROVENANCE.md, section 6).`,
          'Assess one with "pledge plan <id> --assess". Load the statements into an existing database with "pledge plans seed".',
        ],
        sources: [],
      },
      o.format,
    );
  });

  // The store options are the parent's (`pledge plans --data-dir … seed` and `pledge plans seed --data-dir …` both reach them there).
  const seed = plans
    .command("seed")
    .description(
      "load the allies' published statements into the registry; never overwrites a version a person recorded; running it twice changes nothing",
    );
  withFormat(seed);
  withExamples(seed, ["pledge plans seed", "pledge plans seed --database-url postgres://pledge@localhost/pledge"]);
  seed.action(async (own: { format?: string }) => {
    const o = { ...plans.opts<StoreOptions>(), format: own.format };
    const { loadPlanClaims } = await import("../../data/claimed-plans.ts");
    const { seedPlansFromClaims } = await import("../../core/plan-seed.ts");
    const { seedPlans } = await import("../../store/seed-plans.ts");
    const seeds = seedPlansFromClaims(loadPlanClaims());
    const outcomes = await withStore(ctx, o, (store) => seedPlans(store, seeds));
    const count = (a: string) => outcomes.filter((x) => x.action === a).length;
    ctx.emit(
      {
        tables: [
          {
            name: "seeded",
            title: "Seeding the plan registry",
            columns: [
              { key: "plan", header: "Plan" },
              { key: "action", header: "Result" },
              { key: "latest_by", header: "Latest version by" },
            ],
            rows: outcomes.map((x) => ({ plan: x.planId, action: x.action, latest_by: x.latestBy ?? null })),
          },
        ],
        notes: [
          `${count("created")} created, ${count("updated")} updated, ${count("unchanged")} unchanged, ${count("kept_user_version")} kept because a person recorded the latest version.`,
        ],
        sources: [],
      },
      o.format,
    );
  });

  const plan = withStoreOptions(
    program
      .command("plan <id>")
      .description("one plan of the registry (ALLY-YEAR); with --assess, its assessment and credibility with the reasons")
      .option("--assess", "judge the plan: path, targets, back-loading, restated amounts, credibility"),
  );
  withFormat(plan);
  withExamples(plan, ["pledge plan DEU-2025 --assess", "pledge plan POL-2025 --assess --format json"]);
  plan.action(async (id: string, o: StoreOptions & { assess?: boolean; format?: string }) => {
    const { getPlan, previousPlanOf } = await import("../../store/index.ts");
    const { AnnualPlanSchema } = await import("../../model/plan.ts");
    const { planSourceLabel } = await import("../../model/plan-claim.ts");
    const ds = ctx.dataset();
    const found = await withStore(ctx, o, async (store) => {
      const record = await getPlan(store, id.toUpperCase());
      if (!record) return null;
      const previous = await previousPlanOf(store, record.ally, record.submissionYear);
      return { record, previous };
    });
    if (!found) throw new UsageError(`no plan ${id}: see "pledge plans".`);
    const contentOf = (v: typeof found.record.latest) => {
      const { planId: _p, version: _v, status: _s, createdAt: _c, createdBy: _b, ...rest } = v;
      return AnnualPlanSchema.parse(rest);
    };
    const content = contentOf(found.record.latest);
    const yearsTable = {
      name: "years",
      title: `${found.record.planId} v${found.record.latest.version} (${found.record.latest.status}), recorded by ${found.record.latest.createdBy}`,
      columns: [
        { key: "year", header: "Year", year: true },
        { key: "core_pct", header: "Core %", align: "right" as const, decimals: 2 },
        { key: "related_pct", header: "Related %", align: "right" as const, decimals: 2 },
        { key: "core_nc_m", header: "Core (m NC)", align: "right" as const, decimals: 0 },
        { key: "related_nc_m", header: "Related (m NC)", align: "right" as const, decimals: 0 },
      ],
      rows: content.years.map((y) => ({
        year: y.year,
        core_pct: y.corePct ?? null,
        related_pct: y.relatedPct ?? null,
        core_nc_m: y.coreNcM ?? null,
        related_nc_m: y.relatedNcM ?? null,
      })),
    };
    const sources = content.sources.map((s, i) => ({ id: `S${i + 1}`, title: planSourceLabel(s), url: s.url ?? "" }));
    if (!o.assess) {
      ctx.emit({ tables: [yearsTable], notes: content.notes ? [content.notes] : [], sources }, o.format);
      return;
    }
    const { defaultVintages } = await import("../../core/pathway-request.ts");
    const { preparePathwayContext } = await import("../../core/pathway-context.ts");
    const { EconomicAssumptionsSchema } = await import("../../model/pathway.ts");
    const { planCredibilityReport } = await import("../../core/plan-assessment-inputs.ts");
    const { claimsForPlan } = await import("../../core/plan-seed.ts");
    const { loadPlanClaims } = await import("../../data/claimed-plans.ts");
    const { ParameterError } = await import("../../core/parameter-error.ts");
    const d = defaultVintages(ds);
    const pctx = preparePathwayContext(ds, {
      vintageId: d.nato,
      imfVintageId: d.imf,
      horizon: 2050,
      economy: EconomicAssumptionsSchema.parse({}),
    });
    let r: ReturnType<typeof planCredibilityReport>;
    try {
      r = planCredibilityReport(
        ds,
        pctx,
        content,
        found.previous ? contentOf(found.previous) : undefined,
        claimsForPlan(loadPlanClaims(), content.ally, content.submissionYear),
      );
    } catch (e) {
      if (e instanceof ParameterError) throw new UsageError(e.reason);
      throw e;
    }
    const a = r.assessment;
    ctx.emit(
      {
        tables: [
          {
            name: "path",
            title: `${found.record.planId}: plan against the linear path to ${a.targets.corePct} % by ${a.targets.year} (pathway rule; NATO ${d.nato})`,
            columns: [
              { key: "year", header: "Year", year: true },
              { key: "plan_pct", header: "Plan %", align: "right", decimals: 2 },
              { key: "path_pct", header: "Path %", align: "right", decimals: 2 },
              { key: "distance_pp", header: "vs path pp", align: "right", decimals: 2 },
              { key: "nato_pct", header: "NATO %", align: "right", decimals: 2 },
            ],
            rows: a.shares.map((s) => {
              const p = a.distanceFromLinearPathPp.find((x) => x.year === s.year);
              return {
                year: s.year,
                plan_pct: s.corePct,
                path_pct: p?.pathPct ?? null,
                distance_pp: p?.distancePp ?? null,
                nato_pct: a.vsActuals.find((x) => x.year === s.year)?.actualPct ?? null,
              };
            }),
          },
          {
            name: "restated",
            title: "Amounts restated as shares of GDP (national figures are not NATO-definition figures)",
            columns: [
              { key: "year", header: "Year", year: true },
              { key: "amount_nc_bn", header: "Amount bn NC", align: "right", decimals: 2 },
              { key: "pct_of_imf_gdp", header: "% IMF GDP", align: "right", decimals: 2 },
              { key: "pct_of_nato_gdp", header: "% NATO GDP", align: "right", decimals: 2 },
              { key: "claimed_pct", header: "Claimed %", align: "right", decimals: 2 },
              { key: "definition", header: "Definition" },
              { key: "compared", header: "Compared with claim" },
            ],
            rows: r.restatements.map((s) => ({
              year: s.year,
              amount_nc_bn: s.amountNcBn,
              pct_of_imf_gdp: s.pctOfImfGdp,
              pct_of_nato_gdp: s.pctOfNatoGdp,
              claimed_pct: s.claimedPct,
              definition: s.definition,
              compared: s.claimedPct === null ? null : s.comparable ? "yes" : "no: a national measure",
            })),
          },
          {
            name: "credibility",
            title: `Credibility: ${r.credibility.grade} (${r.credibility.concerns} concern${r.credibility.concerns === 1 ? "" : "s"})`,
            columns: [
              { key: "concern", header: "Concern" },
              { key: "reason", header: "Reason" },
            ],
            rows: r.credibility.reasons.map((x) => ({ concern: x.concern ? "yes" : "no", reason: x.text, code: x.code })),
          },
        ],
        notes: [
          "Grade: A no concern, B one, C two or three, D four or more; always read with the reasons.",
          ...a.gaps.map((g) => `${g.year} (${g.plan} plan): ${g.reason}`),
          ...r.restatements.slice(0, 1).map((s) => s.note),
        ],
        sources,
        json: {
          planId: found.record.planId,
          version: found.record.latest.version,
          assessment: a,
          restatements: r.restatements,
          credibility: r.credibility,
        },
      },
      o.format,
    );
  });
}
