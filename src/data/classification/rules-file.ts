import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ruleOrderProblems } from "../../core/classification/rule-order.ts";
import { type RuleSet, RuleSetSchema } from "../../model/classification.ts";
import { DataError } from "../data-error.ts";
import { findDataDir } from "../load-dataset.ts";

/** The rules Pledge ships; a user's own file is given with --rules (CLI) or in the request (API). */
export const DEFAULT_RULES_FILE = "classification/rules-v1.json";

export function loadDefaultRuleSet(dataDir: string = findDataDir()): RuleSet {
  const path = join(dataDir, DEFAULT_RULES_FILE);
  return parseRuleSet(readFileSync(path, "utf8"), DEFAULT_RULES_FILE);
}

export function loadRuleSetFile(path: string, name: string = path): RuleSet {
  return parseRuleSet(readFileSync(path, "utf8"), name);
}

/** The line of `text` where the object with `"id": "<id>"` is written, for messages (JSON has no rows). */
function lineOf(text: string, id: string | undefined): number | undefined {
  if (!id) return undefined;
  const at = text.search(new RegExp(`"id"\\s*:\\s*${JSON.stringify(id).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  return at < 0 ? undefined : text.slice(0, at).split("\n").length;
}

/**
 * Parses and validates a rules file: its shape (zod), unique ids, every rule's category declared,
 * a citation on every rule and category, and priorities that can decide (no cycle of overrides).
 * Errors name the file, the line of the offending rule and the field.
 */
export function parseRuleSet(text: string, file: string): RuleSet {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new DataError(file, undefined, undefined, `not valid JSON: ${(e as Error).message}`);
  }
  const parsed = RuleSetSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as { path: PropertyKey[]; message: string };
    const path = issue.path.map(String);
    const list = (raw as Record<string, unknown>)?.[path[0] ?? ""];
    const item = Array.isArray(list) ? (list[Number(path[1])] as { id?: string } | undefined) : undefined;
    const missing = /received undefined/.test(issue.message) ? " (missing)" : "";
    throw new DataError(file, lineOf(text, item?.id), path.join("."), `${issue.message}${missing}`);
  }
  const rs = parsed.data;
  const seen = new Set<string>();
  rs.categories.forEach((c, i) => {
    if (seen.has(c.id)) throw new DataError(file, lineOf(text, c.id), `categories.${i}.id`, `the category "${c.id}" is declared twice`);
    seen.add(c.id);
  });
  const ruleIds = new Set<string>();
  rs.rules.forEach((r, i) => {
    if (ruleIds.has(r.id)) throw new DataError(file, lineOf(text, r.id), `rules.${i}.id`, `the rule id "${r.id}" is used twice`);
    ruleIds.add(r.id);
    if (!seen.has(r.category))
      throw new DataError(
        file,
        lineOf(text, r.id),
        `rules.${i}.category`,
        `rule "${r.id}" assigns the unknown category "${r.category}" (declared: ${[...seen].join(", ")})`,
      );
    if (r.proportional && rs.categories.find((c) => c.id === r.category)?.group !== "core")
      throw new DataError(
        file,
        lineOf(text, r.id),
        `rules.${i}.proportional`,
        "only a rule that assigns a core category can count a military share",
      );
  });
  const problem = ruleOrderProblems(rs.rules)[0];
  if (problem) {
    const i = rs.rules.findIndex((r) => r.id === problem.ruleId);
    throw new DataError(file, lineOf(text, problem.ruleId), `rules.${i}.${problem.field}`, `rule "${problem.ruleId}" ${problem.reason}`);
  }
  return rs;
}
