import type { Dataset } from "../model/dataset.ts";
import { COMPARATORS } from "../model/entities.ts";
import type { Vintage } from "../model/vintage.ts";
import { resolveVintageYear } from "./dataset-query.ts";
import { type Figure, figureOf } from "./figure.ts";
import { membersIn } from "./membership.ts";
import { flagColumn, type PublishedTableSpec, publishRows } from "./published-table/spec.ts";

export interface ComparatorSpending {
  iso3: string;
  name: string;
  milexUsdCurrentM: Figure | null;
  milexSharePct: Figure | null;
  /** NATO allies' combined SIPRI spending divided by this country's. */
  natoMultiple: number | null;
}

export interface AdversaryComparison {
  year: number;
  sipriVintageId: string;
  /** Σ SIPRI military expenditure of the allies that have a figure (SIPRI's definition, not NATO's). */
  natoSipriUsdCurrentM: number | null;
  alliesMissing: string[];
  worldUsdCurrentM: number | null;
  natoShareOfWorldPct: number | null;
  comparators: ComparatorSpending[];
}

export function adversaryComparison(ds: Dataset, year: number, sipriVintageId: string): AdversaryComparison {
  const usd = (iso: string) => figureOf(ds.get(sipriVintageId, iso, "milex_usd_current", year));
  const withData = membersIn(ds, year).map((a) => ({ a, f: usd(a.iso3) }));
  const present = withData.filter((x) => x.f);
  const nato = present.length ? present.reduce((t, x) => t + (x.f?.value ?? 0), 0) : null;
  // SIPRI publishes the world total only in its regional sheet, in billions.
  const world = ds.get(sipriVintageId, "WLD", "milex_usd_current_bn", year);
  const worldM = world ? world.value * 1000 : null;
  return {
    year,
    sipriVintageId,
    natoSipriUsdCurrentM: nato,
    alliesMissing: withData.filter((x) => !x.f).map((x) => x.a.iso3),
    worldUsdCurrentM: worldM,
    natoShareOfWorldPct: nato !== null && worldM ? (nato / worldM) * 100 : null,
    comparators: COMPARATORS.map((c) => {
      const f = usd(c.iso3);
      return {
        iso3: c.iso3,
        name: c.name,
        milexUsdCurrentM: f,
        milexSharePct: figureOf(ds.get(sipriVintageId, c.iso3, "milex_share_gdp_pct", year)),
        natoMultiple: f && nato !== null && f.value > 0 ? nato / f.value : null,
      };
    }),
  };
}

export interface GdpComparison {
  year: number;
  imfVintageId: string;
  natoGdpUsdCurrentBn: number | null;
  alliesMissing: string[];
  russiaGdpUsdCurrentBn: Figure | null;
  /** NATO allies' combined GDP over Russia's (market exchange rates). */
  natoToRussia: number | null;
}

/** The "NATO's economy is N times Russia's" figure, from IMF GDP at market exchange rates (not PPP). */
export function gdpComparison(ds: Dataset, year: number, imfVintageId: string): GdpComparison {
  const gdp = (iso: string) => ds.get(imfVintageId, iso, "gdp_usd_current_bn", year);
  const members = membersIn(ds, year);
  const present = members.filter((a) => gdp(a.iso3));
  const nato = present.length ? present.reduce((t, a) => t + (gdp(a.iso3)?.value ?? 0), 0) : null;
  const rus = figureOf(gdp("RUS"));
  return {
    year,
    imfVintageId,
    natoGdpUsdCurrentBn: nato,
    alliesMissing: members.filter((a) => !gdp(a.iso3)).map((a) => a.iso3),
    russiaGdpUsdCurrentBn: rus,
    natoToRussia: nato !== null && rus && rus.value > 0 ? nato / rus.value : null,
  };
}

/** A row of the world comparison: whose figure, from which source and definition. */
export interface WorldRow {
  country: string;
  iso3: string;
  milex_usd_current_m: number | null;
  estimate: string | null;
  share_gdp_pct: number | null;
  nato_multiple: number | null;
  source: "sipri" | "nato" | null;
  /** Why a figure is absent, or which definition it follows. */
  note: string | null;
}

export interface WorldComparison {
  year: number;
  rows: WorldRow[];
  gdp: GdpComparison;
  milex: AdversaryComparison | null;
  notes: string[];
}

/**
 * NATO beside Russia, China and Ukraine in one year. SIPRI's series is the common definition; for a
 * year after SIPRI's last (its April 2025 release ends in 2024) the alliance's figure is NATO's own
 * total (NATO's definition, flagged as such) and the comparators are absent, with the reason.
 */
export function worldComparison(
  ds: Dataset,
  year: number,
  sipriVintageId: string,
  imfVintageId: string,
  natoVintageId: string,
): WorldComparison {
  const sipriYears = ds.years(sipriVintageId);
  const sipriLast = sipriYears.at(-1) ?? 0;
  const gdp = gdpComparison(ds, year, imfVintageId);
  const sipriLabel = ds.vintage(sipriVintageId)?.label ?? sipriVintageId;
  if (sipriYears.includes(year)) {
    const milex = adversaryComparison(ds, year, sipriVintageId);
    const rows: WorldRow[] = [
      {
        country: "NATO allies (sum)",
        iso3: "NATO",
        milex_usd_current_m: milex.natoSipriUsdCurrentM,
        estimate: null,
        share_gdp_pct: null,
        nato_multiple: milex.natoSipriUsdCurrentM === null ? null : 1,
        source: "sipri",
        note: milex.alliesMissing.length ? `without ${milex.alliesMissing.join(", ")} (no SIPRI figure)` : null,
      },
      ...milex.comparators.map(
        (c): WorldRow => ({
          country: c.name,
          iso3: c.iso3,
          milex_usd_current_m: c.milexUsdCurrentM?.value ?? null,
          estimate: c.milexUsdCurrentM?.estimate ?? null,
          share_gdp_pct: c.milexSharePct?.value ?? null,
          nato_multiple: c.natoMultiple,
          source: c.milexUsdCurrentM ? "sipri" : null,
          note: c.milexUsdCurrentM ? null : `no SIPRI figure for ${year}`,
        }),
      ),
      {
        country: "World",
        iso3: "WLD",
        milex_usd_current_m: milex.worldUsdCurrentM,
        estimate: null,
        share_gdp_pct: null,
        nato_multiple: null,
        source: milex.worldUsdCurrentM === null ? null : "sipri",
        note: null,
      },
    ];
    return { year, rows, gdp, milex, notes: [`Military expenditure: ${sipriLabel} (SIPRI's definition, not NATO's).`] };
  }
  const nato = ds.get(natoVintageId, "NATO_TOTAL", "defexp_usd_current", year);
  const natoLabel = ds.vintage(natoVintageId)?.label ?? natoVintageId;
  const why = `${sipriLabel} ends in ${sipriLast}; no other source in Pledge's data covers ${year}`;
  const rows: WorldRow[] = [
    {
      country: "NATO allies (NATO total)",
      iso3: "NATO",
      milex_usd_current_m: nato?.value ?? null,
      estimate: nato?.estimate ?? null,
      share_gdp_pct: ds.get(natoVintageId, "NATO_TOTAL", "defexp_share_gdp_pct", year)?.value ?? null,
      nato_multiple: null,
      source: nato ? "nato" : null,
      note: nato ? `NATO's definition (${natoLabel}), not SIPRI's: not comparable with SIPRI's figures of other years` : why,
    },
    ...COMPARATORS.map(
      (c): WorldRow => ({
        country: c.name,
        iso3: c.iso3,
        milex_usd_current_m: null,
        estimate: null,
        share_gdp_pct: null,
        nato_multiple: null,
        source: null,
        note: why,
      }),
    ),
  ];
  return {
    year,
    rows,
    gdp,
    milex: null,
    notes: [
      `${year} is after SIPRI's last year (${sipriLast}): NATO's own total is shown for the alliance, flagged with NATO's definition, and Russia's, China's and Ukraine's spending is absent (SIPRI's next release, imported with its workbook, would add it).`,
    ],
  };
}

/**
 * The year a world comparison answers: one SIPRI covers, or a later one NATO's release covers (answered
 * from NATO's own total, flagged); anything else is refused naming SIPRI's years. Default: SIPRI's last.
 */
export function resolveWorldYear(ds: Dataset, sipri: Vintage, nato: Vintage, year: string | undefined): number {
  if (year !== undefined && ds.years(nato.id).includes(Number(year)) && !ds.years(sipri.id).includes(Number(year))) return Number(year);
  return resolveVintageYear(ds, sipri, year);
}

/** The published world table. */
export const WORLD_SPEC: PublishedTableSpec = {
  name: "military_expenditure",
  description:
    "NATO beside Russia, China and Ukraine: military expenditure at market exchange rates, with the source and definition of each figure",
  columns: [
    { key: "country", header: "Country", type: "text", description: "country or group" },
    { key: "iso3", header: "", type: "text", machineOnly: true, description: "ISO3, or NATO / WLD" },
    {
      key: "milex_usd_current_m",
      header: "$m current",
      type: "number",
      unit: "million US dollars, current prices and exchange rates",
      displayDecimals: 0,
      decimals: 1,
      estimateKey: "estimate",
      description: "military expenditure",
    },
    flagColumn("estimate", "milex_usd_current_m"),
    { key: "share_gdp_pct", header: "% GDP", type: "number", unit: "% of GDP", displayDecimals: 2, description: "military burden" },
    {
      key: "nato_multiple",
      header: "NATO ×",
      type: "number",
      decimals: 2,
      displayDecimals: 1,
      description: "NATO's sum divided by the country's",
    },
    { key: "source", header: "Source", type: "text", values: ["sipri", "nato"], description: "whose figure (and so whose definition)" },
    { key: "note", header: "", type: "text", machineOnly: true, description: "why a figure is absent, or its definition" },
  ],
};

export const worldRows = (w: WorldComparison) => publishRows(WORLD_SPEC, w.rows);
