import {
  resolveAllyQuery,
  resolveIndicatorId,
  resolveNatoVintageId,
  resolveSeriesVintage,
  resolveVintageYear,
} from "../core/dataset-query.ts";
import { ParameterError } from "../core/parameter-error.ts";
import type { Ally } from "../model/ally.ts";
import type { Dataset } from "../model/dataset.ts";
import type { Indicator, IndicatorId } from "../model/indicator.ts";
import type { Vintage } from "../model/vintage.ts";
import { UsageError } from "./cli-io.ts";
import { FORMATS, type Format } from "./render.ts";

/** The core's resolvers, with their ParameterError turned into the CLI's usage error (same message). */
export function asUsage<T>(resolve: () => T): T {
  try {
    return resolve();
  } catch (e) {
    if (e instanceof ParameterError) throw new UsageError(e.reason);
    throw e;
  }
}

export const resolveAlly = (ds: Dataset, query: string): Ally => asUsage(() => resolveAllyQuery(ds, query));

/** A NATO vintage by id; defaults to the newest official release. */
export const resolveNatoVintage = (ds: Dataset, id: string | undefined): Vintage => asUsage(() => resolveNatoVintageId(ds, id));

export const resolveVintageOfSeries = (ds: Dataset, id: string | undefined, series: Vintage["series"]): Vintage =>
  asUsage(() => resolveSeriesVintage(ds, id, series));

/** A year the vintage covers; defaults to its latest year. */
export const resolveYear = (ds: Dataset, vintage: Vintage, year: string | undefined): number =>
  asUsage(() => resolveVintageYear(ds, vintage, year));

export const resolveIndicator = (id: string): Indicator<IndicatorId> => asUsage(() => resolveIndicatorId(id));

export function resolveFormat(format: string | undefined): Format {
  const f = (format ?? "table") as Format;
  if (FORMATS.includes(f)) return f;
  throw new UsageError(`unknown format "${format}": use table, csv or json.`);
}
