import type { AnnualPlanInput, PlanSource, PlanYear } from "../model/plan.ts";
import { PLAN_NOTES_MAX_CHARS } from "../model/plan.ts";
import { CLAIM_STATUS_LABEL, type PlanClaim } from "../model/plan-claim.ts";

export { SEED_ACTOR } from "../model/plan-claim.ts";

/** One plan of the registry built from the statements of one ally in one year, with the claims behind it. */
export interface SeedPlan {
  plan: AnnualPlanInput;
  claims: PlanClaim[];
}

const MAX_SOURCES = 50;

function claimLine(c: PlanClaim): string {
  const quote = c.quote ? ` "${c.quote}"` : "";
  return `- ${c.year} ${c.indicator} = ${c.value} (${c.unit}); ${CLAIM_STATUS_LABEL[c.status]}; ${c.document}; ${c.statement}.${quote}`;
}

/**
 * The claims of one ally grouped by the year of the statement (a statement without a date joins the
 * ally's earliest one) and turned into registry plans. Rules, each stated in the plan's notes:
 * - unit "share" when the group has a core share (a point, or only a bound); else "amount" when it has
 *   an amount in national currency; a group with neither gives no plan (its claims stay listed);
 * - a year's core share is the point claim; with only bounds, the lower bound ("at least 5 %" is 5);
 * - an increase over the ally's own 2025 claim (Italy's DPFP) is added to that claim;
 * - related spending is the claimed total minus the claimed core for the same year, when both exist;
 * - conflicting reports (`_alt`), upper bounds, national measures and budget components stay in the
 *   notes, side by side with the figure used.
 */
export function seedPlansFromClaims(claims: readonly PlanClaim[]): SeedPlan[] {
  const byAlly = new Map<string, PlanClaim[]>();
  for (const c of claims) byAlly.set(c.ally, [...(byAlly.get(c.ally) ?? []), c]);
  const seeds: SeedPlan[] = [];
  for (const [ally, own] of [...byAlly].sort(([a], [b]) => a.localeCompare(b))) {
    const dated = own.flatMap((c) => (c.statementYear === null ? [] : [c.statementYear]));
    const earliest = dated.length ? Math.min(...dated) : null;
    if (earliest === null) continue;
    const groups = new Map<number, PlanClaim[]>();
    for (const c of own) {
      const y = c.statementYear ?? earliest;
      groups.set(y, [...(groups.get(y) ?? []), c]);
    }
    for (const [submissionYear, group] of [...groups].sort(([a], [b]) => a - b)) {
      const plan = planOf(ally, submissionYear, group);
      if (plan) seeds.push({ plan, claims: group });
    }
  }
  return seeds;
}

function planOf(ally: string, submissionYear: number, group: PlanClaim[]): AnnualPlanInput | null {
  const at = (kind: PlanClaim["kind"], year: number) => group.find((c) => c.kind === kind && c.year === year);
  const years = [...new Set(group.map((c) => c.year))].sort((a, b) => a - b);
  const hasShare = group.some((c) => c.kind === "core_share_point" || c.kind === "core_share_min" || c.kind === "core_share_max");
  const hasAmount = group.some((c) => c.kind === "amount_nc_bn");
  if (!hasShare && !hasAmount) return null;
  const unit = hasShare ? "share" : "amount";
  const rules: string[] = [];
  const planYears: PlanYear[] = [];
  for (const year of years) {
    if (unit === "amount") {
      const amount = at("amount_nc_bn", year);
      if (amount) planYears.push({ year, coreNcM: amount.value * 1000 });
      continue;
    }
    let core = at("core_share_point", year)?.value;
    if (core === undefined) {
      const min = at("core_share_min", year);
      if (min) {
        core = min.value;
        rules.push(`${year}: the lower bound ${min.value} % is used ("at least" or a range; the bounds are listed below).`);
      }
    }
    if (core === undefined) {
      const increase = at("increase_vs_base_pp", year);
      const base = at("core_share_point", 2025);
      if (increase && base) {
        core = Number((base.value + increase.value).toFixed(10));
        rules.push(`${year}: ${base.value} % claimed for 2025 plus the claimed increase of ${increase.value} pp of GDP.`);
      }
    }
    if (core === undefined) continue;
    const total = at("total_share_point", year);
    const y: PlanYear = { year, corePct: core };
    if (total && total.value >= core) {
      // Rounded to 10 decimals only to drop binary noise (4.1 − 2.6 = 1.4999999999999996); no figure has more.
      y.relatedPct = Number((total.value - core).toFixed(10));
      rules.push(`${year}: related spending is the claimed total ${total.value} % minus the core ${core} %.`);
    }
    planYears.push(y);
  }
  if (planYears.length === 0) return null;
  const nonNato = group.some((c) => c.definition !== "nato");
  const header = [
    `Seeded by Pledge from data/plans/claimed.csv: statements ${CLAIM_STATUS_LABEL.claimed_by_ally}, not assessed by NATO.`,
    nonNato
      ? "Some figures are national budget measures or state no definition: they are not NATO-definition figures and are restated, never compared as if they were."
      : "",
    unit === "amount" ? "Amounts are million national currency (the statements give billions)." : "",
    ...rules,
    "Every statement of this group, as the source gives it:",
  ].filter(Boolean);
  const lines = group.map(claimLine);
  let notes = header.join("\n");
  for (const [i, line] of lines.entries()) {
    const rest = `\n… ${lines.length - i} more statements: see "pledge plans".`;
    if (notes.length + 1 + line.length + rest.length > PLAN_NOTES_MAX_CHARS) {
      notes += rest;
      break;
    }
    notes += `\n${line}`;
  }
  const sources: PlanSource[] = [];
  for (const c of group)
    for (const url of c.urls)
      if (!sources.some((s) => s.url === url) && sources.length < MAX_SOURCES)
        sources.push({ title: `${c.document} (${c.statement})`.slice(0, 500), url: url.slice(0, 2000) });
  return { ally, submissionYear, unit, years: planYears, notes, sources };
}

/** The statements behind a plan of the registry: the ally's statements of the plan's submission year (as seeded). */
export function claimsForPlan(claims: readonly PlanClaim[], ally: string, submissionYear: number): PlanClaim[] {
  return seedPlansFromClaims(claims.filter((c) => c.ally === ally)).find((s) => s.plan.submissionYear === submissionYear)?.claims ?? [];
}
