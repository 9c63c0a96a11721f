import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { AGGREGATE_CODES, COMPARATORS } from "../model/entities.ts";
import { findIndicator } from "../model/indicator.ts";
import { CSV_COLUMNS, CsvRowSchema, type EstimateFlag, type Observation } from "../model/observation.ts";
import type { Vintage } from "../model/vintage.ts";
import { DataError } from "./data-error.ts";

const FLAG: Record<string, EstimateFlag> = { true: "estimate", false: "reported", uncertain: "uncertain", not_flagged: "not_flagged" };

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
  const header = rows[0] ?? [];
  CSV_COLUMNS.forEach((col, i) => {
    if (header[i] !== col) throw new DataError(file, 1, col, `expected column ${i + 1} to be "${col}", found "${header[i] ?? ""}"`);
  });
  if (header.length !== CSV_COLUMNS.length)
    throw new DataError(file, 1, undefined, `expected ${CSV_COLUMNS.length} columns, found ${header.length}`);

  const known = new Set<string>([...knownAllies, ...COMPARATORS.map((c) => c.iso3), ...AGGREGATE_CODES]);
  const seen = new Set<string>();
  let vintageLabel: string | undefined;
  const out: Observation[] = [];
  for (let i = 1; i < rows.length; i++) {
    const cells = rows[i] as string[];
    const rowNo = i + 1;
    if (cells.length !== CSV_COLUMNS.length)
      throw new DataError(file, rowNo, undefined, `expected ${CSV_COLUMNS.length} cells, found ${cells.length}`);
    const record = Object.fromEntries(CSV_COLUMNS.map((c, j) => [c, cells[j]]));
    const parsed = CsvRowSchema.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DataError(
        file,
        rowNo,
        String(issue?.path[0] ?? ""),
        `${issue?.message ?? "invalid"} (got "${record[String(issue?.path[0])] ?? ""}")`,
      );
    }
    const r = parsed.data;
    const indicator = findIndicator(r.indicator);
    if (!indicator) throw new DataError(file, rowNo, "indicator", `unknown indicator "${r.indicator}" (not in the indicator registry)`);
    if (indicator.series !== vintage.series)
      throw new DataError(file, rowNo, "indicator", `"${r.indicator}" is a ${indicator.series} indicator in a ${vintage.series} file`);
    if (!Number.isFinite(r.value)) throw new DataError(file, rowNo, "value", `not a finite number: "${cells[4]}"`);
    if (!known.has(r.ally_iso3)) throw new DataError(file, rowNo, "ally_iso3", `unknown ally or aggregate "${r.ally_iso3}"`);
    vintageLabel ??= r.vintage;
    if (r.vintage !== vintageLabel) throw new DataError(file, rowNo, "vintage", `mixes vintages: "${r.vintage}" after "${vintageLabel}"`);
    const key = `${r.ally_iso3}|${r.year}|${r.indicator}`;
    if (seen.has(key))
      throw new DataError(file, rowNo, "ally_iso3", `duplicate (ally, year, indicator) ${r.ally_iso3} ${r.year} ${r.indicator}`);
    seen.add(key);
    out.push({
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
  if (out.length !== vintage.rows)
    throw new DataError(file, undefined, undefined, `has ${out.length} rows; vintages.csv says ${vintage.rows} for vintage ${vintage.id}`);
  return out;
}
