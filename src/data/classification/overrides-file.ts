import { parse } from "csv-parse/sync";
import { type Override, OverrideSchema } from "../../model/classification.ts";
import { DataError } from "../data-error.ts";

const MAX_OVERRIDES = 10_000;

/** A user's overrides: a CSV with the columns line_id, category and reason (one line each). */
export function parseOverrides(text: string, file: string): Override[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(text.replace(/^\uFEFF/, ""), { columns: true, skip_empty_lines: true, trim: true, to_line: MAX_OVERRIDES + 1 });
  } catch (e) {
    throw new DataError(file, (e as { lines?: number }).lines, undefined, `not readable as CSV: ${(e as Error).message}`);
  }
  return rows.map((r, i) => {
    for (const col of ["line_id", "category", "reason"])
      if (r[col] === undefined) throw new DataError(file, 1, col, `the column "${col}" is missing`);
    const parsed = OverrideSchema.safeParse({ lineId: r.line_id, category: r.category, reason: r.reason });
    if (!parsed.success) {
      const issue = parsed.error.issues[0] as { path: PropertyKey[]; message: string };
      const field = { lineId: "line_id" }[String(issue.path[0])] ?? String(issue.path[0]);
      throw new DataError(file, i + 2, field, issue.message);
    }
    return parsed.data;
  });
}
