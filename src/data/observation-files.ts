import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { AGGREGATE_CODES, COMPARATORS } from "../model/entities.ts";
import { findIndicator } from "../model/indicator.ts";
import { CSV_COLUMNS, CsvRowSchema, type EstimateFlag, type Observation } from "../model/observation.ts";
import type { Vintage } from "../model/vintage.ts";
import { DataError } from "./data-error.ts";

const FLAG: Record<string, EstimateFlag> = { true: "estimate", false: "reported", uncertain: "uncertain", not_flagged: "not_flagged" };

/** One problem in one row of an observations file; `row` counts the header as row 1. */
export interface ObservationIssue {
  row: number;
  column: string;
  reason: string;
}

/**
 * Reads one vintage's file in the shared 11-column long format. Every row is validated; the first
 * problem stops the load with its file, row (header = row 1) and field, so nothing half-read is used.
 */
export function readObservations(dataDir: string, vintage: Vintage, knownAllies: ReadonlySet<string>): Observation[] {
  const file = vintage.file;
  let text: string;
  try {
    text = readFileSync(join(dataDir, file), "utf8");
  } catch (e) {
    throw new DataError(file, undefined, undefined, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true }) as string[][];
  } catch (e) {
    const err = e as { lines?: number; message: string };
    throw new DataError(file, err.lines, undefined, `malformed CSV: ${err.message}`);
  }
  const { observations, issues } = observationsFromRecords(rows, vintage, knownAllies, 1);
  const first = issues[0];
  if (first) throw new DataError(file, first.row, first.column || undefined, first.reason);
  if (observations.length !== vintage.rows)
    throw new DataError(
      file,
      undefined,
      undefined,
      `has ${observations.length} rows; vintages.csv says ${vintage.rows} for vintage ${vintage.id}`,
    );
  return observations;
}

/**
 * Validates records (header first) in the shared long format for `vintage`. Collects every problem,
 * up to `maxIssues` (an importer reports them all; the build stops at the first).
 */
export function observationsFromRecords(
  rows: readonly string[][],
  vintage: Pick<Vintage, "id" | "series">,
  knownAllies: ReadonlySet<string>,
  maxIssues = 1000,
): { observations: Observation[]; issues: ObservationIssue[] } {
  const issues: ObservationIssue[] = [];
  const observations: Observation[] = [];
  const header = rows[0] ?? [];
  CSV_COLUMNS.forEach((col, i) => {
    if (header[i] !== col)
      issues.push({ row: 1, column: col, reason: `expected column ${i + 1} to be "${col}", found "${header[i] ?? ""}"` });
  });
  if (issues.length === 0 && header.length !== CSV_COLUMNS.length)
    issues.push({ row: 1, column: "", reason: `expected ${CSV_COLUMNS.length} columns, found ${header.length}` });
  if (issues.length > 0) return { observations, issues: issues.slice(0, 1) };

  const known = new Set<string>([...knownAllies, ...COMPARATORS.map((c) => c.iso3), ...AGGREGATE_CODES]);
  const seen = new Set<string>();
  let vintageLabel: string | undefined;
  for (let i = 1; i < rows.length && issues.length < maxIssues; i++) {
    const cells = rows[i] as string[];
    const rowNo = i + 1;
    const fail = (column: string, reason: string) => issues.push({ row: rowNo, column, reason });
    if (cells.length !== CSV_COLUMNS.length) {
      fail("", `expected ${CSV_COLUMNS.length} cells, found ${cells.length}`);
      continue;
    }
    const record = Object.fromEntries(CSV_COLUMNS.map((c, j) => [c, cells[j]]));
    const parsed = CsvRowSchema.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      fail(String(issue?.path[0] ?? ""), `${issue?.message ?? "invalid"} (got "${record[String(issue?.path[0])] ?? ""}")`);
      continue;
    }
    const r = parsed.data;
    const indicator = findIndicator(r.indicator);
    if (!indicator) {
      fail("indicator", `unknown indicator "${r.indicator}" (not in the indicator registry)`);
      continue;
    }
    if (indicator.series !== vintage.series) {
      fail("indicator", `"${r.indicator}" is a ${indicator.series} indicator in a ${vintage.series} file`);
      continue;
    }
    if (!Number.isFinite(r.value)) {
      fail("value", `not a finite number: "${cells[4]}"`);
      continue;
    }
    if (!known.has(r.ally_iso3)) {
      fail("ally_iso3", `unknown ally or aggregate "${r.ally_iso3}"`);
      continue;
    }
    vintageLabel ??= r.vintage;
    if (r.vintage !== vintageLabel) {
      fail("vintage", `mixes vintages: "${r.vintage}" after "${vintageLabel}"`);
      continue;
    }
    const key = `${r.ally_iso3}|${r.year}|${r.indicator}`;
    if (seen.has(key)) {
      fail("ally_iso3", `duplicate (ally, year, indicator) ${r.ally_iso3} ${r.year} ${r.indicator}`);
      continue;
    }
    seen.add(key);
    observations.push({
      entity: r.ally_iso3,
      year: r.year,
      indicator: r.indicator,
      value: r.value,
      vintageId: vintage.id,
      estimate: FLAG[r.estimate_flag] as EstimateFlag,
      sourceUnit: r.unit,
      sourceTable: r.source_table,
      sourceLabel: r.source_label,
      citation: r.source,
    });
  }
  return { observations, issues };
}
