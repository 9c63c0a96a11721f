import type { RegisterCommand } from "../context.ts";
import { registerAccounts } from "./accounts.ts";
import { registerAfford, registerBurden } from "./afford.ts";
import { registerAid } from "./aid.ts";
import { registerAlly } from "./ally.ts";
import { registerBacktest } from "./backtest.ts";
import { registerBuildSite } from "./build-site.ts";
import { registerCheck } from "./check.ts";
import { registerClassify } from "./classify.ts";
import { registerCompare } from "./compare.ts";
import { registerData } from "./data.ts";
import { registerForecast, registerSimulate } from "./forecast.ts";
import { registerOutturn } from "./outturn.ts";
import { registerPath } from "./path.ts";
import { registerPlans } from "./plans.ts";
import { registerRank } from "./rank.ts";
import { registerRevisions } from "./revisions.ts";
import { registerScenarios } from "./scenarios.ts";
import { registerServe } from "./serve.ts";
import { registerSources } from "./sources.ts";
import { registerStatus } from "./status.ts";
import { registerTotals } from "./totals.ts";
import { registerVintages } from "./vintages.ts";
import { registerWorld } from "./world.ts";

/** Every `pledge` command, in the order `pledge --help` lists them. */
export const COMMANDS: RegisterCommand[] = [
  registerServe,
  registerBuildSite,
  registerStatus,
  registerAlly,
  registerTotals,
  registerAid,
  registerCompare,
  registerRank,
  registerRevisions,
  registerOutturn,
  registerCheck,
  registerWorld,
  registerPath,
  registerScenarios,
  registerAfford,
  registerBurden,
  registerPlans,
  registerForecast,
  registerSimulate,
  registerBacktest,
  registerClassify,
  registerSources,
  registerVintages,
  registerData,
  registerAccounts,
];
