import { createRoute, z } from "@hono/zod-openapi";
import { VINTAGE_DIFF_SPEC, vintageDiff, vintageDiffRows } from "../../core/vintage-diff.ts";
import { readRelease } from "../../data/releases/read-release.ts";
import { ReleaseImportError } from "../../data/releases/release.ts";
import { releaseVintage } from "../../data/releases/release-vintage.ts";
import { importObservations, saveImportedVintage } from "../../store/index.ts";
import { IMPORT_WORKBOOK_LIMITS } from "../../store/xlsx-records.ts";
import { ApiError } from "../api-error.ts";
import { requireUser } from "../auth.ts";
import { specAnswerSchema, specTable } from "../published-schema.ts";
import {
  AllyQuery,
  type Api,
  ERRORS,
  FormatQuery,
  IndicatorQuery,
  importReport,
  jsonAnswer,
  readUpload,
  respondTable,
  tabularContent,
  UPLOAD_LIMITS,
  UploadQuery,
  withImportSlot,
} from "./route-kit.ts";

const SOURCES = { nato: "nato", sipri: "sipri", weo: "imf" } as const;

/** Admins add a whole release (a new vintage) in the shared long format; it is served at once. */
export function registerVintageImportRoutes(api: Api): void {
  api.openapi(
    createRoute({
      method: "post",
      path: "/vintages/import",
      tags: ["Data"],
      summary: "Import a new vintage of observations (admins): CSV or XLSX in data/'s 11-column long format, all or nothing",
      description:
        "The body is the file (Content-Type text/csv or the XLSX type); the query describes the release. Every row is validated like data/ at build time; the answer lists every problem with row, column and reason, and nothing is stored unless there is none. The vintage is then served by every endpoint of this instance (other instances load it when they start).",
      request: {
        query: z.object({
          vintage: z.string().regex(/^[a-z0-9-]{3,40}$/, "lower-case letters, digits and dashes, e.g. 2027-07"),
          series: z.enum(["nato", "sipri", "imf"]),
          source: z.string().regex(/^[a-z0-9-]{1,80}$/, "a source id (GET /api/v1/sources)"),
          label: z.string().min(1).max(200),
          published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD"),
          status: z.enum(["official", "secondary"]).default("official"),
          priceBaseYear: z.coerce.number().int().min(1990).max(2100).optional(),
          ...UploadQuery,
        }),
      },
      responses: {
        201: jsonAnswer("The vintage as stored"),
        200: jsonAnswer("Dry run: what would be stored"),
        ...ERRORS,
        409: { description: "The vintage exists" },
        ...UPLOAD_LIMITS,
      },
    }),
    async (c) => {
      const admin = requireUser(c, ["admin"]);
      const deps = c.get("deps");
      const q = c.req.valid("query");
      const { kind, body } = await readUpload(c);
      const { ds } = deps;
      const imported = await withImportSlot(c, () =>
        importObservations(
          body,
          kind,
          q.file,
          {
            id: q.vintage,
            series: q.series,
            sourceId: q.source,
            label: q.label,
            published: q.published,
            status: q.status,
            priceBaseYear: q.priceBaseYear ?? null,
          },
          {
            allies: new Set(ds.allies.map((a) => a.iso3)),
            vintageIds: new Set(ds.vintages.map((v) => v.id)),
            sourceIds: new Set(ds.sources.map((s) => s.id)),
          },
        ),
      );
      if (!imported.vintage) {
        const exists = imported.issues.some((i) => i.column === "vintage" && /already exists/.test(i.reason));
        return importReport(c, imported, exists ? 409 : 400, (i) => (i.row > 0 ? `row ${i.row}, ${i.column || "row"}` : i.column));
      }
      if (q.dryRun === "true") return c.json({ dryRun: true, vintage: imported.vintage, rows: imported.observations.length }, 200);
      const saved = await saveImportedVintage(deps.store, imported.vintage, imported.observations, admin.name);
      await deps.reloadImports();
      return c.json({ dryRun: false, vintage: saved.vintage, rows: saved.observations.length }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/vintages/import-release",
      tags: ["Data"],
      summary:
        "Import a publisher's own release file (admins): NATO's tables workbook, SIPRI's workbook, the IMF's WEO export; all or nothing",
      description:
        "The body is the file as the publisher releases it (an .xlsx workbook, or the IMF's tab-separated text). It is recognised from its content, read through the same bounded workbook reader as every upload (a zip bomb gets 413), validated whole, and stored as a new vintage with its provenance (file name, SHA-256, publisher) in one transaction; the answer summarises it and what it changes against the newest vintage of the same publisher.",
      request: {
        query: z.object({
          source: z.enum(["nato", "sipri", "weo"]).optional().describe("what the file is (default: recognised from its content)"),
          vintage: z
            .string()
            .regex(/^[a-z0-9-]{3,40}$/, "lower-case letters, digits and dashes, e.g. 2027-07")
            .optional(),
          label: z.string().min(1).max(200).optional(),
          published: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD")
            .optional(),
          ...UploadQuery,
        }),
      },
      responses: {
        201: jsonAnswer("The vintage as stored, with the summary"),
        200: jsonAnswer("Dry run: the summary of what would be stored"),
        ...ERRORS,
        409: { description: "The vintage exists" },
        ...UPLOAD_LIMITS,
      },
    }),
    async (c) => {
      const admin = requireUser(c, ["admin"]);
      const deps = c.get("deps");
      const q = c.req.valid("query");
      const body = new Uint8Array(await c.req.arrayBuffer());
      const built = await withImportSlot(c, async () => {
        try {
          const release = await readRelease(
            { name: q.file, bytes: body },
            { source: q.source ? SOURCES[q.source] : undefined, allies: deps.ds.allies, limits: IMPORT_WORKBOOK_LIMITS },
          );
          return releaseVintage(deps.ds, release, {
            id: q.vintage,
            label: q.label,
            published: q.published,
            today: new Date().toISOString().slice(0, 10),
          });
        } catch (e) {
          if (!(e instanceof ReleaseImportError)) throw e;
          const conflict = e.issues.some((i) => i.column === "vintage" && /already exists/.test(i.reason));
          const where = (i: ReleaseImportError["issues"][number]) =>
            [i.sheet && `sheet ${i.sheet}`, i.row !== undefined && `row ${i.row}`, i.column && `column ${i.column}`]
              .filter(Boolean)
              .join(", ") || "body";
          throw new ApiError(
            e.tooLarge ? 413 : conflict ? 409 : 400,
            e.tooLarge ? "too_large" : conflict ? "conflict" : "invalid",
            `${q.file}: ${e.issues.length} problem(s); nothing imported`,
            where(e.issues[0] ?? { file: q.file, reason: "" }),
            e.issues.slice(0, 100).map((i) => ({ field: where(i), message: i.reason })),
          );
        }
      });
      if (q.dryRun === "true") return c.json({ dryRun: true, summary: built.summary }, 200);
      const saved = await saveImportedVintage(deps.store, built.vintage, built.observations, admin.name);
      await deps.reloadImports();
      return c.json({ dryRun: false, vintage: saved.vintage, importedAt: saved.createdAt, summary: built.summary }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/vintages/diff",
      tags: ["Data"],
      summary:
        "What a release changed against an earlier one of the same publisher: guideline crossings, revisions beyond the published precision, new years, dropped series",
      request: {
        query: z.object({
          from: z.string().min(1).max(40).describe("earlier vintage"),
          to: z.string().min(1).max(40).describe("later vintage"),
          ally: AllyQuery.optional(),
          indicator: IndicatorQuery.optional(),
          format: FormatQuery,
        }),
      },
      responses: { 200: { description: "The changes", content: tabularContent(specAnswerSchema(VINTAGE_DIFF_SPEC)) }, ...ERRORS },
    }),
    (c) => {
      const { ds } = c.get("deps");
      const q = c.req.valid("query");
      const from = ds.vintage(q.from);
      const to = ds.vintage(q.to);
      if (!from) throw new ApiError(400, "invalid", `unknown vintage "${q.from}"`, "from");
      if (!to) throw new ApiError(400, "invalid", `unknown vintage "${q.to}"`, "to");
      if (from.series !== to.series)
        throw new ApiError(
          400,
          "invalid",
          `${from.id} is ${from.series} and ${to.id} ${to.series}: compare releases of one publisher`,
          "to",
        );
      const d = vintageDiff(ds, { from: from.id, to: to.id, ally: q.ally?.toUpperCase(), indicator: q.indicator });
      return respondTable(c, specTable(VINTAGE_DIFF_SPEC, vintageDiffRows(d)), {
        from: from.id,
        to: to.id,
        counts: d.counts,
        not_compared: d.notCompared,
      });
    },
  );
}
