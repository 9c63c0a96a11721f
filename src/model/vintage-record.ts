import type { Vintage } from "./vintage.ts";

// Apart from vintage.ts (its schema loads zod): the CLI lists vintages without loading zod.
/** A vintage as a table row with stable snake_case column names: what the CLI, the API and the dashboard list. */
export function vintageRecord(v: Vintage) {
  return {
    id: v.id,
    series: v.series,
    label: v.label,
    published: v.published,
    status: v.status,
    price_base_year: v.priceBaseYear,
    estimate_years: v.estimateYears.join(" "),
    rows: v.rows,
    source_id: v.sourceId,
    file: v.file,
  };
}
