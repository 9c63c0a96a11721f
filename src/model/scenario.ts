import { z } from "zod";
import { EconomicAssumptionsSchema, PathShapeSchema, PathwayTargetSchema } from "./pathway.ts";

const Iso3 = z.string().regex(/^[A-Z]{3}$/, "an ISO3 code");

/** What the United States does in a scenario (the press's "reinforcement" and "rupture" futures). */
export const UsBehaviourSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("target") }),
  z.object({ mode: z.literal("freeze") }),
  /** Keeps its base-year share of the alliance's total spending while the others climb. */
  z.object({ mode: z.literal("hold-alliance-share") }),
  /** Cuts its core share of GDP to `corePct` by `byYear` (linearly). */
  z.object({ mode: z.literal("reduce"), corePct: z.number().min(0).max(20), byYear: z.number().int().min(2025).max(2050) }),
]);
export type UsBehaviour = z.infer<typeof UsBehaviourSchema>;

export const AllyOverrideSchema = z.object({
  corePct: z.number().min(0).max(20).optional(),
  relatedPct: z.number().min(0).max(10).optional(),
  targetYear: z.number().int().min(2025).max(2050).optional(),
  shape: PathShapeSchema.optional(),
  gdpShockPp: z.number().min(-20).max(20).optional(),
  inflationShockPp: z.number().min(-20).max(50).optional(),
});

/** A named, serialisable set of parameters. Every preset spells its assumptions in plain words. */
export const ScenarioSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/, "lower-case letters, digits and dashes"),
  name: z.string().min(1).max(120),
  description: z.string().max(2000).default(""),
  assumptions: z.array(z.string().max(500)).max(30).default([]),
  vintage: z.string().optional(),
  target: PathwayTargetSchema.omit({ plan: true }).default({ relatedBasePct: 0, shape: "linear" }),
  economy: EconomicAssumptionsSchema.default({
    gdpGrowthBeyondWeoPct: null,
    inflationBeyondWeoPct: null,
    gdpShockPp: 0,
    inflationShockPp: 0,
  }),
  overrides: z.record(Iso3, AllyOverrideSchema).default({}),
  us: UsBehaviourSchema.default({ mode: "target" }),
  /** Share (percent) of the US cut that Europe and Canada cover on top of their own paths. */
  europeCoversPctOfUsGap: z.number().min(0).max(100).default(0),
});
export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
