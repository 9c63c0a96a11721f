import { createRoute, z } from "@hono/zod-openapi";
import { defaultVintages } from "../../core/pathway-request.ts";
import { planCredibilityReport } from "../../core/plan-assessment-inputs.ts";
import { claimsForPlan, SEED_ACTOR } from "../../core/plan-seed.ts";
import { cachedPlanClaims } from "../../data/claimed-plans.ts";
import { EconomicAssumptionsSchema } from "../../model/pathway.ts";
import { type AnnualPlan, AnnualPlanSchema, canEditAlly, PlanIdSchema, type PlanVersion } from "../../model/plan.ts";
import {
  addVersion,
  createPlan,
  getPlan,
  importPlansCsvUpload,
  importPlansXlsx,
  listPlans,
  type PlansImport,
  previousPlanOf,
  savePlansImport,
  withdrawPlan,
} from "../../store/index.ts";
import { MAX_INT32 } from "../../store/transaction.ts";
import { ApiError } from "../api-error.ts";
import { requireEditorOf, requireUser } from "../auth.ts";
import { IfMatchHeaders, planEtag, underIfMatch, versionFromIfMatch } from "../plan-etag.ts";
import {
  AnyJson,
  type Api,
  ERRORS,
  FormatQuery,
  importReport,
  jsonAnswer,
  jsonBody,
  NOT_FOUND,
  readUpload,
  respondTable,
  tabularContent,
  UPLOAD_LIMITS,
  UploadQuery,
  withImportSlot,
} from "./route-kit.ts";

const PlanParam = z.object({ id: PlanIdSchema });

/** The stored plan without the record's own fields: what a new version or the assessment takes. */
function contentOf(v: PlanVersion): AnnualPlan {
  const { planId: _p, version: _v, status: _s, createdAt: _c, createdBy: _b, ...plan } = v;
  return AnnualPlanSchema.parse(plan);
}

/** The Hague registry: annual plans, immutable versions, assessment, bulk import. */
export function registerPlanRoutes(api: Api): void {
  api.openapi(
    createRoute({
      method: "get",
      path: "/plans",
      tags: ["Plans"],
      summary: "Annual plans (latest version of each), newest submission first; CSV/XLSX give one row per plan and year",
      request: {
        query: z.object({
          ally: z
            .string()
            .regex(/^[A-Z]{3}$/)
            .optional(),
          submissionYear: z.coerce.number().int().min(2024).max(2050).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
          format: FormatQuery,
        }),
      },
      responses: { 200: { description: "Plans", content: tabularContent(AnyJson) }, ...ERRORS },
    }),
    async (c) => {
      const { store } = c.get("deps");
      const q = c.req.valid("query");
      const plans = await listPlans(store, {
        limit: q.limit,
        offset: q.offset,
        ...(q.ally ? { ally: q.ally } : {}),
        ...(q.submissionYear ? { submissionYear: q.submissionYear } : {}),
      });
      const rows = plans.flatMap((p) =>
        p.latest.years.map((y) => ({
          plan_id: p.planId,
          ally: p.ally,
          submission_year: p.submissionYear,
          version: p.latest.version,
          status: p.latest.status,
          unit: p.latest.unit,
          year: y.year,
          core_pct: y.corePct ?? null,
          related_pct: y.relatedPct ?? null,
          core_nc_m: y.coreNcM ?? null,
          related_nc_m: y.relatedNcM ?? null,
        })),
      );
      const columns = ["plan_id", "ally", "submission_year", "version", "status", "unit", "year", "core_pct", "related_pct"];
      return respondTable(c, { name: "plan_years", columns: [...columns, "core_nc_m", "related_nc_m"], rows }, { plans });
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/plans",
      tags: ["Plans"],
      summary: "Record a new annual plan (version 1); editors only for their allies",
      request: { body: jsonBody(AnnualPlanSchema) },
      responses: { 201: jsonAnswer("The first version"), ...ERRORS, 409: { description: "The ally already has a plan for that year" } },
    }),
    async (c) => {
      const plan = c.req.valid("json");
      const user = requireEditorOf(c, plan.ally);
      const version = await createPlan(c.get("deps").store, plan, user.name);
      return c.json(version, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/plans/{id}",
      tags: ["Plans"],
      summary: "A plan with every version, oldest first; the ETag header names the latest version (send it back in If-Match)",
      request: { params: PlanParam },
      responses: { 200: jsonAnswer("The plan"), ...ERRORS, ...NOT_FOUND },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const record = await getPlan(c.get("deps").store, id);
      if (!record) throw new ApiError(404, "not_found", `no plan ${id}`, "id");
      c.header("etag", planEtag(record.latest));
      return c.json(record, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/plans/{id}/versions",
      tags: ["Plans"],
      summary: "Add a new immutable version of a plan (nothing is overwritten); with If-Match, only onto that version",
      request: { params: PlanParam, headers: IfMatchHeaders, body: jsonBody(AnnualPlanSchema) },
      responses: {
        201: jsonAnswer("The new version (its ETag in the header)"),
        ...ERRORS,
        ...NOT_FOUND,
        412: { description: "If-Match names a version that is no longer the latest" },
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const plan = c.req.valid("json");
      const user = requireEditorOf(c, plan.ally);
      // The URL's ally must be editable too: a body for another ally must not reach someone else's plan.
      requireEditorOf(c, id.slice(0, 3));
      const expected = versionFromIfMatch(c.req.valid("header")["if-match"], id);
      const { store } = c.get("deps");
      if (!(await getPlan(store, id))) throw new ApiError(404, "not_found", `no plan ${id}`, "id");
      const version = await underIfMatch(expected, (v) => addVersion(store, id, plan, user.name, "active", v));
      c.header("etag", planEtag(version));
      return c.json(version, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/plans/{id}/withdraw",
      tags: ["Plans"],
      summary: "Withdraw a plan: a new version with status withdrawn",
      request: {
        params: PlanParam,
        headers: IfMatchHeaders,
        body: jsonBody(
          z.object({
            note: z.string().max(2000).optional(),
            expectedVersion: z
              .number()
              .int()
              .min(1)
              .max(MAX_INT32)
              .optional()
              .describe("Withdraw only if this is still the latest version (else 409)"),
          }),
        ),
      },
      responses: {
        201: jsonAnswer("The withdrawal version"),
        ...ERRORS,
        ...NOT_FOUND,
        409: { description: "Already withdrawn, or the latest version is not expectedVersion" },
        412: { description: "If-Match names a version that is no longer the latest" },
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const user = requireEditorOf(c, id.slice(0, 3));
      const { note, expectedVersion } = c.req.valid("json");
      const ifMatch = versionFromIfMatch(c.req.valid("header")["if-match"], id);
      if (ifMatch !== undefined && expectedVersion !== undefined && ifMatch !== expectedVersion)
        throw new ApiError(
          400,
          "invalid",
          `If-Match names version ${ifMatch} but expectedVersion is ${expectedVersion}`,
          "expectedVersion",
        );
      const version =
        ifMatch !== undefined
          ? await underIfMatch(ifMatch, (v) => withdrawPlan(c.get("deps").store, id, user.name, note, v))
          : await withdrawPlan(c.get("deps").store, id, user.name, note, expectedVersion);
      c.header("etag", planEtag(version));
      return c.json(version, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/plans/{id}/assessment",
      tags: ["Plans"],
      summary:
        "Is the plan incremental, does it reach 3.5 % core and 5 % by 2035, how far from the linear path, back-loaded, against actuals and the previous plan",
      request: { params: PlanParam },
      responses: { 200: jsonAnswer("The assessment"), ...ERRORS, ...NOT_FOUND },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { store, ds, prepareContext } = c.get("deps");
      const record = await getPlan(store, id);
      if (!record) throw new ApiError(404, "not_found", `no plan ${id}`, "id");
      const plan = contentOf(record.latest);
      const previous = await previousPlanOf(store, plan.ally, plan.submissionYear);
      const d = defaultVintages(ds);
      const ctx = prepareContext(ds, {
        vintageId: d.nato,
        imfVintageId: d.imf,
        horizon: 2050,
        economy: EconomicAssumptionsSchema.parse({}),
      });
      // The published statements restate a seeded version's amounts; a version a person recorded is judged on its own figures.
      const claims = record.latest.createdBy === SEED_ACTOR ? claimsForPlan(cachedPlanClaims(), plan.ally, plan.submissionYear) : [];
      const { assessment, restatements, credibility } = planCredibilityReport(
        ds,
        ctx,
        plan,
        previous ? contentOf(previous) : undefined,
        claims,
      );
      return c.json(
        {
          planId: id,
          version: record.latest.version,
          status: record.latest.status,
          previousPlan: previous ? { planId: previous.planId, version: previous.version } : null,
          actualsVintage: d.nato,
          gdpVintage: d.imf,
          assessment,
          restatements,
          credibility,
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/plans/import",
      tags: ["Plans"],
      summary: "Bulk import of plans from CSV or XLSX: a full validation report (row, column, reason) and all-or-nothing",
      description:
        "Send the file as the body (Content-Type text/csv or the XLSX type). `dryRun=true` validates without writing. Every plan's ally must be editable by the caller.",
      request: {
        query: z.object(UploadQuery),
      },
      responses: {
        200: jsonAnswer("What was (or would be) written"),
        ...ERRORS,
        ...UPLOAD_LIMITS,
      },
    }),
    async (c) => {
      const user = requireUser(c, ["admin", "editor"]);
      const { store } = c.get("deps");
      const q = c.req.valid("query");
      // The size limit is the body-limit middleware's (maxImportBytes), enforced before the body is read.
      const { kind, body } = await readUpload(c);
      const imported: PlansImport = await withImportSlot(c, () =>
        kind === "csv" ? importPlansCsvUpload(body, q.file) : importPlansXlsx(body, q.file),
      );
      const forbidden = [...new Set(imported.plans.map((p) => p.ally))].filter((a) => !canEditAlly(user, a));
      if (forbidden.length)
        throw new ApiError(403, "forbidden", `${user.name} may not edit the plans of ${forbidden.join(", ")}; nothing imported`, "ally");
      if (imported.issues.length) return importReport(c, imported, 400, (i) => `row ${i.row}, ${i.column || "file"}`);
      if (q.dryRun === "true") return c.json({ dryRun: true, rows: imported.rows, plans: imported.plans.length }, 200);
      const result = await savePlansImport(store, imported, user.name);
      return c.json(
        { dryRun: false, rows: imported.rows, created: result.created, versioned: result.versioned, unchanged: result.unchanged },
        200,
      );
    },
  );
}
