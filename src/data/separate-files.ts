import { CLAIMED_PLANS_FILE } from "./claimed-plans.ts";
import { EU_FISCAL_FILE } from "./eu-fiscal.ts";
import { KIEL_FILE } from "./kiel-aid.ts";
import { PUBLISHED_COSTINGS_FILE } from "./published-costings.ts";

/**
 * Data files outside the bundle: they are not vintages of a series (the allies' plan statements, the
 * Kiel Institute's aid totals, the EU's defence instruments, fiscal councils' published costings), so
 * each is read and validated by its own loader when a command needs it.
 */
export const SEPARATE_DATA_FILES: readonly string[] = [CLAIMED_PLANS_FILE, KIEL_FILE, EU_FISCAL_FILE, PUBLISHED_COSTINGS_FILE];
