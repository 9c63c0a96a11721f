import {
  CLAIM_KIND_OF_INDICATOR,
  CLAIM_STATUSES,
  type ClaimDefinition,
  type ClaimStatus,
  type PlanClaim,
  type YearBasis,
} from "../model/plan-claim.ts";
import { DataError } from "./data-error.ts";
import { findDataDir } from "./load-dataset.ts";
import { type LongRow, readLongRows } from "./long-rows.ts";

export const CLAIMED_PLANS_FILE = "plans/claimed.csv";

/** The definition as the unit text states it; a national budget measure is never read as NATO's. */
function definitionOf(unit: string, indicator: string): ClaimDefinition {
  if (/NATO definition/i.test(unit) && !/not the NATO/i.test(unit)) return "nato";
  if (/not stated/i.test(unit)) return "not_stated";
  if (/national|Einzelplan|budget|Sonderverm|programming law/i.test(unit) || indicator.startsWith("budget_")) return "national";
  return "not_stated";
}

function yearBasisOf(unit: string): YearBasis {
  if (/fiscal year/i.test(unit)) return "fiscal_april_march";
  if (/calendar year/i.test(unit)) return "calendar";
  return "not_stated";
}

/** Every http(s) address in a source cell, without the punctuation that follows it in prose. */
export function urlsIn(text: string): string[] {
  return [...new Set([...text.matchAll(/https?:\/\/[^\s;,)]+/g)].map((m) => m[0].replace(/[.)\]]+$/, "")))];
}

export function claimsFromRows(rows: readonly LongRow[], file = CLAIMED_PLANS_FILE): PlanClaim[] {
  return rows.map((r, i) => {
    const row = i + 2;
    const kind = CLAIM_KIND_OF_INDICATOR[r.indicator];
    if (!kind) throw new DataError(file, row, "indicator", `unknown plan indicator "${r.indicator}"`);
    if (!(CLAIM_STATUSES as readonly string[]).includes(r.estimate_flag))
      throw new DataError(file, row, "estimate_flag", `the status must be one of ${CLAIM_STATUSES.join(", ")}`);
    const urls = urlsIn(r.source);
    if (urls.length === 0) throw new DataError(file, row, "source", "every statement needs its source URL");
    if (r.value < 0) throw new DataError(file, row, "value", "a planned figure cannot be negative");
    const statementYear = /\b(20\d\d)\b/.exec(r.vintage)?.[1];
    return {
      ally: r.ally_iso3,
      year: r.year,
      indicator: r.indicator,
      kind,
      value: r.value,
      unit: r.unit,
      definition: definitionOf(r.unit, r.indicator),
      yearBasis: yearBasisOf(r.unit),
      status: r.estimate_flag as ClaimStatus,
      statement: r.vintage,
      statementYear: statementYear === undefined ? null : Number(statementYear),
      document: r.source_table,
      quote: r.source_label,
      urls,
      source: r.source,
      row,
    };
  });
}

export function loadPlanClaims(dataDir: string = findDataDir()): PlanClaim[] {
  return claimsFromRows(readLongRows(dataDir, CLAIMED_PLANS_FILE));
}

let cached: { dataDir: string; claims: PlanClaim[] } | null = null;
/** The statements, read once per process and data folder (the server's assessment route). */
export function cachedPlanClaims(dataDir: string = findDataDir()): PlanClaim[] {
  if (cached?.dataDir !== dataDir) cached = { dataDir, claims: loadPlanClaims(dataDir) };
  return cached.claims;
}
