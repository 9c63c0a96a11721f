import type { Dataset } from "../model/dataset.ts";
import { INDICATORS } from "../model/indicator.ts";
import { sourceCitation } from "../model/source-citation.ts";
import { vintageRecord } from "../model/vintage-record.ts";
import { type PublishedColumn, type PublishedTableSpec, publishRows } from "./published-table/spec.ts";

/**
 * The catalogue tables (publications, vintages, indicators, allies): one spec each, for the API's
 * /sources, /vintages, /indicators and /allies, `pledge sources` and `pledge vintages`, and the
 * dashboard's Sources view.
 */
const text = (key: string, header: string, description: string, machineOnly = false): PublishedColumn => ({
  key,
  header,
  type: "text",
  description,
  machineOnly,
});

export const SOURCES_SPEC: PublishedTableSpec = {
  name: "sources",
  description: "Every publication a number comes from, with its terms of reuse",
  columns: [
    text("id", "Id", "source id, cited by every vintage"),
    { ...text("publisher", "Publisher", "publisher"), wrapAt: 24 },
    { ...text("title", "Title", "title of the publication or file"), wrapAt: 40 },
    text("url", "", "where the publisher puts it", true),
    text("published", "Published", "publication date"),
    text("retrieved", "", "when Pledge's copy was retrieved", true),
    text("licence", "", "licence as the publisher states it", true),
    text("vintages", "Vintages", "the vintages drawn from it"),
    { ...text("terms", "Terms of reuse", "what a user may and may not do with the figures (DATA-LICENSES.md)"), wrapAt: 60 },
    text("stored_copy", "", "Pledge's stored copy of the original file", true),
    text("note", "", "caveats", true),
  ],
};

export function sourceRows(ds: Dataset) {
  return publishRows(
    SOURCES_SPEC,
    ds.sources.map((s) => ({
      ...sourceCitation(s),
      vintages: ds.vintages
        .filter((v) => v.sourceId === s.id)
        .map((v) => v.id)
        .join(" "),
      stored_copy: s.storedCopy,
      note: s.note,
    })),
  );
}

export const VINTAGES_SPEC: PublishedTableSpec = {
  name: "vintages",
  description: "Every release kept as a vintage: its coverage, price base and estimate years",
  columns: [
    text("id", "Id", "vintage id"),
    text("series", "Series", "nato, sipri or imf"),
    text("label", "Release", "the release"),
    text("published", "Published", "publication date"),
    text("status", "Status", "official, or secondary (figures reported in the press)"),
    { key: "first_year", header: "From", type: "year", description: "first year covered" },
    { key: "last_year", header: "To", type: "year", description: "last year covered" },
    { key: "price_base_year", header: "Price base", type: "year", description: "base year of constant-price series" },
    text("estimate_years", "Estimates", "years the release marks as estimates"),
    { key: "rows", header: "Rows", type: "integer", description: "observations" },
    {
      key: "default",
      header: "Default",
      type: "boolean",
      description: "the vintage answers default to (the newest official NATO release)",
    },
    text("source_id", "Source", "the publication (sources table)"),
    text("file", "", "file in data/", true),
  ],
};

export function vintageRows(ds: Dataset) {
  const latest = ds.latestNatoVintage().id;
  return publishRows(
    VINTAGES_SPEC,
    ds.vintages.map((v) => {
      const years = ds.years(v.id);
      return { ...vintageRecord(v), first_year: years[0] ?? null, last_year: years.at(-1) ?? null, default: v.id === latest };
    }),
  );
}

export const INDICATORS_SPEC: PublishedTableSpec = {
  name: "indicators",
  description: "Every indicator: its name, unit, price basis and series (the indicator registry)",
  columns: [
    text("id", "Id", "indicator id"),
    text("name", "Name", "name"),
    text("unit", "Unit", "unit (constant-price units name their vintage's base year when a vintage is chosen)"),
    text("short_unit", "", "short unit for table headers", true),
    text("price_basis", "Prices", "current, constant, ratio or count"),
    text("series", "Series", "nato, sipri or imf"),
    { key: "decimals", header: "", type: "integer", machineOnly: true, description: "decimals shown by default" },
  ],
};

export const indicatorRows = () =>
  publishRows(
    INDICATORS_SPEC,
    INDICATORS.map((i) => ({
      id: i.id,
      name: i.name,
      unit: i.unit,
      short_unit: i.shortUnit,
      price_basis: i.priceBasis,
      series: i.series,
      decimals: i.decimals,
    })),
  );

export const ALLIES_SPEC: PublishedTableSpec = {
  name: "allies",
  description: "The allies: codes, names, accession year, currency, region",
  columns: [
    text("iso3", "ISO3", "ISO 3166 alpha-3"),
    text("iso2", "ISO2", "ISO 3166 alpha-2"),
    text("name", "Ally", "name"),
    { key: "accession_year", header: "Joined", type: "year", description: "year of accession: the ally counts from this year" },
    text("currency_code", "Currency", "ISO 4217 code of the national currency"),
    text("currency_name", "", "currency name", true),
    { key: "euro_since", header: "", type: "year", machineOnly: true, description: "year the euro replaced the national currency" },
    text("region", "Region", "europe or north_america"),
    { key: "has_armed_forces", header: "Armed forces", type: "boolean", description: "false for Iceland: no spending guideline applies" },
    text("note", "", "note", true),
  ],
};

export const allyRows = (ds: Dataset) =>
  publishRows(
    ALLIES_SPEC,
    ds.allies.map((a) => ({
      iso3: a.iso3,
      iso2: a.iso2,
      name: a.name,
      accession_year: a.accessionYear,
      currency_code: a.currencyCode,
      currency_name: a.currencyName,
      euro_since: a.euroSince,
      region: a.region,
      has_armed_forces: a.hasArmedForces,
      note: a.note,
    })),
  );
