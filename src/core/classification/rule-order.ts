import type { Rule } from "../../model/classification.ts";

export type RuleOrderProblem = { ruleId: string; field: "overrides" | "category"; reason: string };

/**
 * Checks that a rule set can decide: every `overrides` names a rule of the same priority (a rule of
 * another priority is already ordered by it) and the overrides form no cycle. Returns the problems.
 */
export function ruleOrderProblems(rules: readonly Rule[]): RuleOrderProblem[] {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const problems: RuleOrderProblem[] = [];
  for (const r of rules) {
    for (const o of r.overrides) {
      const other = byId.get(o);
      if (!other) problems.push({ ruleId: r.id, field: "overrides", reason: `overrides the unknown rule "${o}"` });
      else if (other.priority !== r.priority)
        problems.push({
          ruleId: r.id,
          field: "overrides",
          reason: `overrides "${o}" of priority ${other.priority}, but its own priority is ${r.priority}: priorities already order them`,
        });
      else if (o === r.id) problems.push({ ruleId: r.id, field: "overrides", reason: "overrides itself" });
    }
  }
  const cycle = findCycle(rules);
  if (cycle) problems.push({ ruleId: cycle[0] as string, field: "overrides", reason: `the overrides form a cycle: ${cycle.join(" → ")}` });
  return problems;
}

/** A cycle in the overrides graph as a list of ids (first repeated at the end), or null. */
function findCycle(rules: readonly Rule[]): string[] | null {
  const edges = new Map(rules.map((r) => [r.id, r.overrides.filter((o) => o !== r.id)]));
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    const s = state.get(id);
    if (s === "done") return null;
    if (s === "open") return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, "open");
    stack.push(id);
    for (const next of edges.get(id) ?? []) {
      if (!edges.has(next)) continue;
      const found = visit(next);
      if (found) return found;
    }
    stack.pop();
    state.set(id, "done");
    return null;
  };
  for (const r of rules) {
    const found = visit(r.id);
    if (found) return found;
  }
  return null;
}

/** Every rule that `id` beats by `overrides`, directly or through others of its priority. */
export function beatenBy(rules: readonly Rule[]): Map<string, Set<string>> {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const out = new Map<string, Set<string>>();
  const reach = (id: string, seen: Set<string>) => {
    for (const o of byId.get(id)?.overrides ?? []) {
      if (seen.has(o)) continue;
      seen.add(o);
      reach(o, seen);
    }
  };
  for (const r of rules) {
    const seen = new Set<string>();
    reach(r.id, seen);
    out.set(r.id, seen);
  }
  return out;
}
