import { z } from "zod";

export const AllySchema = z.object({
  iso3: z.string().regex(/^[A-Z]{3}$/, "three capital letters (ISO 3166 alpha-3)"),
  iso2: z.string().regex(/^[A-Z]{2}$/, "two capital letters (ISO 3166 alpha-2)"),
  name: z.string().min(1),
  accessionYear: z.number().int().min(1949).max(2100),
  currencyCode: z.string().regex(/^[A-Z]{3}$/),
  currencyName: z.string().min(1),
  euroSince: z.number().int().min(1999).nullable(),
  region: z.enum(["europe", "north_america"]),
  /** Iceland has no armed forces: spending guidelines are not applicable, not failed. */
  hasArmedForces: z.boolean(),
  note: z.string(),
});
export type Ally = z.infer<typeof AllySchema>;
