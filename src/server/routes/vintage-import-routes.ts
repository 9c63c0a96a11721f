import { createRoute, z } from "@hono/zod-openapi";
import { importObservations, saveImportedVintage } from "../../store/index.ts";
import { requireUser } from "../auth.ts";
import { type Api, ERRORS, importReport, jsonAnswer, readUpload, UploadQuery, withImportSlot } from "./route-kit.ts";

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
        413: { description: "The file, or the workbook unpacked, is larger than the server accepts" },
        503: { description: "As many uploads as the server reads at once are being read; see Retry-After" },
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
}
