import { observationsFromRecords } from "../data/observation-files.ts";
import type { Observation } from "../model/observation.ts";
import { type Vintage, VintageSchema } from "../model/vintage.ts";
import { readCsvRecords } from "./csv-records.ts";
import type { ImportIssue } from "./plan-rows.ts";
import { readXlsxRecords } from "./xlsx-records.ts";

/** What an admin says about the release being imported (the file itself holds only observations). */
export interface VintageDescription {
  id: string;
  series: Vintage["series"];
  sourceId: string;
  label: string;
  published: string;
  status: Vintage["status"];
  priceBaseYear: number | null;
}

export interface ObservationsImport {
  file: string;
  vintage: Vintage | null;
  observations: Observation[];
  issues: ImportIssue[];
  rows: number;
}

/** What the import is checked against: the dataset the server holds now. */
export interface ImportContext {
  allies: ReadonlySet<string>;
  vintageIds: ReadonlySet<string>;
  sourceIds: ReadonlySet<string>;
}

/**
 * Validates a whole release in the shared long format (the same 11 columns and rules as data/), from
 * CSV text or an XLSX workbook. Every problem is reported with row and column; a vintage comes back
 * only when there is none.
 */
export async function importObservations(
  body: Uint8Array,
  kind: "csv" | "xlsx",
  file: string,
  about: VintageDescription,
  ctx: ImportContext,
): Promise<ObservationsImport> {
  const issues: ImportIssue[] = [];
  const fail = (row: number, column: string, reason: string) => issues.push({ file, row, column, reason });
  if (ctx.vintageIds.has(about.id)) fail(0, "vintage", `vintage ${about.id} already exists`);
  if (!ctx.sourceIds.has(about.sourceId)) fail(0, "source", `unknown source "${about.sourceId}" (GET /api/v1/sources)`);

  let records: string[][];
  if (kind === "xlsx") {
    const sheet = await readXlsxRecords(body, file, "observations");
    if (!sheet.ok) return { file, vintage: null, observations: [], issues: [...issues, sheet.issue], rows: 0 };
    records = sheet.records.filter((r) => r.some((cell) => cell !== ""));
    issues.push(...sheet.cellIssues);
  } else {
    const parsed = await readCsvRecords(body, { skipEmptyLines: true });
    if (!parsed.ok) {
      fail(parsed.line, "", `not readable as CSV: ${parsed.message}`);
      return { file, vintage: null, observations: [], issues, rows: 0 };
    }
    records = parsed.records;
  }
  const parsed = observationsFromRecords(records, { id: about.id, series: about.series }, ctx.allies);
  issues.push(...parsed.issues.map((i) => ({ file, ...i })));
  const rows = Math.max(0, records.length - 1);
  if (rows === 0 && issues.length === 0) fail(1, "", "the file holds no observations");

  const estimateYears = [...new Set(parsed.observations.filter((o) => o.estimate === "estimate").map((o) => o.year))].sort((a, b) => a - b);
  const vintage = VintageSchema.safeParse({
    id: about.id,
    series: about.series,
    sourceId: about.sourceId,
    label: about.label,
    file: `imported: ${file}`,
    published: about.published,
    status: about.status,
    priceBaseYear: about.priceBaseYear,
    estimateYears,
    rows: parsed.observations.length,
  });
  if (!vintage.success) for (const i of vintage.error.issues) fail(0, String(i.path[0] ?? "vintage"), i.message);
  issues.sort((a, b) => a.row - b.row);
  return issues.length || !vintage.success
    ? { file, vintage: null, observations: [], issues, rows }
    : { file, vintage: vintage.data, observations: parsed.observations, issues, rows };
}
