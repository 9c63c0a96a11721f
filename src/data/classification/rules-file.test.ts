import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataError } from "../data-error.ts";
import { findDataDir } from "../load-dataset.ts";
import { DEFAULT_RULES_FILE, loadDefaultRuleSet, parseRuleSet } from "./rules-file.ts";

const shipped = readFileSync(join(findDataDir(), DEFAULT_RULES_FILE), "utf8");
const base = () => JSON.parse(shipped) as { categories: Record<string, unknown>[]; rules: Record<string, unknown>[] };
const errorOf = (f: () => unknown): DataError => {
  try {
    f();
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  throw new Error("no error");
};

describe("the shipped rules file", () => {
  it("loads, and every rule and category cites ../shared/docs/domain.md", () => {
    const rs = loadDefaultRuleSet();
    expect(rs.rules.length).toBeGreaterThan(20);
    for (const x of [...rs.rules, ...rs.categories]) expect(x.citation.source).toContain("domain.md");
  });
  it("declares the core categories of NATO's reporting and the Hague's 1.5 % list", () => {
    const ids = loadDefaultRuleSet().categories.map((c) => c.id);
    for (const id of ["core_personnel", "core_equipment", "core_infrastructure", "core_operations_other", "not_counted"])
      expect(ids).toContain(id);
    for (const id of ["critical_infrastructure", "networks_cyber", "civil_preparedness", "innovation", "industrial_base"])
      expect(ids).toContain(`related_${id}`);
  });
});

describe("a bad rules file is refused, naming the file, the line and the field", () => {
  it("an unknown category", () => {
    const rs = base();
    (rs.rules[3] as { category: string }).category = "core_magic";
    const e = errorOf(() => parseRuleSet(JSON.stringify(rs, null, 2), "mine.json"));
    expect(e.message).toMatch(/^mine\.json, row \d+, field "rules\.3\.category": .*unknown category "core_magic"/);
    // The line named is the rule's own "id" line.
    const lines = JSON.stringify(rs, null, 2).split("\n");
    expect(lines[(e.row as number) - 1]).toContain(`"id": "${(rs.rules[3] as { id: string }).id}"`);
  });
  it("a missing citation", () => {
    const rs = base();
    delete (rs.rules[0] as { citation?: unknown }).citation;
    const e = errorOf(() => parseRuleSet(JSON.stringify(rs), "mine.json"));
    expect(e.field).toBe("rules.0.citation");
    expect(e.message).toMatch(/missing/);
  });
  it("a cycle of priorities (overrides)", () => {
    const rs = base();
    const a = rs.rules[6] as { id: string; priority: number; overrides?: string[] };
    const b = rs.rules[7] as { id: string; priority: number; overrides?: string[] };
    const c = rs.rules[8] as { id: string; priority: number; overrides?: string[] };
    a.priority = b.priority = c.priority = 60;
    a.overrides = [b.id];
    b.overrides = [c.id];
    c.overrides = [a.id];
    const e = errorOf(() => parseRuleSet(JSON.stringify(rs), "mine.json"));
    expect(e.message).toMatch(/cycle: .* → .* → .* → /);
  });
  it("an override of a rule of another priority, or of an unknown rule", () => {
    const rs = base();
    (rs.rules[0] as { overrides: string[] }).overrides = [(rs.rules[7] as { id: string }).id];
    expect(errorOf(() => parseRuleSet(JSON.stringify(rs), "f.json")).message).toMatch(/priorities already order them/);
    (rs.rules[0] as { overrides: string[] }).overrides = ["no-such-rule"];
    expect(errorOf(() => parseRuleSet(JSON.stringify(rs), "f.json")).message).toMatch(/unknown rule "no-such-rule"/);
  });
  it("a duplicate rule id, a rule without conditions, and text that is not JSON", () => {
    const rs = base();
    rs.rules.push({ ...(rs.rules[0] as object) });
    expect(errorOf(() => parseRuleSet(JSON.stringify(rs), "f.json")).message).toMatch(/used twice/);
    expect(errorOf(() => parseRuleSet("{ not json", "f.json")).message).toMatch(/^f\.json: not valid JSON/);
    const empty = base();
    (empty.rules[0] as { when: object }).when = { colour: ["red"] };
    expect(errorOf(() => parseRuleSet(JSON.stringify(empty), "f.json")).field).toMatch(/^rules\.0\.when/);
  });
});
