import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import type { Command } from "commander";
import type * as ClassificationModuleType from "../../core/classification/index.ts";
import type { Separator } from "../../data/classification/amount.ts";
import type { WorkbookCellValue } from "../../data/workbook/xlsx-writer.ts";
import type { AnnualPlan } from "../../model/plan.ts";

type ClassificationModule = typeof ClassificationModuleType;

import { UsageError } from "../cli-io.ts";
import { type CommandContext, withExamples } from "../context.ts";
import type { Report } from "../report.ts";
import { resolveAlly } from "../resolve.ts";
import { withStore, withStoreOptions } from "./accounts.ts";
import { sourcesOf } from "./totals.ts";

interface ClassifyOptions {
  ally: string;
  year: string;
  rules?: string;
  overrides?: string;
  unit?: string;
  decimal?: string;
  format: string;
  output?: string;
  recordRelated?: string;
  dataDir: string;
  databaseUrl?: string;
}

export function registerClassify(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("classify <budget>")
    .description(
      "classify a national budget's lines (CSV or XLSX) as NATO core defence, the Hague 1.5 % or not counted, each with the rule that decided it; totals as shares of GDP against 3.5 % and 1.5 %",
    )
    .requiredOption("-a, --ally <ally>", "the ally whose budget it is (ISO3, ISO2 or name); its currency is expected")
    .requiredOption("-y, --year <year>", "the budget's year (a fiscal year by the calendar year it starts in)")
    .option("-r, --rules <file>", "a rules file (JSON) instead of data/classification/rules-v1.json")
    .option("-o, --overrides <file>", "a CSV of line_id, category, reason: your decisions, recorded beside the rules'")
    .option("--unit <unit>", "unit of amounts when the file has no unit column: units, thousands, millions, billions", "units")
    .option("--decimal <mark>", "decimal mark of the amounts, . or , (default: decided from the column)")
    .option("-f, --format <format>", "output format: table, csv, json or xlsx (xlsx needs --output)", "table")
    .option("--output <file>", "write the xlsx workbook to this file")
    .option(
      "--record-related <plan>",
      "record the budget's related total as the 1.5 % figure of this plan's year (a new version, status \"classified by the user\")",
    );
  withStoreOptions(cmd);
  withExamples(cmd, [
    "pledge classify examples/budgets/canada-dnd-main-estimates-2023-24.csv --ally CAN --year 2023",
    "pledge classify examples/budgets/usa-dod-fy2001-budget-authority.csv --ally USA --year 2001 --format json",
    "pledge classify budget.xlsx --ally DEU --year 2025 --unit thousands --overrides decisions.csv --format xlsx --output classified.xlsx",
    "pledge classify budget.xlsx --ally DEU --year 2026 --record-related DEU-2025",
  ]);
  cmd.action(async (file: string, opts: ClassifyOptions) => {
    // Loaded here, not at start-up: the readers bring zod, the CSV parser and exceljs.
    const [core, { budgetKindOf, readBudget }, { parseOverrides }, { loadDefaultRuleSet, loadRuleSetFile }] = await Promise.all([
      import("../../core/classification/index.ts"),
      import("../../data/classification/budget-file.ts"),
      import("../../data/classification/overrides-file.ts"),
      import("../../data/classification/rules-file.ts"),
    ]);
    const { assessClassification, categoryTotalRecord, classifiedLineRecord, classifyBudget, guidelineRecord } = core;
    const ds = ctx.dataset();
    const ally = resolveAlly(ds, opts.ally);
    const year = Number(opts.year);
    if (!/^\d{4}$/.test(opts.year)) throw new UsageError(`--year: "${opts.year}" is not a four-digit year`);
    const kind = budgetKindOf(file);
    if (!kind) throw new UsageError(`${file}: the budget must be a .csv or .xlsx file`);
    if (opts.decimal !== undefined && opts.decimal !== "." && opts.decimal !== ",") throw new UsageError('--decimal: use "." or ","');
    if (!["table", "csv", "json", "xlsx"].includes(opts.format))
      throw new UsageError(`unknown format "${opts.format}": use table, csv, json or xlsx.`);
    if (opts.format === "xlsx" && !opts.output) throw new UsageError("--format xlsx writes a workbook: give --output <file.xlsx>");
    const bytes = readFileOr(file);
    const name = basename(file);
    const ruleSet = opts.rules ? loadRuleSetFile(opts.rules, basename(opts.rules)) : loadDefaultRuleSet();
    const overrides = opts.overrides ? parseOverrides(readFileOr(opts.overrides).toString(), basename(opts.overrides)) : [];
    const budget = await readBudget(new Uint8Array(bytes), kind, name, {
      currency: ally.currencyCode,
      unit: opts.unit,
      decimal: opts.decimal as Separator | undefined,
    });
    const classification = classifyBudget(budget.lines, ruleSet, overrides);
    const assessment = assessClassification(ds, ally.iso3, year, classification);
    const gdp = assessment.gdp?.amount ?? null;
    const lines = classification.lines.map(classifiedLineRecord);
    const totals = classification.categoryTotals.map((t) => categoryTotalRecord(t, gdp));
    const guidelines = assessment.guidelines.map(guidelineRecord);
    const recorded = opts.recordRelated
      ? await recordRelated(ctx, opts, opts.recordRelated, (plan) =>
          core.planWithClassifiedRelated(plan, classification, assessment, {
            name,
            sha256: createHash("sha256").update(bytes).digest("hex"),
            rules: `${ruleSet.id} v${ruleSet.version}`,
          }),
        )
      : null;
    if (opts.format === "xlsx") {
      writeFileSync(opts.output as string, await workbook(core, { lines, totals, guidelines }));
      ctx.io.stdout.write(`${opts.output}: ${lines.length} lines classified\n${recorded ? `${recorded}\n` : ""}`);
      return;
    }
    const unit = `${ally.currencyCode}`;
    const notes = [
      `Classified by the user from ${name} with rules ${ruleSet.id} v${ruleSet.version}: not a NATO figure.`,
      assessment.gdp
        ? `GDP: ${assessment.gdp.label}, ${ally.name} ${year}, ${fmt(assessment.gdp.amount / 1e9, 1)} bn ${unit}${assessment.gdp.estimate ? " (estimate)" : ""}.`
        : `GDP: none in the dataset for ${ally.name} in ${year}.`,
      ...guidelines.map(
        (g) =>
          `${g.name}: ${g.kind === "at_least" ? "at least" : "up to"} ${g.threshold_pct} % by ${g.target_year} (${g.basis}); this budget: ${g.share_of_gdp_pct === null ? "n/a" : `${fmt(g.share_of_gdp_pct, 2)} %`} of GDP.`,
      ),
      assessment.nato
        ? `NATO's figure for ${year} (${assessment.nato.label}): ${fmt(assessment.nato.amount / 1e6, 0)} m ${unit}${assessment.nato.estimate ? " (estimate)" : ""}; classified core minus NATO: ${fmt(assessment.nato.difference / 1e6, 0)} m ${unit}. ${assessment.nato.explanation.join(" ")}`
        : `NATO publishes no figure for ${ally.name} in ${year} in the dataset's releases.`,
      ...budget.notes,
      ...assessment.notes,
      ...(recorded ? [recorded] : []),
    ];
    const report: Report = {
      tables: [
        {
          name: "lines",
          title: `${ally.name} ${year}: ${name}, ${lines.length} lines (amounts in ${unit})`,
          columns: [
            { key: "id", header: "Line" },
            { key: "name", header: "Name" },
            { key: "amount", header: unit, align: "right", decimals: 0 },
            { key: "category", header: "Category" },
            { key: "group", header: "", machineOnly: true },
            { key: "counted_amount", header: "", machineOnly: true },
            { key: "not_counted_amount", header: "", machineOnly: true },
            { key: "rule", header: "Rule" },
            { key: "explanation", header: "", machineOnly: true },
            { key: "citation", header: "", machineOnly: true },
            { key: "also_matched", header: "", machineOnly: true },
            { key: "override_reason", header: "Override", machineOnly: false },
          ],
          rows: lines,
        },
        {
          name: "totals",
          title: `Totals by category (${unit}; share of GDP in %)`,
          columns: [
            { key: "category", header: "Category" },
            { key: "name", header: "", machineOnly: true },
            { key: "group", header: "Group" },
            { key: "amount", header: unit, align: "right", decimals: 0 },
            { key: "share_of_gdp_pct", header: "% GDP", align: "right", decimals: 3 },
            { key: "lines", header: "Lines", align: "right", decimals: 0 },
          ],
          rows: totals,
        },
      ],
      notes,
      sources: sourcesOf(
        ds,
        [...new Set([ds.vintage(assessment.gdp?.vintage ?? "")?.sourceId, ds.vintage(assessment.nato?.vintage ?? "")?.sourceId])].filter(
          (s): s is string => Boolean(s),
        ),
      ),
      json: {
        ally: ally.iso3,
        year,
        currency: ally.currencyCode,
        file: name,
        status: `classified by the user from ${name}`,
        ruleSet: classification.ruleSet,
        groupTotals: classification.groupTotals,
        total: classification.total,
        gdp: assessment.gdp,
        sharesPct: assessment.sharesPct,
        guidelines,
        nato: assessment.nato,
      },
    };
    ctx.emit(report, opts.format);
  });
}

/**
 * Writes the classified related total into the plan as a new version, onto the version it was read
 * from (a concurrent edit makes this fail rather than be overwritten). Returns the note that says so.
 */
async function recordRelated(
  ctx: CommandContext,
  opts: ClassifyOptions,
  planId: string,
  withRelated: (plan: AnnualPlan) => AnnualPlan,
): Promise<string> {
  const { getPlan, addVersion } = await import("../../store/index.ts");
  const { AnnualPlanSchema } = await import("../../model/plan.ts");
  return withStore(ctx, opts, async (store) => {
    const record = await getPlan(store, planId.toUpperCase());
    if (!record) throw new UsageError(`--record-related: no plan ${planId} in the registry (pledge plans lists them)`);
    const { planId: _p, version, status: _s, createdAt: _c, createdBy: _b, ...content } = record.latest;
    const next = withRelated(AnnualPlanSchema.parse(content));
    const written = await addVersion(store, record.planId, next, "cli:classify", "active", version);
    return `Recorded as the 1.5 % figure of plan ${record.planId}: version ${written.version}, status "classified by the user", never NATO's figure.`;
  });
}

const fmt = (v: number, decimals: number) =>
  v.toLocaleString("en-GB", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

function readFileOr(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new UsageError(`${path}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
}

/** The three published tables as sheets of one workbook. */
async function workbook(
  columns: Pick<ClassificationModule, "CLASSIFIED_LINE_COLUMNS" | "CATEGORY_TOTAL_COLUMNS" | "GUIDELINE_COLUMNS">,
  t: { lines: object[]; totals: object[]; guidelines: object[] },
): Promise<Uint8Array> {
  const { CLASSIFIED_LINE_COLUMNS, CATEGORY_TOTAL_COLUMNS, GUIDELINE_COLUMNS } = columns;
  const sheets: [string, readonly string[], object[]][] = [
    ["lines", CLASSIFIED_LINE_COLUMNS, t.lines],
    ["totals", CATEGORY_TOTAL_COLUMNS, t.totals],
    ["guidelines", GUIDELINE_COLUMNS, t.guidelines],
  ];
  const { writeWorkbook } = await import("../../data/workbook/xlsx-writer.ts");
  return writeWorkbook(
    sheets.map(([sheetName, columns, rows]) => ({
      sheetName,
      columns,
      rows: rows.map((r) => columns.map((k) => (r as Record<string, WorkbookCellValue>)[k] ?? null)),
    })),
  );
}
