import { createRoute, z } from "@hono/zod-openapi";
import { resolveAllyQuery } from "../../core/dataset-query.ts";
import { KIEL_SOURCE, type KielDonorTotals, UKRAINE_AID_COLUMNS, ukraineAidView } from "../../core/ukraine-aid.ts";
import { loadKielTotals } from "../../data/kiel-aid.ts";
import type { Table } from "../tabular.ts";
import { AllyQuery, type Api, ERRORS, FormatQuery, respondTable, tabularContent, VintageQuery, YearQuery } from "./route-kit.ts";

/** Kiel's per-donor totals, read once per process from data/kiel/ukraine_support.csv (validated on read). */
let kiel: KielDonorTotals[] | null = null;
export const kielTotals = () => {
  kiel ??= loadKielTotals();
  return kiel;
};

const AidAnswer = z
  .object({
    ukraine_aid: z.array(z.object({}).passthrough()),
    release: z.string(),
    window: z.object({ from: z.string(), to: z.string() }),
    averaging: z.string(),
    caveat: z.string(),
  })
  .passthrough();

const route = createRoute({
  method: "get",
  path: "/ukraine-aid",
  tags: ["Data"],
  summary:
    "NATO's share of GDP with and without the Kiel Institute's military aid to Ukraine (average annual share over the tracker's window; allocations and commitments apart)",
  description: `Columns: ${UKRAINE_AID_COLUMNS.map((c) => `\`${c.key}\` (${c.unit}): ${c.description}`).join("; ")}.`,
  request: {
    query: z.object({ ally: AllyQuery.optional(), year: YearQuery, vintage: VintageQuery, format: FormatQuery }),
  },
  responses: { 200: { description: "One row per ally in Kiel's tracker", content: tabularContent(AidAnswer) }, ...ERRORS },
});

/** GET /ukraine-aid: a pure call into core/ukraine-aid.ts; the compliance route's switch uses the same module. */
export function registerAidRoutes(api: Api): void {
  api.openapi(route, async (c) => {
    const { ds } = c.get("deps");
    const q = c.req.valid("query");
    const ally = q.ally === undefined ? undefined : resolveAllyQuery(ds, q.ally).iso3;
    const view = ukraineAidView(ds, kielTotals(), { vintage: q.vintage, year: q.year, allies: ally ? [ally] : undefined });
    const table: Table = {
      name: "ukraine_aid",
      columns: UKRAINE_AID_COLUMNS.map((col) => col.key),
      rows: view.rows.map((r) => ({ ...r })),
    };
    return respondTable(c, table, {
      vintage: view.vintage,
      year: view.year,
      imfVintage: view.imfVintage,
      release: view.release,
      window: view.span,
      averaging: view.averaging,
      caveat: view.caveat,
      notInTracker: view.notInTracker,
      sources: [KIEL_SOURCE],
    }) as never;
  });
}
