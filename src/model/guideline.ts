import { z } from "zod";

export const GuidelineSchema = z.object({
  id: z.enum(["gdp2", "equipment20", "hague_core", "hague_total"]),
  name: z.string().min(1),
  indicator: z.string().min(1),
  thresholdPct: z.number().positive(),
  targetYear: z.number().int(),
  fromYear: z.number().int(),
  /** The year the trajectory is reviewed (The Hague: 2029); null where the guideline sets none. */
  reviewYear: z.number().int().nullable(),
  sourceId: z.string(),
  note: z.string(),
});
export type Guideline = z.infer<typeof GuidelineSchema>;
export type GuidelineId = Guideline["id"];

/** A per-ally arrangement (Spain at The Hague), kept as data so that it carries its source. */
export const TargetOverrideSchema = z.object({
  ally: z.string().regex(/^[A-Z]{3}$/),
  guidelineId: GuidelineSchema.shape.id,
  thresholdPct: z.number().positive(),
  sourceId: z.string(),
  note: z.string(),
});
export type TargetOverride = z.infer<typeof TargetOverrideSchema>;
