import { SEED_ACTOR, type SeedPlan } from "../core/plan-seed.ts";
import { type AnnualPlan, AnnualPlanSchema, planIdOf } from "../model/plan.ts";
import { canonicalJson } from "./canonical-json.ts";
import { isoNow, type Store } from "./database.ts";
import { latestRow, versionFromRow, writePlanVersion } from "./plans-repository.ts";
import { invalidInput } from "./store-error.ts";
import { inTransaction } from "./transaction.ts";

/**
 * What seeding did to one plan: created it, added a version because the seed data changed, found the
 * same content already there, or left it alone because a person recorded the latest version.
 */
export type SeedAction = "created" | "updated" | "unchanged" | "kept_user_version";
export interface SeedOutcome {
  planId: string;
  action: SeedAction;
  /** Who recorded the latest version when it is kept. */
  latestBy?: string;
}

/**
 * Loads the seed plans into the registry in one transaction (all or nothing), as versions recorded by
 * `system:seed` with their sources. Idempotent: a plan whose latest version already holds the seed's
 * content is left as it is, and a plan whose latest version a person recorded (an edit, a withdrawal)
 * is never overwritten.
 */
export async function seedPlans(store: Store, seeds: readonly SeedPlan[]): Promise<SeedOutcome[]> {
  const plans: AnnualPlan[] = seeds.map((s) => {
    const parsed = AnnualPlanSchema.safeParse(s.plan);
    if (!parsed.success) throw invalidInput(parsed.error, `the seed plan ${planIdOf(s.plan.ally, s.plan.submissionYear)}`);
    return parsed.data;
  });
  return inTransaction(
    store,
    async (trx) => {
      const at = isoNow(store);
      const outcomes: SeedOutcome[] = [];
      for (const plan of plans) {
        const planId = planIdOf(plan.ally, plan.submissionYear);
        const row = await latestRow(trx, planId);
        if (!row) {
          await writePlanVersion(trx, at, SEED_ACTOR, plan, "active", "create");
          outcomes.push({ planId, action: "created" });
          continue;
        }
        if (row.created_by !== SEED_ACTOR) {
          outcomes.push({ planId, action: "kept_user_version", latestBy: row.created_by });
          continue;
        }
        const latest = versionFromRow(row);
        const { planId: _p, version: _v, status, createdAt: _c, createdBy: _b, ...content } = latest;
        if (status === "active" && canonicalJson(content) === canonicalJson(plan)) {
          outcomes.push({ planId, action: "unchanged" });
          continue;
        }
        await writePlanVersion(trx, at, SEED_ACTOR, plan, "active", "add");
        outcomes.push({ planId, action: "updated" });
      }
      return outcomes;
    },
    true,
  ); // two servers seeding one fresh database at once: the loser retries and finds the plans unchanged
}

/** Seeds only a registry that has never held a plan: what a fresh database gets on first start. */
export async function seedPlansIfEmpty(store: Store, seeds: readonly SeedPlan[]): Promise<SeedOutcome[] | null> {
  const any = await store.db.selectFrom("plans").select("id").limit(1).executeTakeFirst();
  if (any) return null;
  return seedPlans(store, seeds);
}
