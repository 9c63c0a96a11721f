import { z } from "zod";
import { DataError } from "./data-error.ts";
import { readCsvRecords } from "./metadata-files.ts";

/** One row of the shared long format (`../shared/data/PROVENANCE.md`), as the extra sources use it. */
export const LongRowSchema = z.object({
  ally_iso3: z.string().regex(/^[A-Z]{3}$/, "three capital letters (ISO 3166 alpha-3)"),
  country: z.string().min(1),
  year: z.coerce.number().int().min(1900).max(2100),
  indicator: z.string().regex(/^[a-z0-9_]+$/, "lower-case letters, digits and underscores"),
  value: z
    .string()
    .trim()
    .min(1, "a figure is needed")
    .transform((s) => Number(s))
    .pipe(z.number().finite("a number")),
  unit: z.string().min(1),
  source: z.string().min(1, "every row names its source"),
  vintage: z.string().min(1),
  estimate_flag: z.string().min(1),
  source_table: z.string(),
  source_label: z.string(),
});
export type LongRow = z.infer<typeof LongRowSchema>;

/** Reads and validates a long-format CSV under the data folder; the first bad row is named with its field. */
export function readLongRows(dataDir: string, file: string): LongRow[] {
  return readCsvRecords(dataDir, file).map((record, i) => {
    const parsed = LongRowSchema.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DataError(file, i + 2, issue?.path[0] === undefined ? undefined : String(issue.path[0]), issue?.message ?? "invalid");
    }
    return parsed.data;
  });
}
