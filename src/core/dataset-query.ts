import type { Ally } from "../model/ally.ts";
import type { Dataset } from "../model/dataset.ts";
import { findIndicator, INDICATORS, type Indicator, type IndicatorId } from "../model/indicator.ts";
import type { Vintage } from "../model/vintage.ts";
import { findAlly, nearest } from "./ally-lookup.ts";
import { ParameterError } from "./parameter-error.ts";

/**
 * Turns what a person typed (an ally's name, a vintage id, a year) into the dataset's own keys, or a
 * ParameterError naming the field with the nearest valid choices. The CLI and the API share these,
 * so both answer "Did you mean…" the same way.
 */
export function resolveAllyQuery(ds: Dataset, query: string, field = "ally"): Ally {
  const hit = findAlly(ds.allies, query);
  if (hit.ok) return hit.ally;
  const list = hit.suggestions.map((a) => `${a.name} (${a.iso3})`).join(", ");
  throw new ParameterError(field, `unknown ally "${query}". Did you mean: ${list}? Allies are accepted as ISO3, ISO2 or English name.`);
}

/** A NATO vintage by id; defaults to the newest official release. */
export function resolveNatoVintageId(ds: Dataset, id: string | undefined, field = "vintage"): Vintage {
  if (id === undefined) return ds.latestNatoVintage();
  const v = ds.vintage(id);
  if (v && v.series === "nato") return v;
  const ids = ds.natoVintages().map((x) => x.id);
  throw new ParameterError(field, `unknown vintage "${id}". NATO vintages: ${ids.join(", ")} (closest: ${nearest(id, ids, 1).join("")}).`);
}

/** Any vintage (NATO, SIPRI, IMF) by id, for questions that are not NATO-only. */
export function resolveAnyVintage(ds: Dataset, id: string, field = "vintage"): Vintage {
  const v = ds.vintage(id);
  if (!v) throw new ParameterError(field, `unknown vintage "${id}". Vintages: ${ds.vintages.map((x) => x.id).join(", ")}.`);
  return v;
}

/** The newest vintage of a series (SIPRI, IMF) by default. */
export function resolveSeriesVintage(ds: Dataset, id: string | undefined, series: Vintage["series"], field = "vintage"): Vintage {
  const all = ds.vintages.filter((v) => v.series === series);
  const v = id === undefined ? all.at(-1) : all.find((x) => x.id === id);
  if (v) return v;
  throw new ParameterError(field, `unknown ${series} vintage "${id}". Available: ${all.map((x) => x.id).join(", ")}.`);
}

/** A year the vintage covers; defaults to its latest year. */
export function resolveVintageYear(ds: Dataset, vintage: Vintage, year: string | number | undefined, field = "year"): number {
  const years = ds.years(vintage.id);
  const last = years.at(-1);
  if (last === undefined) throw new ParameterError(field, `vintage ${vintage.id} has no data`);
  if (year === undefined) return last;
  const text = String(year).trim();
  const y = Number(text);
  if (!/^\d{4}$/.test(text) || !years.includes(y))
    throw new ParameterError(field, `year "${year}" is not in vintage ${vintage.id}, which covers ${years[0]}–${last}.`);
  return y;
}

export function resolveIndicatorId(id: string, field = "indicator"): Indicator<IndicatorId> {
  const ind = findIndicator(id);
  if (ind) return ind;
  const ids = INDICATORS.map((i) => i.id);
  throw new ParameterError(
    field,
    `unknown indicator "${id}". Did you mean: ${nearest(id, ids).join(", ")}? See "pledge sources" for the full list.`,
  );
}

/**
 * The pair of releases a revision compares by default: the newest official NATO release (or the one
 * asked for) and the official release before it. The API, the CLI and the dashboard all choose so.
 */
export function defaultRevisionPair(ds: Dataset, toId?: string, fromId?: string): { from: Vintage; to: Vintage } {
  const official = ds.natoVintages().filter((v) => v.status === "official");
  const to = toId === undefined ? (official.at(-1) as Vintage) : resolveAnyVintage(ds, toId, "to");
  const before = official.filter((v) => v.id !== to.id && v.published < to.published).at(-1);
  const from =
    fromId === undefined ? (before ?? official.filter((v) => v.id !== to.id).at(-1) ?? to) : resolveAnyVintage(ds, fromId, "from");
  return { from, to };
}

/** A source as an output cites it. */
export interface CitedSource {
  id: string;
  title: string;
  publisher: string;
  url: string;
}

/** The sources behind a set of figures, each once, in the order first named; unknown ids are left out. */
export function citedSources(ds: Dataset, sourceIds: Iterable<string>): CitedSource[] {
  return [...new Set(sourceIds)].flatMap((id) => {
    const s = ds.source(id);
    return s ? [{ id: s.id, title: s.title, publisher: s.publisher, url: s.url }] : [];
  });
}
