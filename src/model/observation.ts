import { z } from "zod";

/**
 * What the source marks about a figure. NATO: "estimate" for years headed "YYYYe".
 * SIPRI: "estimate" (blue) and "uncertain" (red). IMF: "estimate" for projections,
 * "not_flagged" where the reshaped export dropped WEO's flag (recent years may still be estimates).
 */
export const EstimateFlagSchema = z.enum(["reported", "estimate", "uncertain", "not_flagged"]);
export type EstimateFlag = z.infer<typeof EstimateFlagSchema>;

/** One row of a dataset CSV, in the shared long format, exactly as validated at build time. */
export const CsvRowSchema = z.object({
  ally_iso3: z.string().regex(/^([A-Z]{3}|NATO_TOTAL|NATO_EUR_CAN)$/, "ISO3 code or NATO_TOTAL/NATO_EUR_CAN"),
  country: z.string().min(1),
  year: z.coerce.number().int().min(1949).max(2100),
  indicator: z.string().min(1),
  value: z
    .string()
    .regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/, "a number")
    .transform(Number),
  unit: z.string().min(1),
  source: z.string().min(1),
  vintage: z.string().min(1),
  estimate_flag: z.enum(["true", "false", "uncertain", "not_flagged"]),
  source_table: z.string().min(1),
  source_label: z.string(),
});
export type CsvRow = z.infer<typeof CsvRowSchema>;
export const CSV_COLUMNS = Object.keys(CsvRowSchema.shape) as (keyof CsvRow)[];

export interface Observation {
  /** ISO3 of an ally or comparator, or an aggregate code (NATO_TOTAL, NATO_EUR_CAN, WLD). */
  entity: string;
  year: number;
  indicator: string;
  value: number;
  vintageId: string;
  estimate: EstimateFlag;
  /** The unit as the source labels it (carries the currency name for NATO national-currency rows). */
  sourceUnit: string;
  /** Where in the source: sheet or table, and its row label. */
  sourceTable: string;
  sourceLabel: string;
  /** Per-row citation where the vintage's rows cite different pages (press reports). */
  citation: string;
}
