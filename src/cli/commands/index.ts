import type { RegisterCommand } from "../context.ts";
import { registerAlly } from "./ally.ts";
import { registerCompare } from "./compare.ts";
import { registerRank } from "./rank.ts";
import { registerRevisions } from "./revisions.ts";
import { registerSources } from "./sources.ts";
import { registerStatus } from "./status.ts";
import { registerTotals } from "./totals.ts";
import { registerVintages } from "./vintages.ts";
import { registerWorld } from "./world.ts";

/** Every `pledge` command, in the order `pledge --help` lists them. */
export const COMMANDS: RegisterCommand[] = [
  registerStatus,
  registerAlly,
  registerTotals,
  registerCompare,
  registerRank,
  registerRevisions,
  registerWorld,
  registerSources,
  registerVintages,
];
