import { createRoute, z } from "@hono/zod-openapi";
import { runAffordability, runBurden } from "../../core/affordability/affordability-request.ts";
import {
  AFFORDABILITY_SUMMARY_SPEC,
  AFFORDABILITY_YEARS_SPEC,
  affordabilitySummaryRows,
  affordabilityYearRows,
} from "../../core/affordability/affordability-tables.ts";
import { BURDEN_ALLIES_SPEC, BURDEN_GAP_SPEC, burdenAllyRows, burdenGapRows } from "../../core/affordability/burden-tables.ts";
import { EU_INSTRUMENT_CAVEATS, type EuDefenceInstruments } from "../../core/affordability/eu-instruments.ts";
import { resolveAllyQuery } from "../../core/dataset-query.ts";
import { findPreset, SCENARIO_PRESETS } from "../../core/scenarios.ts";
import { loadEuInstruments } from "../../data/eu-fiscal.ts";
import { AffordabilityAssumptionsSchema, BurdenParamsSchema } from "../../model/affordability.ts";
import { ApiError } from "../api-error.ts";
import { specAnswerSchema, specTable } from "../published-schema.ts";
import { AllyQuery, type Api, ERRORS, FormatQuery, memoised, respondTable, tabularContent } from "./route-kit.ts";

/** The EU's instruments, read once per process from data/eu/eu_defence_fiscal.csv (validated on read). */
let eu: EuDefenceInstruments | null = null;
export const euInstruments = () => {
  eu ??= loadEuInstruments();
  return eu;
};

const AffordabilityQuery = AffordabilityAssumptionsSchema.extend({
  ally: AllyQuery.optional().describe("one ally (ISO3, ISO2 or name); every ally when absent"),
  scenario: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/, "a scenario preset id")
    .default("hague-2035")
    .describe("scenario preset id (GET /scenarios/presets)"),
  format: FormatQuery,
});

const BurdenQuery = BurdenParamsSchema.extend({ format: FormatQuery });

const withStatement = (schema: z.ZodObject) => schema.extend({ assumptions: z.array(z.string()) }).passthrough();

/** Affordability of a scenario's paths and the burden-sharing calculator: pure calls into src/core/affordability. */
export function registerAffordabilityRoutes(api: Api): void {
  api.openapi(
    createRoute({
      method: "get",
      path: "/affordability",
      tags: ["Pathways"],
      summary:
        "Can they afford it? Each ally's extra spending over a freeze against government spending and revenue, the debt it adds as financed, the EU's escape clause and SAFE loans",
      description: `Rows: one per ally and year (${AFFORDABILITY_YEARS_SPEC.columns.map((c) => `\`${c.key}\``).join(", ")}). JSON adds \`summary\` (one row per ally: ${AFFORDABILITY_SUMMARY_SPEC.columns.map((c) => `\`${c.key}\``).join(", ")}), the financing, the assumptions (the interest rate is derived from the WEO: primary minus overall balance over last year's gross debt) and the EU instruments' caveats. At most 32 allies × the years to the target: the answer is bounded.`,
      request: { query: AffordabilityQuery },
      responses: {
        200: {
          description: "Rows per ally and year; summary in JSON",
          content: tabularContent(withStatement(specAnswerSchema(AFFORDABILITY_YEARS_SPEC))),
        },
        ...ERRORS,
      },
    }),
    (c) => {
      const { ds } = c.get("deps");
      const q = c.req.valid("query");
      return memoised(c, q, () => {
        const scenario = findPreset(q.scenario);
        if (!scenario)
          throw new ApiError(
            400,
            "invalid",
            `unknown preset "${q.scenario}" (${SCENARIO_PRESETS.map((x) => x.id).join(", ")})`,
            "scenario",
          );
        const allies = q.ally === undefined ? undefined : [resolveAllyQuery(ds, q.ally).iso3];
        const set = runAffordability(
          ds,
          scenario,
          { financing: q.financing, interestBeyondWeoPct: q.interestBeyondWeoPct, allies },
          euInstruments(),
        );
        return respondTable(c, specTable(AFFORDABILITY_YEARS_SPEC, affordabilityYearRows(set)), {
          scenario: set.scenario.id,
          financing: set.financing,
          review_year: set.reviewYear,
          target_year: set.targetYear,
          summary: affordabilitySummaryRows(set),
          assumptions: set.assumptions,
          caveats: set.caveats,
          scenario_assumptions: set.scenario.assumptions,
        });
      });
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/burden",
      tags: ["Scenarios"],
      summary:
        "Who covers a US cut: the US moves to a chosen share by a chosen year; the gap (against a freeze or its own path) is shared among Europe and Canada by a chosen key",
      description: `Rows: each ally's part by year (${BURDEN_ALLIES_SPEC.columns.map((c) => `\`${c.key}\``).join(", ")}). JSON adds \`gap\` by year (${BURDEN_GAP_SPEC.columns.map((c) => `\`${c.key}\``).join(", ")}), the parameters and a statement of every choice.`,
      request: { query: BurdenQuery },
      responses: {
        200: {
          description: "Each ally's part by year; the gap in JSON",
          content: tabularContent(withStatement(specAnswerSchema(BURDEN_ALLIES_SPEC))),
        },
        ...ERRORS,
      },
    }),
    (c) => {
      const { ds, prepareContext } = c.get("deps");
      const q = c.req.valid("query");
      const { format: _format, ...params } = q;
      return memoised(c, q, () => {
        const r = runBurden(ds, params, prepareContext);
        return respondTable(c, specTable(BURDEN_ALLIES_SPEC, burdenAllyRows(r)), {
          params: r.params,
          statement: r.statement,
          gap: burdenGapRows(r),
          assumptions: r.assumptions,
        });
      });
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/eu-instruments",
      tags: ["Data"],
      summary:
        "The EU's defence instruments as data: the SGP escape clause's ceilings by ally and year, and the SAFE loans' tentative allocations",
      responses: {
        200: {
          description: "Escape clause and SAFE, with their caveats",
          content: {
            "application/json": {
              schema: z
                .object({
                  escapeClause: z.array(z.object({}).passthrough()),
                  safe: z.array(z.object({}).passthrough()),
                  caveats: z.array(z.string()),
                })
                .passthrough(),
            },
          },
        },
      },
    }),
    (c) => c.json({ ...euInstruments(), caveats: [...EU_INSTRUMENT_CAVEATS] }, 200),
  );
}
