/**
 * The IMF's World Economic Outlook as the IMF exports it: one row per country and subject (WEO
 * Subject Code) with a column per year, as tab-separated text (the "entire dataset" .xls, which is
 * text) or as a workbook. The subjects Pledge uses map to its indicators; the "Estimates Start After"
 * column flags later years as IMF estimates and projections. Countries Pledge does not track are skipped.
 */
import type { BoundedWorkbook } from "../workbook/bounded-xlsx.ts";
import type { EntityNames } from "./entity-names.ts";
import { type IssueList, isMissingMarker, type ParsedRelease, type ReleaseObservation, tenDigits } from "./release.ts";

interface Subject {
  indicator: string;
  unit: string;
  /** The "Scale" the IMF states for it (a mismatch is a unit error, not a conversion). */
  scale?: "Billions" | "Millions";
}

export const WEO_SUBJECTS: Readonly<Record<string, Subject>> = {
  NGDP: { indicator: "gdp_nc_current_bn", unit: "billion national currency, current prices (WEO NGDP)", scale: "Billions" },
  NGDPD: { indicator: "gdp_usd_current_bn", unit: "billion US dollars, current prices (WEO NGDPD)", scale: "Billions" },
  NGDP_R: {
    indicator: "gdp_nc_const_bn",
    unit: "billion national currency, constant prices (WEO NGDP_R; base year varies by country)",
    scale: "Billions",
  },
  NGDP_RPCH: { indicator: "gdp_real_growth_pct", unit: "percent change, GDP at constant prices (WEO NGDP_RPCH)" },
  NGDP_D: { indicator: "gdp_deflator_index", unit: "index, GDP price deflator (WEO NGDP_D; base year varies by country)" },
  NGDPDPC: { indicator: "gdp_per_capita_usd_current", unit: "US dollars per person, current prices (WEO NGDPDPC)" },
  PCPIPCH: { indicator: "cpi_inflation_avg_pct", unit: "percent change, CPI period average (WEO PCPIPCH)" },
  PCPI: { indicator: "cpi_index_avg", unit: "index, CPI period average (WEO PCPI)" },
  LP: { indicator: "population_mn", unit: "millions of persons (WEO LP)", scale: "Millions" },
  PPPGDP: { indicator: "gdp_ppp_intl_usd_bn", unit: "billion PPP international dollars, current prices (WEO PPPGDP)", scale: "Billions" },
  PPPEX: { indicator: "ppp_conversion_rate", unit: "national currency per international dollar (WEO PPPEX)" },
  GGX_NGDP: { indicator: "gg_expenditure_pct_gdp", unit: "percent of GDP, general government expenditure (WEO GGX_NGDP)" },
  GGXCNL_NGDP: { indicator: "gg_net_lending_pct_gdp", unit: "percent of GDP, general government net lending/borrowing (WEO GGXCNL_NGDP)" },
  GGXWDG_NGDP: { indicator: "gg_gross_debt_pct_gdp", unit: "percent of GDP, general government gross debt (WEO GGXWDG_NGDP)" },
};

/** The header cells that identify the IMF's export. */
export const WEO_HEADER = ["ISO", "WEO Subject Code", "Country"];

/** One table of text cells, with where each row came from. */
export interface TextTable {
  sheet?: string;
  rows: AsyncIterable<{ row: number; cells: string[] }> | Iterable<{ row: number; cells: string[] }>;
}

const letters = (i: number) => {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** Reads the IMF's WEO table (from text or a workbook's first sheet); problems go to `issues`. */
export async function readWeoTable(table: TextTable, names: EntityNames, issues: IssueList): Promise<ParsedRelease> {
  const observations: ReleaseObservation[] = [];
  const skipped = new Set<string>();
  let header: { iso: number; subject: number; country: number; scale: number; years: Map<number, number>; after: number } | undefined;
  const seen = new Set<string>();
  const where = (row: number, i?: number, name?: string) => ({
    sheet: table.sheet,
    row,
    column: i === undefined ? undefined : table.sheet ? letters(i) : (name ?? `field ${i + 1}`),
  });
  for await (const { row, cells } of table.rows) {
    if (!header) {
      const at = (name: string) => cells.findIndex((c) => c.trim() === name);
      if (at("WEO Subject Code") < 0) {
        if (row >= 5) {
          issues.add({
            ...where(row),
            reason: `not the IMF's WEO export: expected a header row with ${WEO_HEADER.join(", ")} and years; found "${cells.slice(0, 6).join(" | ")}"`,
          });
          issues.throwIfAny();
        }
        continue;
      }
      const years = new Map<number, number>();
      cells.forEach((c, i) => {
        if (/^\d{4}$/.test(c.trim())) years.set(i, Number(c.trim()));
      });
      const missing = WEO_HEADER.filter((h) => at(h) < 0);
      if (missing.length || years.size === 0) {
        issues.add({ ...where(row), reason: `the WEO header lacks ${[...missing, ...(years.size ? [] : ["year columns"])].join(", ")}` });
        issues.throwIfAny();
      }
      header = {
        iso: at("ISO"),
        subject: at("WEO Subject Code"),
        country: at("Country"),
        scale: at("Scale"),
        years,
        after: at("Estimates Start After"),
      };
      continue;
    }
    const code = (cells[header.subject] ?? "").trim();
    const subject = WEO_SUBJECTS[code];
    if (!subject) continue;
    const country = (cells[header.country] ?? "").trim();
    const entity = names(country) ?? names((cells[header.iso] ?? "").trim());
    if (!entity) {
      if (country) skipped.add(country);
      continue;
    }
    const key = `${entity}|${code}`;
    if (seen.has(key)) {
      issues.add({ ...where(row, header.subject, "WEO Subject Code"), reason: `duplicate row: ${country} ${code} appears twice` });
      continue;
    }
    seen.add(key);
    const scale = header.scale >= 0 ? (cells[header.scale] ?? "").trim() : "";
    if (subject.scale && scale && scale !== subject.scale)
      issues.add({
        ...where(row, header.scale, "Scale"),
        reason: `unit mismatch: ${code} should be in ${subject.scale}; the file says "${scale}"`,
      });
    const afterText = header.after >= 0 ? (cells[header.after] ?? "").trim() : "";
    const after = /^\d{4}$/.test(afterText) ? Number(afterText) : undefined;
    for (const [i, year] of header.years) {
      const raw = (cells[i] ?? "").trim();
      if (isMissingMarker(raw) || raw === "--") continue;
      const value = Number(raw.replace(/,/g, ""));
      if (!/^-?[\d,]*\.?\d+(e[-+]?\d+)?$/i.test(raw) || !Number.isFinite(value)) {
        issues.add({ ...where(row, i, String(year)), reason: `"${raw}" is not a number (${country}, ${code}, ${year})` });
        continue;
      }
      observations.push({
        entity,
        year,
        indicator: subject.indicator,
        value: tenDigits(value),
        estimate: after === undefined ? "not_flagged" : year > after ? "estimate" : "reported",
        sourceUnit: subject.unit,
        sourceTable: code,
        sourceLabel: country,
        citation: "",
      });
    }
  }
  if (!header) issues.add({ sheet: table.sheet, reason: `not the IMF's WEO export: no header row with ${WEO_HEADER.join(", ")}` });
  return {
    publisher: "imf",
    layout: table.sheet ? "IMF WEO export (workbook)" : "IMF WEO export (tab-separated text)",
    observations,
    priceBaseYear: null,
    skippedCountries: skipped.size,
    title: null,
  };
}

/** The first sheet of a workbook as text rows. */
export function workbookTable(wb: BoundedWorkbook): TextTable {
  const sheet = wb.sheets[0];
  async function* rows() {
    if (!sheet) return;
    for await (const r of sheet.rows()) {
      const cells: string[] = [];
      for (const c of r.cells) cells[c.column - 1] = c.value === null ? "" : String(c.value);
      yield { row: r.row, cells: Array.from(cells, (c) => c ?? "") };
    }
  }
  return { sheet: sheet?.name, rows: rows() };
}

/** Tab-separated text as rows (the IMF's export has no quoting). */
export function* tsvRows(text: string, maxRows: number): Iterable<{ row: number; cells: string[] }> {
  let row = 0;
  for (const line of text.split(/\r?\n/)) {
    row++;
    if (row > maxRows) throw new Error(`more than ${maxRows} lines`);
    if (line.trim() === "") continue;
    yield { row, cells: line.split("\t") };
  }
}
