import { z } from "zod";

/** How a path climbs from the base year's share to the target. "freeze" holds the base share. */
export const PathShapeSchema = z.enum(["linear", "constant-real-growth", "front-loaded", "back-loaded", "plan", "freeze"]);
export type PathShape = z.infer<typeof PathShapeSchema>;

/** A user-given plan: shares of GDP (percent) or amounts (million national currency, current prices) by year. */
export const UserPlanSchema = z
  .object({
    kind: z.enum(["share", "amount"]),
    values: z.record(z.string().regex(/^\d{4}$/, "a four-digit year"), z.number().finite().nonnegative()),
  })
  .refine((p) => Object.keys(p.values).length > 0, { message: "a plan needs at least one year", path: ["values"] });
export type UserPlan = z.infer<typeof UserPlanSchema>;

export const MAX_TARGET_YEAR = 2050;

/** Economic assumptions beyond the IMF's projections, and shocks applied on top of them. */
export const EconomicAssumptionsSchema = z.object({
  /** Nominal GDP growth (percent a year) after the last WEO projection year; null: the average of the last five projected years. */
  gdpGrowthBeyondWeoPct: z.number().min(-20).max(50).nullable().default(null),
  /** GDP-deflator inflation (percent a year) after the last WEO year; null: the average of the last five projected years. */
  inflationBeyondWeoPct: z.number().min(-20).max(100).nullable().default(null),
  /** Added to every year's nominal GDP growth from the first projected year (percentage points). */
  gdpShockPp: z.number().min(-20).max(20).default(0),
  /** Added to every year's deflator inflation (percentage points); nominal GDP moves with it. */
  inflationShockPp: z.number().min(-20).max(50).default(0),
});
export type EconomicAssumptions = z.infer<typeof EconomicAssumptionsSchema>;

export const PathwayTargetSchema = z.object({
  /** Core defence target, percent of GDP (NATO definition). Default: the Hague 3.5%, or the ally's own arrangement. */
  corePct: z.number().min(0, "must be 0 or more").max(20).optional(),
  /** Defence- and security-related target, percent of GDP. Default: the Hague's total minus its core (data/guidelines.csv). */
  relatedPct: z.number().min(0, "must be 0 or more").max(10).optional(),
  /**
   * Related spending counted in the base year. NATO publishes none, so the default is 0 and is said so;
   * set it where an ally's own claim is recorded.
   */
  relatedBasePct: z.number().min(0).max(10).default(0),
  /** Default: the Hague's target year (data/guidelines.csv). */
  targetYear: z.number().int().min(2025).max(MAX_TARGET_YEAR).optional(),
  shape: PathShapeSchema.default("linear"),
  plan: UserPlanSchema.optional(),
});
export type PathwayTarget = z.infer<typeof PathwayTargetSchema>;
export type PathwayTargetInput = z.input<typeof PathwayTargetSchema>;

export const PathwayRequestSchema = z.object({
  /** ISO3 codes, or omitted for every ally. */
  allies: z
    .array(z.string().regex(/^[A-Z]{3}$/))
    .max(32)
    .optional(),
  vintage: z.string().optional(),
  imfVintage: z.string().optional(),
  target: PathwayTargetSchema.default({ relatedBasePct: 0, shape: "linear" }),
  economy: EconomicAssumptionsSchema.default({
    gdpGrowthBeyondWeoPct: null,
    inflationBeyondWeoPct: null,
    gdpShockPp: 0,
    inflationShockPp: 0,
  }),
});
export type PathwayRequest = z.infer<typeof PathwayRequestSchema>;
