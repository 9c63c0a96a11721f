import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { type BudgetLine, type RuleSet, RuleSetSchema } from "../../model/classification.ts";
import { ParameterError } from "../parameter-error.ts";
import { classifyBudget } from "./classify.ts";

// The shipped rules, parsed with the schema only (the loader has its own tests in src/data).
const RULES = RuleSetSchema.parse(
  JSON.parse(readFileSync(join(import.meta.dirname, "../../../data/classification/rules-v1.json"), "utf8")),
);

let row = 1;
const line = (name: string, more: Partial<BudgetLine> = {}): BudgetLine => ({
  id: `L${row}`,
  name,
  description: "",
  amount: 100,
  cofog: "",
  ministry: "",
  chapter: "",
  tags: [],
  militaryShare: null,
  row: row++,
  ...more,
});
const MOD = { ministry: "Ministry of Defence" };

/** For every shipped rule: a line it decides, and a near miss it must not decide. */
const EXAMPLES: Record<string, { decides: BudgetLine; nearMiss: BudgetLine }> = {
  "cofog-02.1-military-defence": { decides: line("Armed forces", { cofog: "02.1" }), nearMiss: line("Armed forces", { cofog: "02.2" }) },
  "cofog-02.2-civil-defence": { decides: line("Shelters", { cofog: "02.2" }), nearMiss: line("Shelters", { cofog: "02.1" }) },
  "cofog-02.3-foreign-military-aid": { decides: line("Assistance", { cofog: "02.3" }), nearMiss: line("Assistance", { cofog: "01.3" }) },
  "cofog-02.4-defence-rd": { decides: line("Programmes", { cofog: "02.4" }), nearMiss: line("Programmes", { cofog: "01.4" }) },
  "cofog-02.5-defence-nec": { decides: line("Administration", { cofog: "02.5" }), nearMiss: line("Administration", { cofog: "02.50x" }) },
  "cofog-03-public-order": { decides: line("Courts", { cofog: "03.3" }), nearMiss: line("Courts", { cofog: "04.1" }) },
  "defence-ministry": { decides: line("Sundry items", MOD), nearMiss: line("Sundry items", { ministry: "Ministry of Health" }) },
  "military-personnel": { decides: line("Military personnel", MOD), nearMiss: line("Police personnel", { cofog: "03.1" }) },
  "defence-pensions": {
    decides: line("Armed Forces Pension Scheme", MOD),
    nearMiss: line("Civil service pensions", { ministry: "Treasury" }),
  },
  "major-equipment": { decides: line("Procurement of armoured vehicles"), nearMiss: line("Procurement of police vehicles") },
  "defence-rd": {
    decides: line("Wehrforschung, Entwicklung und Erprobung", { ministry: "Bundesministerium der Verteidigung" }),
    nearMiss: line("Research grants to universities", { ministry: "Ministry of Education" }),
  },
  "military-infrastructure": { decides: line("Military construction"), nearMiss: line("Protection of critical infrastructure") },
  "operations-maintenance": { decides: line("Operation and maintenance"), nearMiss: line("Operational research") },
  "military-aid": { decides: line("Military aid to Ukraine"), nearMiss: line("Humanitarian aid to Ukraine, reconstruction") },
  peacekeeping: {
    decides: line("UN peacekeeping contributions", { ministry: "Foreign Office" }),
    nearMiss: line("Peace research institute"),
  },
  "weapons-destruction": { decides: line("Destruction of weapons and munitions"), nearMiss: line("Destruction of old records") },
  "nato-common-funding": { decides: line("Contribution to NATO common budgets"), nearMiss: line("Contribution to the OSCE") },
  "other-forces": { decides: line("Gendarmerie nationale", { militaryShare: 0.4 }), nearMiss: line("National police") },
  "civil-defence": { decides: line("Zivilschutz und Bevölkerungsschutz"), nearMiss: line("Civil engineering") },
  "war-damage": { decides: line("Compensation for war damage"), nearMiss: line("Storm damage fund") },
  "critical-infrastructure": { decides: line("Protection of critical infrastructure"), nearMiss: line("Road infrastructure") },
  "networks-cyber": {
    decides: line("National cyber security centre", { ministry: "Home Office" }),
    nearMiss: line("Cyber command", MOD),
  },
  innovation: { decides: line("Defence innovation accelerator (DIANA)"), nearMiss: line("Renovation of offices") },
  "industrial-base": {
    decides: line("Defence industrial base: production capacity for shells"),
    nearMiss: line("Industrial policy grants"),
  },
  "military-mobility": { decides: line("Military mobility: reinforced rail bridges"), nearMiss: line("Rail bridges") },
  "dual-use": { decides: line("Dual-use satellite communications"), nearMiss: line("Satellite communications") },
  "debt-interest": { decides: line("Interest on debt of the special fund"), nearMiss: line("Special fund transfers") },
};

describe("every shipped rule", () => {
  it("has a deciding example and a near miss here", () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(RULES.rules.map((r) => r.id).sort());
  });
  for (const rule of RULES.rules) {
    const ex = EXAMPLES[rule.id];
    it(`${rule.id}: decides its example and not its near miss`, () => {
      if (!ex) throw new Error(`no example for ${rule.id}`);
      const [decided, missed] = classifyBudget([ex.decides, ex.nearMiss], RULES).lines;
      expect(decided?.ruleId).toBe(rule.id);
      expect(decided?.explanation).toContain(rule.explanation.slice(0, 20));
      expect(missed?.ruleId).not.toBe(rule.id);
    });
  }
});

describe("decisions", () => {
  it("a line that no rule matches needs review, never a guess", () => {
    const [l] = classifyBudget([line("Miscellaneous")], RULES).lines;
    expect(l).toMatchObject({ category: "needs_review", group: "needs_review", ruleId: null, countedAmount: 0 });
    expect(l?.explanation).toMatch(/No rule matches/);
  });

  it("rules of equal priority that disagree leave the line for review, naming both", () => {
    // operations-maintenance and military-infrastructure are both priority 20.
    const [l] = classifyBudget([line("Betrieb und Erhalt von Kasernen")], RULES).lines;
    expect(l?.category).toBe("needs_review");
    expect(l?.explanation).toContain("operations-maintenance → core_operations_other");
    expect(l?.explanation).toContain("military-infrastructure → core_infrastructure");
  });

  it("a higher priority wins: a defence ministry's pension line is personnel, not 'other'", () => {
    const [l] = classifyBudget([line("Versorgungsausgaben", { ministry: "Bundesministerium der Verteidigung" })], RULES).lines;
    expect(l).toMatchObject({ category: "core_personnel", ruleId: "defence-pensions" });
    expect(l?.alsoMatched).toContain("defence-ministry");
  });

  it("other forces count only in the stated military share; without it they need review", () => {
    const [withShare, without] = classifyBudget(
      [line("Coast guard", { amount: 250, militaryShare: 0.4 }), line("Coast guard, air wing", { amount: 80 })],
      RULES,
    ).lines;
    expect(withShare).toMatchObject({ category: "core_operations_other", countedAmount: 100, notCountedAmount: 150 });
    expect(without).toMatchObject({ category: "needs_review", ruleId: "other-forces" });
    expect(without?.explanation).toMatch(/military_share/);
  });

  it("an override replaces the rule's category and records the reason and the rule's category", () => {
    const l = line("Miscellaneous", { amount: 7 });
    const c = classifyBudget([l], RULES, [{ lineId: l.id, category: "core_personnel", reason: "ministry note: allowances" }]);
    expect(c.lines[0]).toMatchObject({
      category: "core_personnel",
      override: { reason: "ministry note: allowances", ruleCategory: "needs_review" },
    });
    expect(c.groupTotals.core).toBe(7);
  });

  it("refuses overrides of unknown lines or categories, naming the field", () => {
    const l = line("X");
    expect(() => classifyBudget([l], RULES, [{ lineId: "nope", category: "not_counted", reason: "why" }])).toThrow(ParameterError);
    expect(() => classifyBudget([l], RULES, [{ lineId: l.id, category: "core_magic", reason: "why" }])).toThrow(/overrides\.0\.category/);
  });

  it("totals by hand: 3 lines, one of each group", () => {
    const c = classifyBudget(
      [line("Military personnel", { amount: 60 }), line("Zivilschutz", { amount: 30 }), line("Odd item", { amount: 10 })],
      RULES,
    );
    expect(c.groupTotals).toEqual({ core: 60, related: 30, not_counted: 0, needs_review: 10 });
    expect(c.total).toBe(100);
    expect(c.categoryTotals.find((t) => t.category === "core_personnel")).toMatchObject({ amount: 60, lines: 1 });
  });
});

// Properties, over lines drawn from the names and codes the rules look at.
const NAMES = [
  "Military personnel",
  "Procurement",
  "Zivilschutz",
  "Coast guard",
  "Betrieb und Erhalt von Kasernen",
  "Miscellaneous",
  "War damage",
  "Cyber defence centre",
  "Pensions",
  "Military aid",
];
const arbLine = fc.record({
  name: fc.constantFrom(...NAMES),
  amount: fc.integer({ min: -1_000_000, max: 1_000_000_000 }),
  cofog: fc.constantFrom("", "02.1", "02.2", "03.1"),
  ministry: fc.constantFrom("", "Ministry of Defence", "Home Office"),
  militaryShare: fc.option(fc.constantFrom(0, 0.25, 0.5, 1), { nil: null }),
});
const arbLines = fc.array(arbLine, { maxLength: 30 }).map((ls) => ls.map((l, i) => line(l.name, { ...l, id: `P${i}`, row: i + 2 })));
const byId = (c: ReturnType<typeof classifyBudget>) => Object.fromEntries(c.lines.map((l) => [l.id, l]));

describe("properties", () => {
  test.prop([arbLines])("group totals add up to the sum of the lines", (ls) => {
    const c = classifyBudget(ls, RULES);
    const g = c.groupTotals;
    const sum = ls.reduce((s, l) => s + l.amount, 0);
    expect(g.core + g.related + g.not_counted + g.needs_review).toBeCloseTo(sum, 3);
    expect(c.total).toBe(sum);
    expect(c.categoryTotals.reduce((s, t) => s + t.amount, 0)).toBeCloseTo(sum, 3);
  });

  test.prop([arbLines])("every line gets exactly one category of the rule set, or needs review", (ls) => {
    const ids = new Set(RULES.categories.map((x) => x.id));
    for (const l of classifyBudget(ls, RULES).lines) {
      expect(l.category === "needs_review" || ids.has(l.category)).toBe(true);
      expect(l.countedAmount + l.notCountedAmount).toBeCloseTo(l.category === "needs_review" ? 0 : l.amount, 6);
    }
  });

  test.prop([arbLines, fc.integer()])("reordering the lines or the rules changes nothing", (ls, seed) => {
    const shuffle = <T>(xs: readonly T[]) => {
      const out = [...xs];
      let s = seed;
      for (let i = out.length - 1; i > 0; i--) {
        s = (s * 1103515245 + 12345) >>> 0;
        const j = s % (i + 1);
        [out[i], out[j]] = [out[j] as T, out[i] as T];
      }
      return out;
    };
    const rules: RuleSet = { ...RULES, rules: shuffle(RULES.rules) };
    const a = classifyBudget(ls, RULES);
    const b = classifyBudget(shuffle(ls), rules);
    expect(byId(b)).toEqual(byId(a));
    expect(b.groupTotals.core).toBeCloseTo(a.groupTotals.core, 3);
  });

  test.prop([arbLines])("a budget classified twice gives the same result", (ls) => {
    expect(classifyBudget(ls, RULES)).toEqual(classifyBudget(ls, RULES));
  });
});
