import { createRoute, z } from "@hono/zod-openapi";
import { aggregateRows, aggregatesSpec, allianceAggregates } from "../../core/aggregates.ts";
import {
  ALLIES_SPEC,
  allyRows,
  INDICATORS_SPEC,
  indicatorRows,
  SOURCES_SPEC,
  sourceRows,
  VINTAGES_SPEC,
  vintageRows,
} from "../../core/catalogue-tables.ts";
import { resolveWorldYear, WORLD_SPEC, worldComparison, worldRows } from "../../core/comparisons.ts";
import { allianceStatus } from "../../core/compliance.ts";
import { complianceSpec, complianceTable, withUkraineAid } from "../../core/compliance-tables.ts";
import {
  citedSources,
  defaultRevisionPair,
  resolveAllyQuery,
  resolveAnyVintage,
  resolveIndicatorId,
  resolveNatoVintageId,
  resolveSeriesVintage,
  resolveVintageYear,
} from "../../core/dataset-query.ts";
import { membershipIn } from "../../core/membership.ts";
import { ParameterError } from "../../core/parameter-error.ts";
import type { PublishedTableSpec } from "../../core/published-table/spec.ts";
import { rankAllies, rankingRows, rankingSpec } from "../../core/rankings.ts";
import { REVISIONS_SPEC, revisionRows, revisions } from "../../core/revisions.ts";
import { DOUBLE_COUNTING_CAVEAT, KIEL_SOURCE, ukraineAidIndex } from "../../core/ukraine-aid.ts";
import type { Dataset } from "../../model/dataset.ts";
import { GUIDELINE_IDS } from "../../model/guideline-ids.ts";
import { INDICATORS, unitFor } from "../../model/indicator.ts";
import type { Observation } from "../../model/observation.ts";
import type { Vintage } from "../../model/vintage.ts";
import { specAnswerSchema, specTable } from "../published-schema.ts";
import type { Cell } from "../tabular.ts";
import { kielTotals } from "./aid-routes.ts";
import {
  AllyQuery,
  type Api,
  ERRORS,
  FormatQuery,
  IndicatorQuery,
  respondTable,
  tabularContent,
  VintageQuery,
  YearQuery,
} from "./route-kit.ts";

const Rows = z.object({}).passthrough();
const TableJson = (name: string) => z.object({ [name]: z.array(Rows) }).passthrough();
/** A GET route answering a table: its JSON schema is derived from the table's published spec where it has one. */
const get = <Q extends z.ZodObject>(path: string, summary: string, query: Q, table: string | PublishedTableSpec, tag = "Data") =>
  createRoute({
    method: "get",
    path,
    tags: [tag],
    summary,
    request: { query },
    responses: {
      200: { description: summary, content: tabularContent(typeof table === "string" ? TableJson(table) : specAnswerSchema(table)) },
      ...ERRORS,
    },
  });

const sourcesOf = (ds: Dataset, vintages: readonly Vintage[]) =>
  citedSources(
    ds,
    vintages.map((v) => v.sourceId),
  );

/** Read endpoints over the bundled dataset: pure calls into src/core, answered as JSON, CSV or XLSX. */
export function registerDataRoutes(api: Api): void {
  api.openapi(get("/allies", "The 32 allies: codes, names, accession, currency", z.object({ format: FormatQuery }), ALLIES_SPEC), (c) =>
    respondTable(c, specTable(ALLIES_SPEC, allyRows(c.get("deps").ds))),
  );

  api.openapi(
    get("/indicators", "Every indicator: id, name, unit, price basis, series", z.object({ format: FormatQuery }), INDICATORS_SPEC),
    (c) => respondTable(c, specTable(INDICATORS_SPEC, indicatorRows())),
  );

  api.openapi(get("/vintages", "Every release kept: NATO, SIPRI, IMF", z.object({ format: FormatQuery }), VINTAGES_SPEC), (c) =>
    respondTable(c, specTable(VINTAGES_SPEC, vintageRows(c.get("deps").ds))),
  );

  api.openapi(get("/sources", "Provenance of every series", z.object({ format: FormatQuery }), SOURCES_SPEC), (c) =>
    respondTable(c, specTable(SOURCES_SPEC, sourceRows(c.get("deps").ds))),
  );

  const MAX_OBSERVATIONS = 10_000;
  api.openapi(
    get(
      "/observations",
      "Observations in the long form, filtered; every row with its unit, vintage, estimate flag and source",
      z.object({
        ally: z
          .string()
          .max(400)
          .optional()
          .describe("one or more allies or comparators, comma-separated (ISO3, ISO2 or name; RUS, CHN, UKR)"),
        indicator: z.string().max(400).optional().describe("one or more indicator ids, comma-separated"),
        vintage: z.string().max(40).optional().describe("vintage id (default: every vintage)"),
        from: z
          .string()
          .regex(/^\d{4}$/)
          .optional(),
        to: z
          .string()
          .regex(/^\d{4}$/)
          .optional(),
        limit: z.coerce.number().int().min(1).max(MAX_OBSERVATIONS).default(1000),
        offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
        format: FormatQuery,
      }),
      "observations",
    ),
    (c) => {
      const { ds } = c.get("deps");
      const q = c.req.valid("query");
      const list = (s: string | undefined) =>
        s === undefined
          ? null
          : s
              .split(",")
              .map((x) => x.trim())
              .filter(Boolean)
              .slice(0, 40);
      const comparators = new Set(["RUS", "CHN", "UKR", "NATO_TOTAL", "NATO_EUR_CAN", "WLD"]);
      const entities = list(q.ally)?.map((x) => (comparators.has(x.toUpperCase()) ? x.toUpperCase() : resolveAllyQuery(ds, x).iso3));
      const indicators = list(q.indicator)?.map((x) => resolveIndicatorId(x).id);
      const vintage = q.vintage === undefined ? null : resolveAnyVintage(ds, q.vintage);
      const from = q.from === undefined ? -Infinity : Number(q.from);
      const to = q.to === undefined ? Infinity : Number(q.to);
      if (from > to) throw new ParameterError("from", `from ${from} is after to ${to}`);
      const keep = (o: Observation) =>
        o.year >= from &&
        o.year <= to &&
        (!vintage || o.vintageId === vintage.id) &&
        (!entities || entities.includes(o.entity)) &&
        (!indicators || (indicators as readonly string[]).includes(o.indicator));
      let total = 0;
      const rows: Record<string, Cell>[] = [];
      for (const o of ds.observations) {
        if (!keep(o)) continue;
        total++;
        if (total <= q.offset || rows.length >= q.limit) continue;
        const ind = INDICATORS.find((i) => i.id === o.indicator);
        const v = ds.vintage(o.vintageId);
        rows.push({
          vintage: o.vintageId,
          entity: o.entity,
          indicator: o.indicator,
          year: o.year,
          value: o.value,
          unit: ind ? unitFor(ind, v?.priceBaseYear ?? null) : o.sourceUnit,
          estimate: o.estimate,
          source_id: v?.sourceId ?? null,
          source_table: o.sourceTable,
          citation: o.citation,
        });
      }
      return respondTable(
        c,
        {
          name: "observations",
          columns: ["vintage", "entity", "indicator", "year", "value", "unit", "estimate", "source_id", "source_table", "citation"],
          rows,
        },
        { total, offset: q.offset, limit: q.limit },
      );
    },
  );

  api.openapi(
    get(
      "/compliance",
      "Every ally in one year against every guideline: value, threshold, gap in points and money, estimate flags",
      z.object({
        year: YearQuery,
        vintage: VintageQuery,
        ukraineAid: z
          .enum(["include", "exclude"])
          .default("exclude")
          .describe("include: add Kiel's average annual military aid to Ukraine beside NATO's share, with the verdicts on that share"),
        aidMeasure: z.enum(["allocations", "commitments"]).default("allocations"),
        format: FormatQuery,
      }),
      complianceSpec(null, GUIDELINE_IDS),
      "Compliance",
    ),
    (c) => {
      const { ds } = c.get("deps");
      const q = c.req.valid("query");
      const vintage = resolveNatoVintageId(ds, q.vintage);
      const year = resolveVintageYear(ds, vintage, q.year);
      const statuses = allianceStatus(ds, year, vintage.id);
      const plain = complianceTable(ds, statuses);
      const aid = q.ukraineAid === "include";
      const { spec, rows } = aid ? withUkraineAid(plain, ukraineAidIndex(ds, kielTotals()), q.aidMeasure) : plain;
      return respondTable(c, specTable(spec, rows), {
        year,
        vintage: vintage.id,
        membership: membershipIn(ds, year),
        ...(aid ? { ukraine_aid: { measure: q.aidMeasure, caveat: DOUBLE_COUNTING_CAVEAT, source: KIEL_SOURCE } } : {}),
        sources: sourcesOf(ds, [vintage]),
      });
    },
  );

  api.openapi(
    get(
      "/aggregates",
      "Alliance aggregates per year: NATO total, US share, Europe and Canada, weighted and median shares, counts per guideline",
      z.object({ vintage: VintageQuery, from: YearQuery, to: YearQuery, format: FormatQuery }),
      aggregatesSpec(GUIDELINE_IDS),
      "Compliance",
    ),
    (c) => {
      const { ds } = c.get("deps");
      const q = c.req.valid("query");
      const vintage = resolveNatoVintageId(ds, q.vintage);
      const years = ds.years(vintage.id);
      const from = q.from === undefined ? (years[0] as number) : resolveVintageYear(ds, vintage, q.from, "from");
      const to = q.to === undefined ? (years.at(-1) as number) : resolveVintageYear(ds, vintage, q.to, "to");
      if (from > to) throw new ParameterError("from", `from ${from} is after to ${to}`);
      const aggs = years.filter((y) => y >= from && y <= to).map((y) => allianceAggregates(ds, y, vintage.id));
      const spec = aggregatesSpec(GUIDELINE_IDS);
      const counts = aggs.map((a) => ({ year: a.year, counts: a.counts }));
      return respondTable(c, specTable(spec, aggregateRows(spec, aggs)), {
        vintage: vintage.id,
        counts,
        sources: sourcesOf(ds, [vintage]),
      });
    },
  );

  api.openapi(
    get(
      "/rankings",
      "Allies ranked by an indicator in one year (equal values share a rank)",
      z.object({
        indicator: IndicatorQuery.default("defexp_share_gdp_pct"),
        year: YearQuery,
        vintage: VintageQuery,
        format: FormatQuery,
      }),
      rankingSpec("the indicator's unit (GET /indicators)", "value", 2),
      "Compliance",
    ),
    (c) => {
      const { ds } = c.get("deps");
      const q = c.req.valid("query");
      const ind = resolveIndicatorId(q.indicator);
      const vintage = q.vintage === undefined ? ds.latestNatoVintage() : resolveAnyVintage(ds, q.vintage);
      const year = resolveVintageYear(ds, vintage, q.year);
      const spec = rankingSpec(unitFor(ind, vintage.priceBaseYear), ind.shortUnit, ind.decimals);
      return respondTable(c, specTable(spec, rankingRows(spec, rankAllies(ds, ind.id, year, vintage.id))), {
        indicator: ind.id,
        unit: unitFor(ind, vintage.priceBaseYear),
        year,
        vintage: vintage.id,
        sources: sourcesOf(ds, [vintage]),
      });
    },
  );

  api.openapi(
    get(
      "/revisions",
      "What changed for the same ally, year and indicator between two vintages",
      z.object({
        from: z.string().max(40).optional().describe("older vintage (default: the previous official NATO release)"),
        to: z.string().max(40).optional().describe("newer vintage (default: the newest official NATO release)"),
        indicator: IndicatorQuery.default("defexp_share_gdp_pct"),
        ally: AllyQuery.optional(),
        year: z
          .string()
          .regex(/^\d{4}$/)
          .optional(),
        all: z.enum(["true", "false"]).default("false").describe("true: every figure compared, unrevised ones too"),
        format: FormatQuery,
      }),
      REVISIONS_SPEC,
    ),
    (c) => {
      const { ds } = c.get("deps");
      const q = c.req.valid("query");
      const { from, to } = defaultRevisionPair(ds, q.to, q.from);
      const ind = resolveIndicatorId(q.indicator);
      const ally = q.ally === undefined ? undefined : resolveAllyQuery(ds, q.ally).iso3;
      const result = revisions(ds, {
        fromVintageId: from.id,
        toVintageId: to.id,
        indicator: ind.id,
        ...(ally ? { ally } : {}),
        ...(q.year ? { year: Number(q.year) } : {}),
      });
      if (!result.ok) throw new ParameterError("indicator", result.reason);
      const shown = q.all === "true" ? result.revisions : result.revisions.filter((r) => r.revised);
      return respondTable(c, specTable(REVISIONS_SPEC, revisionRows(ds, shown)), {
        from: from.id,
        to: to.id,
        indicator: ind.id,
        compared: result.compared,
        revised: result.revisedCount,
        compared_at_decimals: Math.min(result.fromDecimals, result.toDecimals),
        sources: sourcesOf(ds, [from, to]),
      });
    },
  );

  api.openapi(
    get(
      "/comparisons",
      "NATO against Russia, China and Ukraine (SIPRI), and NATO's GDP against Russia's (IMF)",
      z.object({
        year: YearQuery,
        sipriVintage: z.string().max(40).optional(),
        imfVintage: z.string().max(40).optional(),
        format: FormatQuery,
      }),
      WORLD_SPEC,
    ),
    (c) => {
      const { ds } = c.get("deps");
      const q = c.req.valid("query");
      const sipri = resolveSeriesVintage(ds, q.sipriVintage, "sipri", "sipriVintage");
      const imf = resolveSeriesVintage(ds, q.imfVintage, "imf", "imfVintage");
      const nato = ds.latestNatoVintage();
      const year = resolveWorldYear(ds, sipri, nato, q.year);
      const w = worldComparison(ds, year, sipri.id, imf.id, nato.id);
      return respondTable(c, specTable(WORLD_SPEC, worldRows(w)), {
        year,
        nato_sipri_usd_current_m: w.milex?.natoSipriUsdCurrentM ?? null,
        allies_missing: w.milex?.alliesMissing ?? null,
        nato_share_of_world_pct: w.milex?.natoShareOfWorldPct ?? null,
        gdp: w.gdp,
        membership: membershipIn(ds, year),
        notes: w.notes,
        sources: sourcesOf(ds, w.milex ? [sipri, imf] : [sipri, imf, nato]),
      });
    },
  );
}
