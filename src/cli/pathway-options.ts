import type { z } from "zod";
import type { Ally } from "../model/ally.ts";
import type { Dataset } from "../model/dataset.ts";
import { type PathwayRequest, PathwayRequestSchema } from "../model/pathway.ts";
import { UsageError } from "./cli-io.ts";
import { optionFor, type PathwayCliOptions } from "./pathway-flags.ts";
import { resolveAlly } from "./resolve.ts";

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
