import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import type { z } from "zod";
import { type Ally, AllySchema } from "../model/ally.ts";
import { type Guideline, GuidelineSchema, type TargetOverride, TargetOverrideSchema } from "../model/guideline.ts";
import { type Source, SourceSchema } from "../model/source.ts";
import { type Vintage, VintageSchema } from "../model/vintage.ts";
import { DataError } from "./data-error.ts";

/** Reads a small CSV into records keyed by header, failing on ragged rows with the row number. */
export function readCsvRecords(dataDir: string, file: string): Record<string, string>[] {
  let text: string;
  try {
    text = readFileSync(join(dataDir, file), "utf8");
  } catch (e) {
    throw new DataError(file, undefined, undefined, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    return parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
  } catch (e) {
    const err = e as { lines?: number; message: string };
    throw new DataError(file, err.lines, undefined, `malformed CSV: ${err.message}`);
  }
}

/** Validates each record after mapping, reporting the first failing field with its CSV row (header = row 1). */
export function validateRecords<S extends z.ZodType>(
  file: string,
  records: Record<string, string>[],
  schema: S,
  toInput: (r: Record<string, string>) => unknown,
  columnOf: (field: string) => string = (f) => f,
): z.infer<S>[] {
  return records.map((record, i) => {
    const parsed = schema.safeParse(toInput(record));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path[0] !== undefined ? columnOf(String(issue.path[0])) : undefined;
      throw new DataError(file, i + 2, field, issue?.message ?? "invalid");
    }
    return parsed.data;
  });
}

const int = (s: string | undefined) => (s === undefined || s.trim() === "" ? Number.NaN : Number(s));
const intOrNull = (s: string | undefined) => (s === undefined || s.trim() === "" ? null : Number(s));
const bool = (s: string | undefined) => (s === "true" ? true : s === "false" ? false : s);
const snake = (camel: string) => camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export function readAllies(dataDir: string): Ally[] {
  const file = "allies.csv";
  return validateRecords(
    file,
    readCsvRecords(dataDir, file),
    AllySchema,
    (r) => ({
      iso3: r.iso3,
      iso2: r.iso2,
      name: r.name,
      accessionYear: int(r.accession_year),
      currencyCode: r.currency_code,
      currencyName: r.currency_name,
      euroSince: intOrNull(r.euro_since),
      region: r.region,
      hasArmedForces: bool(r.has_armed_forces),
      note: r.note ?? "",
    }),
    snake,
  );
}

export function readSources(dataDir: string): Source[] {
  const file = "sources.csv";
  return validateRecords(
    file,
    readCsvRecords(dataDir, file),
    SourceSchema,
    (r) => ({ ...r, storedCopy: r.stored_copy, stored_copy: undefined }),
    snake,
  );
}

export function readVintages(dataDir: string): Vintage[] {
  const file = "vintages.csv";
  return validateRecords(
    file,
    readCsvRecords(dataDir, file),
    VintageSchema,
    (r) => ({
      id: r.id,
      series: r.series,
      sourceId: r.source_id,
      label: r.label,
      file: r.file,
      published: r.published,
      status: r.status,
      priceBaseYear: intOrNull(r.price_base_year),
      estimateYears: (r.estimate_years ?? "").split(/\s+/).filter(Boolean).map(Number),
      rows: int(r.rows),
    }),
    snake,
  );
}

export function readGuidelines(dataDir: string): Guideline[] {
  const file = "guidelines.csv";
  return validateRecords(
    file,
    readCsvRecords(dataDir, file),
    GuidelineSchema,
    (r) => ({
      id: r.id,
      name: r.name,
      indicator: r.indicator,
      thresholdPct: int(r.threshold),
      targetYear: int(r.target_year),
      fromYear: int(r.from_year),
      reviewYear: intOrNull(r.review_year),
      sourceId: r.source_id,
      note: r.note ?? "",
    }),
    (f) => (f === "thresholdPct" ? "threshold" : snake(f)),
  );
}

export function readTargetOverrides(dataDir: string): TargetOverride[] {
  const file = "target-overrides.csv";
  return validateRecords(
    file,
    readCsvRecords(dataDir, file),
    TargetOverrideSchema,
    (r) => ({ ally: r.ally_iso3, guidelineId: r.guideline_id, thresholdPct: int(r.threshold), sourceId: r.source_id, note: r.note ?? "" }),
    (f) => ({ ally: "ally_iso3", thresholdPct: "threshold" })[f] ?? snake(f),
  );
}
