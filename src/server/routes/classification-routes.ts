import { createRoute, z } from "@hono/zod-openapi";
import {
  assessClassification,
  CLASSIFIED_LINE_COLUMNS,
  categoryTotalRecord,
  classifiedLineRecord,
  classifyBudget,
  guidelineRecord,
} from "../../core/classification/index.ts";
import { resolveAllyQuery } from "../../core/dataset-query.ts";
import { DEFAULT_BUDGET_LIMITS, readBudget } from "../../data/classification/budget-file.ts";
import { loadDefaultRuleSet, parseRuleSet } from "../../data/classification/rules-file.ts";
import { DataError } from "../../data/data-error.ts";
import { OverrideSchema, type RuleSet } from "../../model/classification.ts";
import { ApiError } from "../api-error.ts";
import { XLSX_TYPE } from "../tabular.ts";
import { AllyQuery, type Api, ERRORS, FormatQuery, readUpload, respondTable, tabularContent, UploadQuery } from "./route-kit.ts";

let shippedRules: RuleSet | undefined;
/** The shipped rules, read once per process (data/classification/rules-v1.json). */
const rules = () => {
  shippedRules ??= loadDefaultRuleSet();
  return shippedRules;
};

/** The JSON form of a request: a CSV budget as text, with the user's overrides and, optionally, their own rules. */
const ClassifyJson = z
  .object({
    budget: z.string().min(1).optional().describe("the budget as CSV text (header: id, name, amount, …); or give workbook"),
    workbook: z
      .string()
      .min(4)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, "base64 of an .xlsx file")
      .optional()
      .describe("the budget as an .xlsx workbook, base64-encoded (the dashboard sends an uploaded workbook with its overrides this way)"),
    overrides: z.array(OverrideSchema).max(10_000).default([]).describe("your decisions on lines, recorded beside the rules'"),
    rules: z
      .object({})
      .passthrough()
      .optional()
      .describe("a rules file of your own (the format of data/classification/rules-v1.json; docs/classification.md)"),
  })
  .refine((r) => (r.budget === undefined) !== (r.workbook === undefined), {
    message: "give the budget as CSV text (budget) or as a base64 workbook (workbook), exactly one",
    path: ["budget"],
  })
  .openapi("BudgetClassificationRequest");

const LineRecord = z.object(Object.fromEntries(CLASSIFIED_LINE_COLUMNS.map((k) => [k, z.union([z.string(), z.number(), z.null()])])));
const ClassificationAnswer = z
  .object({
    ally: z.string(),
    year: z.number().int(),
    currency: z.string(),
    status: z.string().describe('"classified by the user from <file>": never NATO\'s figure'),
    ruleSet: z.object({ id: z.string(), version: z.string() }),
    lines: z.array(LineRecord).describe("one row per budget line, with the rule that decided it, its explanation and citation"),
    totals: z.array(z.object({}).passthrough()),
    groupTotals: z.object({ core: z.number(), related: z.number(), not_counted: z.number(), needs_review: z.number() }),
    total: z.number(),
    gdp: z.object({}).passthrough().nullable(),
    guidelines: z.array(z.object({}).passthrough()),
    nato: z.object({}).passthrough().nullable(),
    notes: z.array(z.string()),
  })
  .openapi("BudgetClassification");

/** Budget classification: a national budget's lines against NATO's definition and the Hague 1.5 % list. */
export function registerClassificationRoutes(api: Api): void {
  api.openapi(
    createRoute({
      method: "post",
      path: "/classifications",
      tags: ["Compute"],
      summary:
        "Classify a budget's lines (CSV or XLSX) as NATO core defence, the Hague 1.5 % or not counted, each with its rule and explanation",
      description:
        'The body is the budget file (Content-Type text/csv or the XLSX type) with the columns id, name and amount (optional: description, cofog, ministry, chapter, tags, currency, unit, military_share). Amounts may use any usual locale ("1.234,5", "1 234,5 €", "(1,234)"). The shipped rules (data/classification/rules-v1.json) decide each line; a line that no rule or tied rules match is `needs_review`. Totals are set against the ally\'s IMF GDP for the year and the Hague thresholds (guidelines.csv), and against NATO\'s figure where one is published. Nothing is stored. Bad files are refused with the file, row and column. `?format=csv|xlsx` answers the lines table.',
      request: {
        query: z.object({
          ally: AllyQuery,
          year: z.coerce.number().int().min(1949).max(2100).describe("the budget's year (fiscal years by the calendar year they start in)"),
          unit: z
            .enum(["units", "thousands", "millions", "billions"])
            .default("units")
            .describe("unit of amounts when the file has no unit column"),
          decimal: z.enum([".", ","]).optional().describe("decimal mark (default: decided from the amounts)"),
          file: UploadQuery.file,
          format: FormatQuery,
        }),
        body: {
          // Not "required": zod-openapi would then run the JSON validator on CSV and XLSX bodies too; readUpload refuses an empty body.
          required: false,
          content: {
            "text/csv": { schema: z.string().describe("the budget file") },
            [XLSX_TYPE]: { schema: z.string().describe("the budget workbook (binary)") },
            "application/json": { schema: ClassifyJson },
          },
        },
      },
      responses: {
        200: { description: "The classified budget", content: tabularContent(ClassificationAnswer) },
        ...ERRORS,
        413: { description: "The file is larger than the server's import limit" },
        415: { description: "The body is neither CSV nor XLSX" },
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const deps = c.get("deps");
      const lookup = resolveAllyQuery(deps.ds, q.ally);
      const json = (c.req.header("content-type") ?? "").startsWith("application/json");
      const request = json ? (c.req.valid("json") as z.infer<typeof ClassifyJson>) : null;
      const { kind, body } = request
        ? request.workbook !== undefined
          ? { kind: "xlsx" as const, body: new Uint8Array(Buffer.from(request.workbook, "base64")) }
          : { kind: "csv" as const, body: new TextEncoder().encode(request.budget) }
        : await readUpload(c);
      const limits = { ...DEFAULT_BUDGET_LIMITS, maxBytes: deps.config.maxImportBytes };
      let answer: z.infer<typeof ClassificationAnswer>;
      try {
        const budget = await readBudget(body, kind, q.file, { currency: lookup.currencyCode, unit: q.unit, decimal: q.decimal }, limits);
        const ruleSet = request?.rules ? parseRuleSet(JSON.stringify(request.rules), "rules") : rules();
        const classification = classifyBudget(budget.lines, ruleSet, request?.overrides ?? []);
        const a = assessClassification(deps.ds, lookup.iso3, q.year, classification);
        answer = {
          ally: lookup.iso3,
          year: q.year,
          currency: lookup.currencyCode,
          status: `classified by the user from ${q.file}`,
          ruleSet: classification.ruleSet,
          lines: classification.lines.map(classifiedLineRecord),
          totals: classification.categoryTotals.map((t) => categoryTotalRecord(t, a.gdp?.amount ?? null)),
          groupTotals: classification.groupTotals,
          total: classification.total,
          gdp: a.gdp,
          guidelines: a.guidelines.map(guidelineRecord),
          nato: a.nato as unknown as Record<string, unknown> | null,
          notes: [...budget.notes, ...a.notes],
        };
      } catch (e) {
        if (e instanceof DataError)
          throw new ApiError(400, "invalid", e.message, e.field ?? "body", [
            { field: e.row !== undefined ? `row ${e.row}, ${e.field ?? "row"}` : (e.field ?? "body"), message: e.message },
          ]);
        throw e;
      }
      const { lines, ...extra } = answer;
      return respondTable(c, { name: "lines", columns: [...CLASSIFIED_LINE_COLUMNS], rows: lines }, extra);
    },
  );
}
