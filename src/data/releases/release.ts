/**
 * What every importer of a publisher's own file produces: the release's observations with their
 * provenance, or the list of problems, each naming the file, sheet, row and column.
 */
import type { EstimateFlag, Observation } from "../../model/observation.ts";
import type { Vintage } from "../../model/vintage.ts";

export type Publisher = Vintage["series"];

/** One problem in the file; `row` is the sheet row or the text line (1-based), `column` a letter or a header. */
export interface ReleaseIssue {
  file: string;
  sheet?: string;
  row?: number;
  column?: string;
  reason: string;
}

/** Reading stops at this many problems: a badly shifted file would otherwise list every cell. */
export const MAX_RELEASE_ISSUES = 200;

/** The file cannot be imported: every problem found, none stored. */
export class ReleaseImportError extends Error {
  constructor(
    readonly issues: readonly ReleaseIssue[],
    /** A size limit was reached (a zip bomb, a file too large): the server answers 413. */
    readonly tooLarge = false,
  ) {
    super(issues.map(describeIssue).join("\n"));
    this.name = "ReleaseImportError";
  }
}

export function describeIssue(i: ReleaseIssue): string {
  const where = [i.file, i.sheet && `sheet "${i.sheet}"`, i.row !== undefined && `row ${i.row}`, i.column && `column ${i.column}`]
    .filter(Boolean)
    .join(", ");
  return `${where}: ${i.reason}`;
}

/** An observation before it belongs to a vintage (the id is chosen at import). */
export type ReleaseObservation = Omit<Observation, "vintageId">;

export interface ParsedRelease {
  publisher: Publisher;
  /** Which layout was recognised, e.g. "NATO TABLES workbook, 2024 layout". */
  layout: string;
  observations: ReleaseObservation[];
  /** Constant-price base year the release states (NATO's "Constant 2015 prices", SIPRI's "Constant (2023) US$"). */
  priceBaseYear: number | null;
  /** Rows the file holds for countries Pledge does not track (SIPRI and the WEO cover the world). */
  skippedCountries: number;
  /** What the file says of itself, for the default label (e.g. "Defence Expenditure of NATO Countries (2014-2024)"). */
  title: string | null;
}

/** Collects problems up to MAX_RELEASE_ISSUES, then stops the read. */
export class IssueList {
  readonly issues: ReleaseIssue[] = [];
  constructor(readonly file: string) {}
  add(issue: Omit<ReleaseIssue, "file">): void {
    this.issues.push({ file: this.file, ...issue });
    if (this.issues.length >= MAX_RELEASE_ISSUES) throw new ReleaseImportError(this.issues);
  }
  throwIfAny(): void {
    if (this.issues.length > 0) throw new ReleaseImportError(this.issues);
  }
}

/** Cells that say "no figure" rather than hold a wrong one: no observation, no error. */
const MISSING_MARKERS = new Set(["", "..", ". .", "...", "-", "–", "—", "n/a", "na", "x", "xxx", "nil", "(x)"]);
export function isMissingMarker(value: string): boolean {
  return MISSING_MARKERS.has(value.trim().toLowerCase());
}

export function flag(estimate: boolean): EstimateFlag {
  return estimate ? "estimate" : "reported";
}

/** Values are kept as the cell holds them, written (as data/ writes them) with up to 10 significant digits; whole numbers whole. */
export function tenDigits(value: number): number {
  return Number.isInteger(value) ? value : Number(value.toPrecision(10));
}
