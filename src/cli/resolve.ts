import { findAlly, nearest } from "../core/ally-lookup.ts";
import type { Ally } from "../model/ally.ts";
import type { Dataset } from "../model/dataset.ts";
import { findIndicator, INDICATORS, type Indicator } from "../model/indicator.ts";
import type { Vintage } from "../model/vintage.ts";
import { UsageError } from "./cli-io.ts";
import { FORMATS, type Format } from "./render.ts";

export function resolveAlly(ds: Dataset, query: string): Ally {
  const hit = findAlly(ds.allies, query);
  if (hit.ok) return hit.ally;
  const list = hit.suggestions.map((a) => `${a.name} (${a.iso3})`).join(", ");
  throw new UsageError(`unknown ally "${query}". Did you mean: ${list}? Allies are accepted as ISO3, ISO2 or English name.`);
}

/** A NATO vintage by id; defaults to the newest official release. */
export function resolveNatoVintage(ds: Dataset, id: string | undefined): Vintage {
  if (id === undefined) return ds.latestNatoVintage();
  const v = ds.vintage(id);
  if (v && v.series === "nato") return v;
  const ids = ds.natoVintages().map((x) => x.id);
  throw new UsageError(`unknown vintage "${id}". NATO vintages: ${ids.join(", ")} (closest: ${nearest(id, ids, 1).join("")}).`);
}

export function resolveVintageOfSeries(ds: Dataset, id: string | undefined, series: Vintage["series"]): Vintage {
  const all = ds.vintages.filter((v) => v.series === series);
  const v = id === undefined ? all.at(-1) : all.find((x) => x.id === id);
  if (v) return v;
  throw new UsageError(`unknown ${series} vintage "${id}". Available: ${all.map((x) => x.id).join(", ")}.`);
}

/** A year the vintage covers; defaults to its latest year. */
export function resolveYear(ds: Dataset, vintage: Vintage, year: string | undefined): number {
  const years = ds.years(vintage.id);
  const last = years.at(-1);
  if (last === undefined) throw new UsageError(`vintage ${vintage.id} has no data`);
  if (year === undefined) return last;
  const y = Number(year);
  if (!/^\d{4}$/.test(year.trim()) || !years.includes(y))
    throw new UsageError(`year "${year}" is not in vintage ${vintage.id}, which covers ${years[0]}–${last}.`);
  return y;
}

export function resolveIndicator(id: string): Indicator {
  const ind = findIndicator(id);
  if (ind) return ind;
  const ids = INDICATORS.map((i) => i.id);
  throw new UsageError(`unknown indicator "${id}". Did you mean: ${nearest(id, ids).join(", ")}? See "pledge sources" for the full list.`);
}

export function resolveFormat(format: string | undefined): Format {
  const f = (format ?? "table") as Format;
  if (FORMATS.includes(f)) return f;
  throw new UsageError(`unknown format "${format}": use table, csv or json.`);
}
