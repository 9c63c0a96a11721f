/**
 * NATO's "Defence Expenditure of NATO Countries" tables in Excel → observations. The layout is
 * recognised from the sheet names and the tables' titles; each block of a table (a heading such as
 * "Current prices") maps to one indicator. Every figure keeps its sheet, heading and row label.
 *
 * Known layouts: the June 2024 TABLES workbook (sheets TABLE1…TABLE8b, "Table N : Defence expenditure…",
 * 2015 prices), and as far as data/PROVENANCE.md knows it the 2026 edition (tables headed "Core
 * defence expenditure", 2021 prices; its sheets have not been seen, so the same TABLEn structure is
 * assumed and any difference is reported, never guessed).
 */
import type { BoundedWorkbook, WorkbookCell, WorkbookRow } from "../workbook/bounded-xlsx.ts";
import type { EntityNames } from "./entity-names.ts";
import { flag, type IssueList, isMissingMarker, type ParsedRelease, type ReleaseObservation, tenDigits } from "./release.ts";

interface BlockSpec {
  heading: RegExp;
  indicator: string;
  unit: (base: number, currency: string | undefined) => string;
  /** Row labels carry the currency in parentheses ("Albania   (Leks)"). */
  currencyInLabel?: boolean;
}

interface TableSpec {
  sheet: string;
  /** The title cell's text, e.g. "Table 1 : Defence expenditure". */
  title: RegExp;
  blocks: BlockSpec[];
}

const CURRENT = /^current prices$/i;
const CONSTANT = /^constant (\d{4}) prices$/i;
const CURRENT_X = /^current prices and exchange rates$/i;
const CONSTANT_X = /^constant (\d{4}) prices and exchange rates$/i;
const usdConst = (b: number) => `million US dollars, constant ${b} prices and exchange rates`;

/** What a table of defence expenditure is called in a layout: "Defence expenditure" (2024) or "Core defence expenditure" (2026). */
function tables(defence: string): TableSpec[] {
  return [
    {
      sheet: "TABLE1",
      title: new RegExp(`^Table 1\\s*:\\s*${defence}$`, "i"),
      blocks: [
        { heading: CURRENT, indicator: "defexp_nc_current", unit: (_b, c) => `million ${c}, current prices`, currencyInLabel: true },
        { heading: CONSTANT, indicator: "defexp_nc_const", unit: (b, c) => `million ${c}, constant ${b} prices`, currencyInLabel: true },
      ],
    },
    {
      sheet: "TABLE2",
      title: new RegExp(`^Table 2\\s*:\\s*${defence}$`, "i"),
      blocks: [
        { heading: CURRENT_X, indicator: "defexp_usd_current", unit: () => "million US dollars, current prices and exchange rates" },
        { heading: CONSTANT_X, indicator: "defexp_usd_const", unit: usdConst },
      ],
    },
    {
      sheet: "TABLE3",
      title: new RegExp(`^Table 3\\s*:\\s*${defence} as a share of GDP and annual real change$`, "i"),
      blocks: [
        {
          heading: /^share of real GDP \(%\)$/i,
          indicator: "defexp_share_gdp_pct",
          unit: (b) => `percent of real GDP (based on ${b} prices)`,
        },
        {
          heading: /^annual real change \(%\)$/i,
          indicator: "defexp_real_change_pct",
          unit: (b) => `percent, annual real change (based on ${b} prices)`,
        },
      ],
    },
    {
      sheet: "TABLE5",
      title: /^Table 5\s*:\s*GDP$/i,
      blocks: [
        { heading: CURRENT_X, indicator: "gdp_usd_current", unit: () => "million US dollars, current prices and exchange rates" },
        { heading: CONSTANT_X, indicator: "gdp_usd_const", unit: usdConst },
      ],
    },
    {
      sheet: "TABLE6",
      title: new RegExp(`^Table 6\\s*:\\s*GDP per capita and ${defence} per capita$`, "i"),
      blocks: [
        {
          heading: /^GDP per capita \(thousand US dollars\)$/i,
          indicator: "gdp_per_capita_const_kusd",
          unit: (b) => `thousand US dollars per capita, ${b} prices and exchange rates`,
        },
        {
          heading: new RegExp(`^${defence} per capita \\(US dollars\\)$`, "i"),
          indicator: "defexp_per_capita_const_usd",
          unit: (b) => `US dollars per capita, ${b} prices and exchange rates`,
        },
      ],
    },
    {
      sheet: "TABLE7",
      title: /^Table 7\s*:\s*Military personnel$/i,
      blocks: [{ heading: /^thousands$/i, indicator: "military_personnel_thousands", unit: () => "thousands of military personnel" }],
    },
    {
      sheet: "TABLE8a",
      title: new RegExp(`^Table 8a\\s*:\\s*Distribution of ${defence} by main category$`, "i"),
      blocks: [
        {
          heading: /^equipment \(a\)$/i,
          indicator: "equipment_share_pct",
          unit: () => "percent of total defence expenditure (equipment incl. major-equipment R&D)",
        },
        {
          heading: /^personnel \(b\)$/i,
          indicator: "personnel_share_pct",
          unit: () => "percent of total defence expenditure (personnel incl. pensions)",
        },
      ],
    },
    {
      sheet: "TABLE8b",
      title: new RegExp(`^Table 8b\\s*:\\s*Distribution of ${defence} by main category$`, "i"),
      blocks: [
        {
          heading: /^infrastructure \(c\)$/i,
          indicator: "infrastructure_share_pct",
          unit: () => "percent of total defence expenditure (infrastructure incl. NATO common infrastructure)",
        },
        {
          heading: /^other \(d\)$/i,
          indicator: "other_share_pct",
          unit: () => "percent of total defence expenditure (operations & maintenance, other R&D, other)",
        },
      ],
    },
  ];
}

interface Layout {
  name: string;
  tables: TableSpec[];
}

/** The layouts known, newest first. */
export const NATO_LAYOUTS: readonly Layout[] = [
  { name: "NATO tables workbook, 2026 layout (core defence expenditure)", tables: tables("Core defence expenditure") },
  { name: "NATO tables workbook, 2024 layout", tables: tables("Defence expenditure") },
];

/** Sheet names every known NATO layout has: enough to say "this is NATO's workbook". */
export const NATO_SHEETS = ["TABLE1", "TABLE2", "TABLE3", "TABLE5", "TABLE6", "TABLE7", "TABLE8a", "TABLE8b"];

const text = (c: WorkbookCell | undefined) => (typeof c?.value === "string" ? c.value.trim() : "");
const YEAR = /^(\d{4})(e?)$/;

function yearOf(cell: WorkbookCell): { year: number; estimate: boolean } | undefined {
  const m = YEAR.exec(typeof cell.value === "number" ? String(cell.value) : typeof cell.value === "string" ? cell.value.trim() : "");
  return m ? { year: Number(m[1]), estimate: m[2] === "e" } : undefined;
}

/** The first text cell of a row and whether any cell holds a number. */
function rowShape(r: WorkbookRow) {
  const label = r.cells.find((c) => typeof c.value === "string" && c.value.trim() !== "");
  return { label, hasNumber: r.cells.some((c) => typeof c.value === "number") };
}

/** Reads the title of each NATO table (the first non-empty text of the sheet). */
async function titleOf(wb: BoundedWorkbook, sheet: string): Promise<{ text: string; row: number } | undefined> {
  const s = wb.sheet(sheet);
  if (!s) return undefined;
  for await (const r of s.rows()) {
    const t = text(rowShape(r).label);
    if (t) return { text: t, row: r.row };
    if (r.row > 40) break;
  }
  return undefined;
}

/** Finds the layout from sheet names and titles, or throws saying what was expected and what was found. */
export async function detectNatoLayout(wb: BoundedWorkbook, issues: IssueList): Promise<Layout> {
  const missing = NATO_SHEETS.filter((s) => !wb.sheet(s));
  if (missing.length > 0) {
    issues.add({
      reason: `not a NATO tables workbook of a known layout: expected sheets ${NATO_SHEETS.join(", ")}; missing ${missing.join(", ")}; found ${wb.sheets.map((s) => s.name).join(", ")}`,
    });
    issues.throwIfAny();
  }
  const title1 = await titleOf(wb, "TABLE1");
  const layout = NATO_LAYOUTS.find((l) => l.tables[0]?.title.test(title1?.text ?? ""));
  if (!layout) {
    issues.add({
      sheet: "TABLE1",
      row: title1?.row,
      reason: `unknown NATO layout: expected the title "Table 1 : Defence expenditure" (2024) or "Table 1 : Core defence expenditure" (2026); found "${title1?.text ?? "(no title)"}"`,
    });
    issues.throwIfAny();
  }
  return layout as Layout;
}

/** Reads every table of a NATO workbook; problems go to `issues` (the caller throws if there are any). */
export async function readNatoTables(wb: BoundedWorkbook, names: EntityNames, issues: IssueList): Promise<ParsedRelease> {
  const layout = await detectNatoLayout(wb, issues);
  const observations: ReleaseObservation[] = [];
  let base: number | null = null;
  let title: string | null = null;
  for (const table of layout.tables) {
    const sheet = wb.sheet(table.sheet);
    if (!sheet) continue;
    const t = await titleOf(wb, table.sheet);
    if (!t || !table.title.test(t.text)) {
      issues.add({
        sheet: table.sheet,
        row: t?.row,
        reason: `expected the title ${table.title.source.replace(/\\s\*|\\|\^|\$/g, " ").trim()}; found "${t?.text ?? "(none)"}"`,
      });
      continue;
    }
    title ??= t.text;
    let years: Map<number, { year: number; estimate: boolean }> | undefined;
    let block: { spec: BlockSpec; heading: string; base: number } | undefined;
    let subtitleBase: number | undefined;
    let lastHeading = "";
    const seen = new Set<string>();
    const blocksSeen = new Set<string>();
    for await (const r of sheet.rows()) {
      if (r.row <= t.row) continue;
      const { label, hasNumber } = rowShape(r);
      const labelText = text(label);
      if (/^notes?\b/i.test(labelText)) break;
      if (!years) {
        const ys = r.cells
          .map((c) => [c.column, yearOf(c)] as const)
          .filter((x): x is [number, { year: number; estimate: boolean }] => !!x[1]);
        if (ys.length >= 3) {
          years = new Map(ys);
          continue;
        }
        if (labelText) {
          lastHeading = labelText;
          const b = /(\d{4}) prices/.exec(labelText);
          if (b) subtitleBase = Number(b[1]);
        }
        continue;
      }
      if (!label) continue;
      // A heading ("Current prices") holds no figure and names no ally; an ally's row of ".." is still a row.
      if (!hasNumber && names(labelText) === undefined) {
        lastHeading = labelText;
        block = undefined;
        continue;
      }
      if (!block) {
        const heading = lastHeading;
        const spec = table.blocks.find((b) => b.heading.test(heading));
        if (!spec) {
          issues.add({
            sheet: table.sheet,
            row: r.row,
            column: label.address.replace(/\d+$/, ""),
            reason: `unknown block heading "${heading}": expected one of ${table.blocks.map((b) => `"${b.heading.source.replace(/[\\^$]/g, "")}"`).join(", ")}`,
          });
          break;
        }
        const b = /(\d{4})/.exec(heading);
        const blockBase: number = b && /constant/i.test(heading) ? Number(b[1]) : (subtitleBase ?? base ?? 0);
        if (/constant/i.test(heading)) base ??= blockBase;
        block = { spec, heading, base: blockBase };
        blocksSeen.add(spec.indicator);
      }
      const entity = names(labelText);
      const column = label.address.replace(/\d+$/, "");
      if (!entity) {
        issues.add({ sheet: table.sheet, row: r.row, column, reason: `unknown ally or aggregate "${labelText}"` });
        continue;
      }
      const key = `${block.spec.indicator}|${entity}`;
      if (seen.has(key)) {
        issues.add({
          sheet: table.sheet,
          row: r.row,
          column,
          reason: `duplicate row: "${labelText}" appears twice under "${block.heading}"`,
        });
        continue;
      }
      seen.add(key);
      const currency = block.spec.currencyInLabel ? /\(([^)]*)\)\s*$/.exec(label.value as string)?.[1]?.trim() : undefined;
      if (block.spec.currencyInLabel && !currency) {
        issues.add({
          sheet: table.sheet,
          row: r.row,
          column,
          reason: `expected the currency in parentheses after the ally's name; found "${labelText}"`,
        });
        continue;
      }
      const firstYearColumn = Math.min(...years.keys());
      for (const c of r.cells) {
        const y = years.get(c.column);
        if (!y && typeof c.value === "number" && c.column >= firstYearColumn && c.column <= Math.max(...years.keys()) + 1)
          issues.add({
            sheet: table.sheet,
            row: r.row,
            column: c.address.replace(/\d+$/, ""),
            reason: "a figure with no year in the header row above it (is the header shifted?)",
          });
        if (!y || c === label) continue;
        if (c.error) issues.add({ sheet: table.sheet, row: r.row, column: c.address.replace(/\d+$/, ""), reason: c.error });
        else if (typeof c.value === "string" && !isMissingMarker(c.value))
          issues.add({
            sheet: table.sheet,
            row: r.row,
            column: c.address.replace(/\d+$/, ""),
            reason: `"${c.value}" is not a number (${y.year})`,
          });
        if (typeof c.value !== "number") continue;
        observations.push({
          entity,
          year: y.year,
          indicator: block.spec.indicator,
          value: tenDigits(c.value),
          estimate: flag(y.estimate),
          sourceUnit: block.spec.unit(block.base, currency),
          sourceTable: `${table.sheet}: ${block.heading}`,
          sourceLabel: label.value as string,
          citation: "",
        });
      }
    }
    if (!years) issues.add({ sheet: table.sheet, reason: "no header row of years (2014, 2015, …, 2024e) found" });
    for (const b of table.blocks)
      if (years && !blocksSeen.has(b.indicator))
        issues.add({ sheet: table.sheet, reason: `expected a block headed "${b.heading.source.replace(/[\\^$]/g, "")}"; not found` });
  }
  const years = observations.map((o) => o.year);
  const span = years.length ? `${years.reduce((a, b) => Math.min(a, b))}-${years.reduce((a, b) => Math.max(a, b))}` : "";
  return {
    publisher: "nato",
    layout: layout.name,
    observations,
    priceBaseYear: base,
    skippedCountries: 0,
    title: title ? `NATO, Defence Expenditure of NATO Countries (${span})` : null,
  };
}
