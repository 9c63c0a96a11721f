import { z } from "zod";
import { FORECAST_MODELS, MAX_FORECAST_PATHS } from "./forecast-models.ts";
import { PathwayRequestSchema } from "./pathway.ts";

export const ForecastModelSchema = z.enum(FORECAST_MODELS);

/** A forecast request (API body; the CLI builds the same from its flags). */
export const ForecastRequestSchema = z.object({
  request: PathwayRequestSchema.prefault({}),
  models: z
    .array(ForecastModelSchema)
    .min(1)
    .max(3)
    .default([...FORECAST_MODELS]),
  paths: z.number().int().min(100).max(MAX_FORECAST_PATHS).default(10_000),
  seed: z.number().int().min(0).max(4_294_967_295).default(2035),
});
export type ForecastRequest = z.infer<typeof ForecastRequestSchema>;
