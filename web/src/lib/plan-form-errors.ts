import type { ApiFailure } from "./session.ts";

/** Messages by input: `submissionYear`, `years.2.core`, `sources.0.url`, … */
export type FieldErrors = Record<string, string>;

/** The API names `years.2.corePct` or `years.2.coreNcM`; the form has one core input per row. */
export function inputKeyOf(field: string): string {
  return field.replace(/\.(core|related)(Pct|NcM)$/, ".$1");
}

/** The inputs the form shows an error beside; any other field is named only in the summary. */
export function isFormInput(key: string): boolean {
  return /^(submissionYear|unit|notes|years\.\d+\.(year|core|related)|sources\.\d+\.(title|url))$/.test(key);
}

/** What the form calls an input, for the summary above it: "Core, 2030" rather than `years.1.core`. */
export function inputLabelOf(key: string, rows: readonly { year: string }[], unitLabel: string): string {
  const fixed: Record<string, string> = { submissionYear: "Submission year", unit: "Unit", notes: "Notes", ally: "Ally" };
  if (fixed[key]) return fixed[key];
  const year = /^years\.(\d+)\.(year|core|related)$/.exec(key);
  if (year) {
    const i = Number(year[1]);
    if (year[2] === "year") return `Year (row ${i + 1})`;
    return `${year[2] === "core" ? "Core" : "Related"} ${unitLabel}, ${rows[i]?.year.trim() || `row ${i + 1}`}`;
  }
  const source = /^sources\.(\d+)\.(title|url)$/.exec(key);
  if (source) return `Source ${Number(source[1]) + 1}, ${source[2] === "title" ? "title" : "link"}`;
  return key;
}

/** Every issue of a 400 answer (`error.issues`), or its one `error.field`. */
export function fieldErrorsOf(e: ApiFailure): FieldErrors {
  const out: FieldErrors = {};
  for (const i of e.issues ?? (e.field ? [{ field: e.field, message: e.message }] : [])) {
    const k = inputKeyOf(i.field);
    out[k] ??= i.message.replace(/^[\w.]+: /, "");
  }
  return out;
}
