import { seedPlansFromClaims } from "../core/plan-seed.ts";
import { loadPlanClaims } from "../data/claimed-plans.ts";
import type { Store } from "./database.ts";
import { seedPlansIfEmpty } from "./seed-plans.ts";

/**
 * On a server's start: a registry that has never held a plan gets the allies' published statements
 * (data/plans/claimed.csv), so a new user sees them; an existing one is left as it is (`pledge plans
 * seed` adds them there, never overwriting a person's version).
 */
export async function seedFreshRegistry(store: Store, dataDir: string, log: (line: string) => void): Promise<void> {
  const outcomes = await seedPlansIfEmpty(store, seedPlansFromClaims(loadPlanClaims(dataDir)));
  if (outcomes)
    log(`plan registry was empty: loaded ${outcomes.length} plans from the allies' published statements (data/plans/claimed.csv)`);
}
