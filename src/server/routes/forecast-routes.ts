import { createRoute, z } from "@hono/zod-openapi";
import { resolveAllyQuery } from "../../core/dataset-query.ts";
import {
  ESTIMATE_OUTTURN_SPEC,
  estimateOutturnRows,
  estimatesVersusOutturns,
  OUTTURN_SUMMARY_SPEC,
  outturnSummaryRows,
  summariseOutturns,
} from "../../core/forecast/estimate-outturn.ts";
import { rowSchema, specTable } from "../published-schema.ts";
import { AllyQuery, type Api, ERRORS, FormatQuery, respondTable, tabularContent } from "./route-kit.ts";

/** Forecast endpoints: NATO's estimate versus outturn, the forecasts and their backtest. */
export function registerForecastRoutes(api: Api): void {
  api.openapi(
    createRoute({
      method: "get",
      path: "/outturns",
      tags: ["Forecasts"],
      summary:
        "NATO's estimate versus outturn: how far each first estimate of a year's spending moved in later releases, per ally and on average",
      description:
        "Rows per ally and year (national currency, unit changes such as Bulgaria's leva → euros detected and removed); the pooled summary by kind of estimate (budget year, year just ended) is under `summary` in JSON.",
      request: { query: z.object({ ally: AllyQuery.optional(), format: FormatQuery }) },
      responses: {
        200: {
          description: "Estimate against outturn",
          content: tabularContent(
            z
              .object({
                [ESTIMATE_OUTTURN_SPEC.name]: z.array(rowSchema(ESTIMATE_OUTTURN_SPEC)),
                summary: z.array(rowSchema(OUTTURN_SUMMARY_SPEC)),
              })
              .passthrough(),
          ),
        },
        ...ERRORS,
      },
    }),
    (c) => {
      const { ds } = c.get("deps");
      const q = c.req.valid("query");
      const all = estimatesVersusOutturns(ds);
      const ally = q.ally === undefined ? undefined : resolveAllyQuery(ds, q.ally).iso3;
      const shown = ally ? all.filter((r) => r.ally === ally) : all;
      return respondTable(c, specTable(ESTIMATE_OUTTURN_SPEC, estimateOutturnRows(ds, shown)), {
        summary: outturnSummaryRows(summariseOutturns(all)),
      });
    },
  );
}
