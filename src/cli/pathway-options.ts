import type { Command } from "commander";
import type { z } from "zod";
import type { Ally } from "../model/ally.ts";
import type { Dataset } from "../model/dataset.ts";
import { type PathwayRequest, PathwayRequestSchema } from "../model/pathway.ts";
import { UsageError } from "./cli-io.ts";
import { resolveAlly } from "./resolve.ts";

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
    .option("-t, --target <pct>", "core defence target, % of GDP (default: 3.5, or the ally's own arrangement: Spain 2.1)")
    .option("-b, --by <year>", "target year", "2035")
    .option("-s, --shape <shape>", "linear, constant-real-growth, front-loaded, back-loaded, plan or freeze", "linear")
    .option("-r, --related <pct>", "defence- and security-related target, % of GDP", "1.5")
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

function number(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n)) throw new UsageError(`${option}: "${text}" is not a number`);
  return n;
}

function parsePlan(text: string | undefined): Record<string, number> | undefined {
  if (text === undefined) return undefined;
  const values: Record<string, number> = {};
  for (const part of text.split(",")) {
    const m = /^\s*(\d{4})\s*=\s*([^\s]+)\s*$/.exec(part);
    if (!m) throw new UsageError(`--plan: "${part}" is not year=value (e.g. 2030=3.2)`);
    values[m[1] as string] = number(m[2], "--plan") as number;
  }
  return values;
}

/** "all" or one ally, by ISO3, ISO2 or name. */
export function resolveAllies(ds: Dataset, query: string): Ally[] | null {
  if (query.toLowerCase() === "all") return null;
  return [resolveAlly(ds, query)];
}

export function usageFromZod(error: z.ZodError): UsageError {
  const issue = error.issues[0];
  const field = issue?.path.join(".") ?? "";
  return new UsageError(`${optionFor(field)}: ${issue?.message ?? "invalid"}`);
}

export function pathwayRequestFrom(ds: Dataset, allyQuery: string, o: PathwayCliOptions): PathwayRequest {
  const allies = resolveAllies(ds, allyQuery);
  const plan = parsePlan(o.plan);
  const raw = {
    allies: allies?.map((a) => a.iso3),
    vintage: o.vintage,
    imfVintage: o.imfVintage,
    target: {
      corePct: number(o.target, "--target"),
      relatedPct: number(o.related, "--related"),
      relatedBasePct: number(o.relatedBase, "--related-base"),
      targetYear: number(o.by, "--by"),
      shape: o.shape,
      plan: plan ? { kind: o.planKind, values: plan } : undefined,
    },
    economy: {
      gdpGrowthBeyondWeoPct: number(o.growthBeyond, "--growth-beyond") ?? null,
      inflationBeyondWeoPct: number(o.inflationBeyond, "--inflation-beyond") ?? null,
      gdpShockPp: number(o.gdpShock, "--gdp-shock"),
      inflationShockPp: number(o.inflationShock, "--inflation-shock"),
    },
  };
  const parsed = PathwayRequestSchema.safeParse(raw);
  if (!parsed.success) throw usageFromZod(parsed.error);
  if (parsed.data.target.shape === "plan" && !parsed.data.target.plan)
    throw new UsageError('--plan: the "plan" shape needs --plan year=value,...');
  return parsed.data;
}
