/**
 * Budget classification at the reader's row limit (20,000 lines): the lines of the two real sample
 * budgets repeated under new ids (no amount is made up). Baseline in the same run: csv-parse alone
 * on the same text, the least any reader must pay.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { classifyBudget } from "../src/core/classification/classify.ts";
import { DEFAULT_BUDGET_LIMITS, readBudget } from "../src/data/classification/budget-file.ts";
import { loadDefaultRuleSet } from "../src/data/classification/rules-file.ts";
import { goal, median, ms } from "./timing.ts";

const dir = join(import.meta.dirname, "../examples/budgets");
const samples = ["usa-dod-fy2001-budget-authority.csv", "canada-dnd-main-estimates-2023-24.csv"].map((f) =>
  (parse(readFileSync(join(dir, f), "utf8"), { columns: true }) as Record<string, string>[]).map((r) => ({
    name: r.name,
    ministry: r.ministry,
    amount: String(Number(String(r.amount).replace(/,/g, "")) * (r.unit === "millions" ? 1e6 : 1)),
  })),
);
const rows = samples.flat();
const N = DEFAULT_BUDGET_LIMITS.maxRows - 1;
const lines = Array.from({ length: N }, (_, i) => rows[i % rows.length] as { name: string; ministry: string; amount: string });
const csv = `id,name,ministry,amount\n${lines.map((l, i) => `L${i},"${l.name}",${l.ministry},"${l.amount}"`).join("\n")}\n`;
const bytes = new TextEncoder().encode(csv);
const rules = loadDefaultRuleSet();

const time = async (fn: () => unknown, runs = 7) => {
  await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  return median(t);
};
const parseMs = await time(() => parse(csv));
const budget = await readBudget(bytes, "csv", "bench.csv", { currency: "USD" }, { ...DEFAULT_BUDGET_LIMITS, maxBytes: 1e8 });
const readMs = await time(() => readBudget(bytes, "csv", "bench.csv", { currency: "USD" }, { ...DEFAULT_BUDGET_LIMITS, maxBytes: 1e8 }));
const classifyMs = await time(() => classifyBudget(budget.lines, rules));
console.log(`${N} budget lines (${(bytes.length / 1024).toFixed(0)} KB), ${rules.rules.length} rules`);
console.log(`baseline, csv-parse alone: ${ms(parseMs)}`);
console.log(`read and validate (locale amounts, ids, units): ${ms(readMs)} (${(readMs / parseMs).toFixed(2)}× the baseline)`);
// The goal is a ratio: the machine is shared, and absolute times move with its load.
const ratio = (readMs + classifyMs) / parseMs;
console.log(`classify: ${ms(classifyMs)} (${(classifyMs / parseMs).toFixed(2)}× the baseline)`);
console.log(`read + classify: ${ratio.toFixed(2)}× csv-parse alone — goal ≤ 6×: ${goal(ratio <= 6)}`);
