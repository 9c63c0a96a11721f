import type { Command } from "commander";

// Kept apart from pathway-options.ts (which validates with zod) so that registering the commands and
// printing an error never loads zod: every command's start-up pays only for what it uses.

export interface PathwayCliOptions {
  target?: string;
  by?: string;
  shape?: string;
  related?: string;
  relatedBase?: string;
  vintage?: string;
  imfVintage?: string;
  growthBeyond?: string;
  inflationBeyond?: string;
  gdpShock?: string;
  inflationShock?: string;
  plan?: string;
  planKind?: string;
  format?: string;
}

/** Request field → the option that sets it, so a validation error names what the user typed. */
const OPTION_OF: Record<string, string> = {
  "target.corePct": "--target",
  "target.targetYear": "--by",
  "target.shape": "--shape",
  "target.relatedPct": "--related",
  "target.relatedBasePct": "--related-base",
  "target.plan": "--plan",
  "target.plan.values": "--plan",
  "target.plan.kind": "--plan-kind",
  vintage: "--vintage",
  imfVintage: "--imf-vintage",
  "economy.gdpGrowthBeyondWeoPct": "--growth-beyond",
  "economy.inflationBeyondWeoPct": "--inflation-beyond",
  "economy.gdpShockPp": "--gdp-shock",
  "economy.inflationShockPp": "--inflation-shock",
  allies: "<ally>",
};

export function optionFor(field: string): string {
  if (OPTION_OF[field]) return OPTION_OF[field];
  const prefix = Object.keys(OPTION_OF).find((k) => field.startsWith(`${k}.`));
  return prefix ? (OPTION_OF[prefix] as string) : field;
}

/** The options `path` and `simulate` share: targets, shape, vintages and the economy beyond the WEO. */
export function withPathwayOptions(cmd: Command): Command {
  return cmd
    .option("-t, --target <pct>", "core defence target, % of GDP (default: the Hague's 3.5, or the ally's own arrangement: Spain 2.1)")
    .option("-b, --by <year>", "target year (default: the Hague's, 2035)")
    .option("-s, --shape <shape>", "linear, constant-real-growth, front-loaded, back-loaded, plan or freeze", "linear")
    .option("-r, --related <pct>", "defence- and security-related target, % of GDP (default: the Hague's 5 − 3.5 = 1.5)")
    .option("--related-base <pct>", "related spending already counted in the base year, % of GDP", "0")
    .option("--plan <year=value,...>", 'a plan for --shape plan, e.g. "2027=2.5,2030=3"')
    .option("--plan-kind <kind>", "share (% of GDP) or amount (million national currency)", "share")
    .option("-v, --vintage <vintage>", "NATO vintage of the base year (default: the newest)")
    .option("--imf-vintage <vintage>", "IMF WEO vintage for GDP (default: the newest)")
    .option(
      "--growth-beyond <pct>",
      "nominal GDP growth after the WEO's last year (default: each ally's average of the last five projected years)",
    )
    .option("--inflation-beyond <pct>", "deflator inflation after the WEO's last year (default: as above)")
    .option("--gdp-shock <pp>", "points added to nominal GDP growth every projected year", "0")
    .option("--inflation-shock <pp>", "points added to inflation every projected year", "0");
}
