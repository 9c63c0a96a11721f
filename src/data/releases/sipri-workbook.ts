/**
 * SIPRI's Military Expenditure Database workbook (`SIPRI-Milex-data-1949-YYYY*.xlsx`) → observations.
 * Recognised by its sheets and their titles, never by the file's name (SIPRI renames it at each
 * revision). Blue figures are SIPRI estimates, red ones highly uncertain (the colour of the text);
 * footnote markers (†‡§¶‖ and numbers) are kept in the row label; shares are stored as fractions and
 * written as percentages. Countries Pledge does not track are counted and skipped.
 */
import type { BoundedWorkbook, WorkbookCell, WorkbookRow } from "../workbook/bounded-xlsx.ts";
import type { EntityNames } from "./entity-names.ts";
import { type IssueList, isMissingMarker, type ParsedRelease, type ReleaseObservation, tenDigits } from "./release.ts";

interface SheetSpec {
  sheet: string | RegExp;
  /** Text the sheet's title lines must hold: the unit and price basis it states. */
  states: RegExp;
  indicator: (base: number) => string;
  unit: (currency: string) => string;
  /** The sheet stores fractions: written ×100. */
  percent?: boolean;
}

export const SIPRI_SHEETS: readonly SheetSpec[] = [
  {
    sheet: /^Constant \((\d{4})\) US\$$/,
    states: /US \$m\., at constant (\d{4}) prices and exchange rates/i,
    indicator: (b) => `milex_usd_const${b}`,
    unit: () => "",
  },
  { sheet: "Current US$", states: /US \$m\., in current prices/i, indicator: () => "milex_usd_current", unit: () => "" },
  {
    sheet: "Share of GDP",
    states: /percentage of gross domestic product/i,
    indicator: () => "milex_share_gdp_pct",
    unit: () => "",
    percent: true,
  },
  { sheet: "Per capita", states: /current US\$/i, indicator: () => "milex_per_capita_usd_current", unit: () => "" },
  {
    sheet: "Local currency calendar years",
    states: /local currency at current prices and are for calendar years/i,
    indicator: () => "milex_lcu_current",
    unit: (c) => `local currency units (not millions), current prices, calendar years; currency: ${c}`,
  },
  {
    sheet: "Share of Govt. spending",
    states: /percentage of government spending/i,
    indicator: () => "milex_share_govt_spending_pct",
    unit: () => "",
    percent: true,
  },
];

const UNITS: Readonly<Record<string, (base: number) => string>> = {
  milex_usd_current: () => "million US dollars, current prices and exchange rates",
  milex_share_gdp_pct: () => "percent of GDP (source stores a fraction; multiplied by 100)",
  milex_per_capita_usd_current: () => "current US dollars per capita",
  milex_share_govt_spending_pct: () => "percent of general government expenditure (source stores a fraction; multiplied by 100)",
};

/** SIPRI's sheet names that say "this is SIPRI's workbook". */
export const SIPRI_SIGNATURE = ["Current US$", "Share of GDP", "Regional totals"];

/** Blue text: a SIPRI estimate; red: highly uncertain. Legacy palette 12/10 or an RGB colour. */
export function sipriFlag(font: string | null): ReleaseObservation["estimate"] {
  if (!font) return "reported";
  if (font === "indexed:12") return "estimate";
  if (font === "indexed:10") return "uncertain";
  const rgb = /^(?:[0-9A-F]{2})?([0-9A-F]{2})([0-9A-F]{2})([0-9A-F]{2})$/i.exec(font);
  if (rgb) {
    const [r, g, b] = [rgb[1], rgb[2], rgb[3]].map((h) => Number.parseInt(h as string, 16)) as [number, number, number];
    if (b >= 0x99 && r < 0x66 && g < 0x99) return "estimate";
    if (r >= 0x99 && g < 0x66 && b < 0x66) return "uncertain";
  }
  return "reported";
}

const col = (c: WorkbookCell) => c.address.replace(/\d+$/, "");
const str = (c: WorkbookCell | undefined) => (typeof c?.value === "string" ? c.value : "");

interface Header {
  row: number;
  years: Map<number, number>;
  country: number;
  notes?: number;
  currency?: number;
}

function headerOf(r: WorkbookRow, first: string): Header | undefined {
  const lead = r.cells.find((c) => str(c).trim() !== "");
  if (str(lead).trim() !== first) return undefined;
  const years = new Map<number, number>();
  let notes: number | undefined;
  let currency: number | undefined;
  for (const c of r.cells) {
    if (typeof c.value === "number" && Number.isInteger(c.value) && c.value >= 1900 && c.value <= 2100) years.set(c.column, c.value);
    else if (str(c).trim() === "Notes") notes = c.column;
    else if (str(c).trim() === "Currency") currency = c.column;
  }
  return years.size >= 3 ? { row: r.row, years, country: (lead as WorkbookCell).column, notes, currency } : undefined;
}

/** Reads every sheet Pledge uses from SIPRI's workbook; problems go to `issues`. */
export async function readSipriWorkbook(wb: BoundedWorkbook, names: EntityNames, issues: IssueList): Promise<ParsedRelease> {
  const observations: ReleaseObservation[] = [];
  const skipped = new Set<string>();
  let base: number | null = null;
  let title: string | null = null;
  for (const spec of SIPRI_SHEETS) {
    const sheet = wb.sheets.find((s) => (typeof spec.sheet === "string" ? s.name === spec.sheet : spec.sheet.test(s.name)));
    if (!sheet) {
      issues.add({
        reason: `SIPRI workbook without the sheet ${typeof spec.sheet === "string" ? `"${spec.sheet}"` : "Constant (YYYY) US$"}; found ${wb.sheets.map((s) => `"${s.name}"`).join(", ")}`,
      });
      continue;
    }
    const sheetBase = typeof spec.sheet === "string" ? null : Number(spec.sheet.exec(sheet.name)?.[1]);
    let header: Header | undefined;
    let stated = "";
    const seen = new Set<string>();
    for await (const r of sheet.rows()) {
      if (!header) {
        header = headerOf(r, "Country");
        if (!header) stated += ` ${r.cells.map(str).join(" ")}`;
        else {
          const m = spec.states.exec(stated);
          title ??= stated.trim().split(/\s{2,}/)[0] ?? null;
          if (!m)
            issues.add({
              sheet: sheet.name,
              row: r.row,
              reason: `unit or price basis not as expected: the sheet's heading should say /${spec.states.source}/; found "${stated.trim().slice(0, 200)}"`,
            });
          else if (sheetBase !== null && Number(m[1]) !== sheetBase)
            issues.add({
              sheet: sheet.name,
              reason: `price base mismatch: the sheet is named for ${sheetBase} prices but its heading says ${m[1]}`,
            });
          if (sheetBase !== null) base = sheetBase;
        }
        if (r.row > 30 && !header) break;
        continue;
      }
      const label = r.cells.find((c) => c.column === header?.country);
      const name = str(label).trim();
      if (!label || !name) continue;
      const figures = r.cells.filter((c) => header?.years.has(c.column));
      if (figures.length === 0) continue; // a region or sub-region heading
      const entity = names(name);
      if (!entity) {
        skipped.add(name);
        continue;
      }
      if (seen.has(entity)) {
        issues.add({ sheet: sheet.name, row: r.row, column: col(label), reason: `duplicate row: "${name}" appears twice` });
        continue;
      }
      seen.add(entity);
      const notes = str(r.cells.find((c) => c.column === header?.notes)).trim();
      const currency = str(r.cells.find((c) => c.column === header?.currency));
      const indicator = spec.indicator(sheetBase ?? 0);
      const unit =
        spec.unit(currency) || UNITS[indicator]?.(sheetBase ?? 0) || `million US dollars, constant ${sheetBase} prices and exchange rates`;
      // A figure with no year above it: the header row and the data do not line up (a shifted header).
      const descriptors = new Set([header.country, header.notes, header.currency]);
      for (const c of r.cells)
        if (typeof c.value === "number" && c.column > header.country && !descriptors.has(c.column) && !header.years.has(c.column))
          issues.add({
            sheet: sheet.name,
            row: r.row,
            column: col(c),
            reason: `a figure with no year in the header row ${header.row} above it (is the header shifted?)`,
          });
      for (const c of figures) {
        const year = header.years.get(c.column) as number;
        if (c.error) issues.add({ sheet: sheet.name, row: r.row, column: col(c), reason: c.error });
        else if (typeof c.value === "string" && !isMissingMarker(c.value))
          issues.add({ sheet: sheet.name, row: r.row, column: col(c), reason: `"${c.value}" is not a number (${name}, ${year})` });
        if (typeof c.value !== "number") continue;
        observations.push({
          entity,
          year,
          indicator,
          value: tenDigits(spec.percent ? c.value * 100 : c.value),
          estimate: sipriFlag(c.font),
          sourceUnit: unit,
          sourceTable: sheet.name,
          sourceLabel: notes ? `${name} [notes: ${notes}]` : name,
          citation: "",
        });
      }
    }
    if (!header) issues.add({ sheet: sheet.name, reason: 'no header row starting "Country" followed by years found in the first 30 rows' });
  }
  await readWorldTotals(wb, observations, issues, base);
  return {
    publisher: "sipri",
    layout: "SIPRI Military Expenditure Database workbook",
    observations,
    priceBaseYear: base,
    skippedCountries: skipped.size,
    title,
  };
}

/** The World row of "Regional totals": constant US$ bn by year, and the last year again in current prices. */
async function readWorldTotals(wb: BoundedWorkbook, out: ReleaseObservation[], issues: IssueList, base: number | null): Promise<void> {
  const sheet = wb.sheet("Regional totals");
  if (!sheet) {
    issues.add({ reason: 'SIPRI workbook without the sheet "Regional totals"' });
    return;
  }
  let header: Header | undefined;
  let current: { column: number; year: number } | undefined;
  for await (const r of sheet.rows()) {
    if (!header) {
      header = headerOf(r, "Region");
      const cur = r.cells.find((c) => /^\d{4} \(current prices\)$/.test(str(c).trim()));
      if (header && cur) current = { column: cur.column, year: Number(str(cur).slice(0, 4)) };
      continue;
    }
    if (str(r.cells[0]).trim() !== "World") continue;
    for (const c of r.cells) {
      if (typeof c.value !== "number") continue;
      const year = header.years.get(c.column);
      if (year !== undefined)
        out.push({
          entity: "WLD",
          year,
          indicator: `milex_usd_const${base}_bn`,
          value: tenDigits(c.value),
          estimate: sipriFlag(c.font),
          sourceUnit: `billion US dollars, constant ${base} prices and exchange rates`,
          sourceTable: "Regional totals",
          sourceLabel: "World",
          citation: "",
        });
      else if (current && c.column === current.column)
        out.push({
          entity: "WLD",
          year: current.year,
          indicator: "milex_usd_current_bn",
          value: tenDigits(c.value),
          estimate: sipriFlag(c.font),
          sourceUnit: `billion US dollars, ${current.year} prices and exchange rates`,
          sourceTable: "Regional totals",
          sourceLabel: `World, ${current.year} (current prices)`,
          citation: "",
        });
    }
    return;
  }
  issues.add({ sheet: "Regional totals", reason: 'no "World" row found' });
}
