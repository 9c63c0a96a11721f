import { z } from "zod";

/**
 * How the path's extra spending is paid for, chosen by the user and stated in every output:
 * borrowed (a fiscal council's default reading: the deficit and the debt rise), offset by cutting
 * other spending, or raised in revenue (in both, the deficit and the debt stay on the IMF's baseline).
 */
export const FinancingSchema = z.enum(["borrow", "offset", "revenue"]);
export type Financing = z.infer<typeof FinancingSchema>;

export const AffordabilityAssumptionsSchema = z.object({
  financing: FinancingSchema.default("borrow"),
  /**
   * Effective interest rate (percent a year) after the last WEO year. Null: each ally's rate implied
   * by the WEO in its last year, held.
   */
  interestBeyondWeoPct: z.coerce.number().min(-5).max(30).nullable().default(null),
});
export type AffordabilityAssumptions = z.infer<typeof AffordabilityAssumptionsSchema>;

/** What the US gap is measured against: a freeze at its base-year share, or its own path to the target. */
export const GapBasisSchema = z.enum(["freeze", "path"]);
export type GapBasis = z.infer<typeof GapBasisSchema>;

/**
 * How Europe and Canada share the gap: in proportion to GDP (every ally adds the same points of GDP),
 * by equal effort (the gap lifts the lowest spenders first, until every contributor ends at the same
 * core share of GDP), or in proportion to each ally's own core spending that year.
 */
export const BurdenKeySchema = z.enum(["gdp", "effort", "spending"]);
export type BurdenKey = z.infer<typeof BurdenKeySchema>;

/** Numbers are coerced so that the same schema validates the API's query string, the CLI's flags and the dashboard's sliders. */
export const BurdenParamsSchema = z.object({
  /** The US core share of GDP it moves to (percent): a stated choice, not a forecast. */
  usSharePct: z.coerce.number().min(0).max(10).default(2),
  /** The year the US reaches it, linearly from its base year, and holds it after. */
  byYear: z.coerce.number().int().min(2026).max(2050).default(2030),
  against: GapBasisSchema.default("freeze"),
  key: BurdenKeySchema.default("gdp"),
  /** Percent of the gap that Europe and Canada cover (100: all of it). */
  coverPct: z.coerce.number().min(0).max(100).default(100),
});
export type BurdenParams = z.infer<typeof BurdenParamsSchema>;
export type BurdenParamsInput = z.input<typeof BurdenParamsSchema>;

export const AffordabilityRequestSchema = AffordabilityAssumptionsSchema.extend({
  /** ISO3 codes, or omitted for every ally. */
  allies: z
    .array(z.string().regex(/^[A-Z]{3}$/, "an ISO3 code"))
    .max(32)
    .optional(),
  /** A scenario preset id (`pledge scenarios`); the Hague commitment by default. */
  scenario: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/, "a scenario preset id")
    .default("hague-2035"),
});
export type AffordabilityRequest = z.infer<typeof AffordabilityRequestSchema>;
