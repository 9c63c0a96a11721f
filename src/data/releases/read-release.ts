/**
 * One entry point for a publisher's file: recognises what it is from its bytes (a workbook's sheets
 * and headers, a text file's header line; never the file's name), streams it through the bounded
 * workbook reader, and returns the release with the file's name and SHA-256, or throws
 * ReleaseImportError listing every problem with file, sheet, row and column.
 */
import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import type { Ally } from "../../model/ally.ts";
import { findIndicator } from "../../model/indicator.ts";
import { observationsFromRecords } from "../observation-files.ts";
import { openWorkbook, WorkbookFormatError, WorkbookLimitError, type WorkbookLimits } from "../workbook/bounded-xlsx.ts";
import { entityNames } from "./entity-names.ts";
import { NATO_SHEETS, readNatoTables } from "./nato-tables.ts";
import { IssueList, type ParsedRelease, type Publisher, ReleaseImportError } from "./release.ts";
import { readSipriWorkbook, SIPRI_SIGNATURE } from "./sipri-workbook.ts";
import { readWeoTable, tsvRows, workbookTable } from "./weo-file.ts";

export interface ReleaseFile {
  /** The file's name, for messages and provenance only. */
  name: string;
  bytes: Uint8Array;
}

export interface ReadReleaseOptions {
  /** What the user says it is; a file that turns out to be something else is refused. */
  source?: Publisher | undefined;
  allies: readonly Pick<Ally, "iso3" | "name">[];
  limits?: Partial<WorkbookLimits>;
}

export interface ReadRelease extends ParsedRelease {
  fileName: string;
  sha256: string;
  bytes: number;
}

/** Text files (CSV, the WEO's tab-separated export) are read whole: this is their limit. */
export const MAX_TEXT_BYTES = 50_000_000;
const MAX_TEXT_LINES = 1_000_000;

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** UTF-8 (with or without BOM) or UTF-16 with its BOM; the IMF's own export may also be Windows-1252. */
function decodeText(file: ReleaseFile, issues: IssueList, allowWindows1252: () => boolean): string {
  const b = file.bytes;
  if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder("utf-16le").decode(b.subarray(2));
  if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder("utf-16be").decode(b.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(b);
  } catch {
    const latin = new TextDecoder("windows-1252").decode(b);
    if (allowWindows1252() && latin.includes("WEO Subject Code")) return latin;
    const bad = firstInvalidUtf8(b);
    const line = bad < 0 ? undefined : latin.slice(0, bad).split("\n").length;
    issues.add({ row: line, reason: `not UTF-8 text (byte 0x${b[bad]?.toString(16) ?? "?"} at offset ${bad}): save the file as UTF-8` });
    issues.throwIfAny();
    return "";
  }
}

function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; i++) {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(b.subarray(0, i + 1), { stream: true });
    } catch {
      return i;
    }
  }
  return -1;
}

export async function readRelease(file: ReleaseFile, opts: ReadReleaseOptions): Promise<ReadRelease> {
  const issues = new IssueList(file.name);
  const names = entityNames(opts.allies);
  const sha256 = createHash("sha256").update(file.bytes).digest("hex");
  const done = (r: ParsedRelease): ReadRelease => {
    if (opts.source && r.publisher !== opts.source)
      issues.add({ reason: `--source ${opts.source} was given, but the file is ${r.layout}` });
    for (const indicator of new Set(r.observations.map((o) => o.indicator)))
      if (!findIndicator(indicator))
        issues.add({
          reason: `${r.layout}: its figures would be "${indicator}", which Pledge's indicator registry does not know (a new price base or unit needs an entry in src/model/indicator.ts first)`,
        });
    if (r.observations.length === 0) issues.add({ reason: `${r.layout}: no figure for an ally or country Pledge tracks was found` });
    issues.throwIfAny();
    return { ...r, fileName: file.name, sha256, bytes: file.bytes.length };
  };
  if (file.bytes.length === 0) {
    issues.add({ reason: "the file is empty (0 bytes)" });
    issues.throwIfAny();
  }
  if (isZip(file.bytes)) {
    try {
      const wb = await openWorkbook(file.bytes, opts.limits);
      const sheetNames = wb.sheets.map((s) => s.name);
      if (NATO_SHEETS.some((s) => sheetNames.includes(s))) return done(await readNatoTables(wb, names, issues));
      if (SIPRI_SIGNATURE.every((s) => sheetNames.includes(s))) return done(await readSipriWorkbook(wb, names, issues));
      const weo = await readWeoTable(workbookTable(wb), names, new IssueList(file.name)).catch(() => undefined);
      if (weo && weo.observations.length > 0) return done(await readWeoTable(workbookTable(wb), names, issues));
      issues.add({
        reason: `not a known release workbook: expected NATO's tables (sheets ${NATO_SHEETS.join(", ")}), SIPRI's workbook (sheets ${SIPRI_SIGNATURE.join(", ")}) or the IMF's WEO export (a header with WEO Subject Code); found sheets ${sheetNames.map((s) => `"${s}"`).join(", ")}`,
      });
      issues.throwIfAny();
    } catch (e) {
      if (e instanceof ReleaseImportError) throw e;
      if (e instanceof WorkbookLimitError || e instanceof WorkbookFormatError) {
        issues.add({ reason: e.message });
        throw new ReleaseImportError(issues.issues, e instanceof WorkbookLimitError);
      }
      throw e;
    }
  }
  if (file.bytes.length > MAX_TEXT_BYTES) {
    issues.add({
      reason: `the file is ${file.bytes.length.toLocaleString("en-US")} bytes, above the limit of ${MAX_TEXT_BYTES.toLocaleString("en-US")} for text files`,
    });
    issues.throwIfAny();
  }
  if (file.bytes.subarray(0, 512).some((b) => b === 0 || (b < 9 && b > 0)) && !(file.bytes[0] === 0xff || file.bytes[0] === 0xfe)) {
    issues.add({ reason: "not a workbook (.xlsx) nor text (CSV or tab-separated): the file holds binary data" });
    issues.throwIfAny();
  }
  const text = decodeText(file, issues, () => true);
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  if (firstLine.includes("\t") || text.slice(0, 4000).includes("WEO Subject Code")) {
    try {
      return done(await readWeoTable({ rows: tsvRows(text, MAX_TEXT_LINES) }, names, issues));
    } catch (e) {
      if (e instanceof ReleaseImportError) throw e;
      issues.add({ reason: (e as Error).message });
      throw new ReleaseImportError(issues.issues);
    }
  }
  if (firstLine.startsWith("ally_iso3,")) return done(readLongCsv(text, opts, issues));
  issues.add({
    row: 1,
    reason: `not a known release: expected a workbook (.xlsx), the IMF's tab-separated WEO export or Pledge's long CSV (header "ally_iso3,country,year,…"); found "${firstLine.slice(0, 120)}"`,
  });
  throw new ReleaseImportError(issues.issues);
}

/** Pledge's own long CSV (data/'s 11 columns): validated by the same rules as data/. */
function readLongCsv(text: string, opts: ReadReleaseOptions, issues: IssueList): ParsedRelease {
  if (!opts.source) {
    issues.add({ reason: "a long CSV does not say whose figures it holds: give --source nato, sipri or weo" });
    issues.throwIfAny();
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (e) {
    const err = e as { lines?: number; message: string };
    issues.add({ row: err.lines, reason: `malformed CSV: ${err.message}` });
    throw new ReleaseImportError(issues.issues);
  }
  const publisher = opts.source as Publisher;
  const known = new Set(opts.allies.map((a) => a.iso3));
  const parsed = observationsFromRecords(records, { id: "import", series: publisher }, known, 200);
  for (const i of parsed.issues) issues.add({ row: i.row, column: i.column || undefined, reason: i.reason });
  return {
    publisher,
    layout: "Pledge long CSV",
    observations: parsed.observations.map(({ vintageId: _v, ...o }) => o),
    priceBaseYear: null,
    skippedCountries: 0,
    title: null,
  };
}
