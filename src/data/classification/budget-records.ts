import type { BudgetLine } from "../../model/classification.ts";
import { DataError } from "../data-error.ts";
import { type AmountText, amountValue, provenDecimal, type Separator, scanAmount } from "./amount.ts";

export interface BudgetReadOptions {
  /** The ally's currency (ISO 4217): lines in another currency are refused. */
  currency: string;
  /** The unit of amounts when the file has no unit column: units, thousands, millions or billions. */
  unit?: string;
  /** A decimal separator to use instead of deciding it from the column. */
  decimal?: Separator;
}

export interface Budget {
  file: string;
  lines: BudgetLine[];
  currency: string;
  /** What the reader did that a person should know (units converted, separators decided). */
  notes: string[];
}

/** A cell as read: text, or a number that a workbook stored as a number (no locale to decide). */
export type RecordCell = string | number;

const REQUIRED = ["id", "name", "amount"] as const;
const OPTIONAL = ["description", "cofog", "ministry", "chapter", "tags", "currency", "unit", "military_share"] as const;
const ALIASES: Record<string, string> = {
  line: "id",
  line_id: "id",
  titel: "id",
  bezeichnung: "name",
  betrag: "amount",
  soll: "amount",
  value: "amount",
  kapitel: "chapter",
  vote: "chapter",
  einheit: "unit",
  währung: "currency",
};

const UNITS: Record<string, number> = {
  "": 1,
  units: 1,
  unit: 1,
  "1": 1,
  thousands: 1e3,
  thousand: 1e3,
  k: 1e3,
  "000": 1e3,
  tsd: 1e3,
  tausend: 1e3,
  millions: 1e6,
  million: 1e6,
  m: 1e6,
  mn: 1e6,
  mio: 1e6,
  billions: 1e9,
  billion: 1e9,
  bn: 1e9,
  mrd: 1e9,
};

export const unitScale = (unit: string): number | undefined => UNITS[unit.trim().toLowerCase().replace(/\.$/, "")];

const header = (h: string) => {
  const k = h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  return ALIASES[k] ?? k;
};

/**
 * Budget lines from a table's rows (row 1 the header), as read from CSV or XLSX. Refuses, naming the
 * file, row and column: missing columns, empty ids or names, amounts that are not amounts, a column
 * that mixes decimal commas and points, lines in another currency or an unknown unit, shares outside
 * 0–1, and duplicate line ids. Amounts are converted to units of the currency (thousands × 1,000).
 */
export function budgetFromRecords(records: readonly (readonly RecordCell[])[], file: string, opts: BudgetReadOptions): Budget {
  const head = (records[0] ?? []).map((h) => header(String(h)));
  for (const col of REQUIRED)
    if (!head.includes(col))
      throw new DataError(file, 1, col, `the column "${col}" is missing (the header has: ${head.join(", ") || "nothing"})`);
  const col = (name: string) => head.indexOf(name);
  const known = new Set<string>([...REQUIRED, ...OPTIONAL]);
  const unknown = head.filter((h) => h && !known.has(h));
  const notes: string[] = [];
  if (unknown.length) notes.push(`Columns not read: ${unknown.join(", ")}.`);
  const defaultScale = unitScale(opts.unit ?? "");
  if (defaultScale === undefined)
    throw new DataError(file, undefined, "unit", `unknown unit "${opts.unit}" (units, thousands, millions, billions)`);

  const body = records
    .slice(1)
    .map((cells, i) => ({ cells, row: i + 2 }))
    .filter(({ cells }) => cells.some((c) => String(c).trim() !== ""));
  if (body.length === 0) throw new DataError(file, 2, undefined, "the file has a header but no budget lines");
  const cell = (cells: readonly RecordCell[], name: string) => {
    const i = col(name);
    return i < 0 ? "" : String(cells[i] ?? "").trim();
  };
  const numberCell = (cells: readonly RecordCell[]) => {
    const v = cells[col("amount")];
    return typeof v === "number" ? v : null;
  };

  // First pass: scan amounts and decide the column's decimal separator from the cells that prove it.
  const scanned: (AmountText | number)[] = [];
  let decimal: Separator | null = opts.decimal ?? null;
  let provenAt: number | null = null;
  for (const { cells, row } of body) {
    const n = numberCell(cells);
    if (n !== null) {
      scanned.push(n);
      continue;
    }
    const a = scanAmount(cell(cells, "amount"));
    if (!a.ok) throw new DataError(file, row, "amount", a.reason);
    scanned.push(a);
    if (opts.decimal) continue;
    const p = provenDecimal(a);
    if (p === "invalid") throw new DataError(file, row, "amount", `"${cell(cells, "amount")}" mixes separators`);
    if (p === null) continue;
    if (decimal && decimal !== p)
      throw new DataError(
        file,
        row,
        "amount",
        `the column mixes decimal ${decimal === "," ? "commas" : "points"} (row ${provenAt}) and decimal ${p === "," ? "commas" : "points"}: use one locale`,
      );
    decimal = p;
    provenAt = row;
  }
  if (!decimal && scanned.some((a) => typeof a !== "number" && a.ok && a.separators.length === 1))
    notes.push('No amount shows its decimal separator: a lone "," or "." before three digits was read as a thousands separator.');
  const decimalFor = (a: { separators: string }): Separator => {
    if (decimal) return decimal;
    // Undecided column: a lone separator is a thousands separator, so the decimal mark is the other one.
    return a.separators.length === 1 ? (a.separators === "." ? "," : ".") : ".";
  };

  const seen = new Map<string, number>();
  const units = new Set<string>();
  const lines = body.map(({ cells, row }, i) => {
    const id = cell(cells, "id");
    if (!id) throw new DataError(file, row, "id", "the line has no id");
    const first = seen.get(id);
    if (first !== undefined) throw new DataError(file, row, "id", `the line id "${id}" is also used in row ${first}`);
    seen.set(id, row);
    const name = cell(cells, "name");
    if (!name) throw new DataError(file, row, "name", "the line has no name");
    const scan = scanned[i] as Extract<AmountText, { ok: true }> | number;
    const value = typeof scan === "number" ? scan : amountValue(scan, decimalFor(scan));
    if (value === null)
      throw new DataError(file, row, "amount", `"${cell(cells, "amount")}" is not an amount with "${decimal ?? "."}" as decimal separator`);
    const currency = cell(cells, "currency").toUpperCase() || (typeof scan === "number" ? null : scan.currency);
    if (currency && currency !== opts.currency && !(currency === "$" && opts.currency.endsWith("D")))
      throw new DataError(
        file,
        row,
        col("currency") >= 0 ? "currency" : "amount",
        `the line is in ${currency}, not in the ally's currency ${opts.currency}`,
      );
    const unitText = cell(cells, "unit");
    const scale = unitText ? unitScale(unitText) : defaultScale;
    if (scale === undefined) throw new DataError(file, row, "unit", `unknown unit "${unitText}" (units, thousands, millions, billions)`);
    units.add(String(scale));
    const shareText = cell(cells, "military_share");
    let militaryShare: number | null = null;
    if (shareText) {
      const pct = shareText.endsWith("%");
      const n = Number(shareText.replace("%", "").replace(",", ".").trim());
      militaryShare = pct ? n / 100 : n;
      if (!Number.isFinite(militaryShare) || militaryShare < 0 || militaryShare > 1)
        throw new DataError(file, row, "military_share", `"${shareText}" is not a share between 0 and 1 (or 0 % and 100 %)`);
    }
    return {
      id,
      name,
      description: cell(cells, "description"),
      amount: value * scale,
      cofog: cell(cells, "cofog"),
      ministry: cell(cells, "ministry"),
      chapter: cell(cells, "chapter"),
      tags: cell(cells, "tags")
        .split(/[;|]/)
        .map((t) => t.trim())
        .filter(Boolean),
      militaryShare,
      row,
    } satisfies BudgetLine;
  });
  if (units.size > 1) notes.push("Lines are in different units; every amount was converted to units of the currency.");
  return { file, lines, currency: opts.currency, notes };
}
