import type { RegisterCommand } from "../context.ts";
import { registerStatus } from "./status.ts";
import { registerTotals } from "./totals.ts";

/** Every `pledge` command, in the order `pledge --help` lists them. */
export const COMMANDS: RegisterCommand[] = [registerStatus, registerTotals];
