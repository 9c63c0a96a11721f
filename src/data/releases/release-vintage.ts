/**
 * A release read from a publisher's file → a vintage like the shipped ones, with its provenance
 * (file name, SHA-256, publisher, layout), and a summary of what storing it would change.
 */
import { vintageDiff } from "../../core/vintage-diff.ts";
import { createDataset, type Dataset } from "../../model/dataset.ts";
import type { Observation } from "../../model/observation.ts";
import { type Vintage, VintageSchema } from "../../model/vintage.ts";
import type { ReadRelease } from "./read-release.ts";
import { ReleaseImportError, type ReleaseIssue } from "./release.ts";

export interface VintageChoice {
  id?: string | undefined;
  label?: string | undefined;
  published?: string | undefined;
  /** YYYY-MM-DD of the import: the published date when none is given. */
  today: string;
}

export interface ReleaseSummary {
  vintage: Vintage;
  layout: string;
  fileName: string;
  sha256: string;
  rows: number;
  allies: number;
  entities: number;
  years: { from: number; to: number } | null;
  indicators: string[];
  estimates: number;
  skippedCountries: number;
  /** The newest vintage of the same series before this one, compared against. */
  comparedWith: string | null;
  changes: { revised: number; new_year: number; dropped_series: number; crossed_guideline: number } | null;
}

const PUBLISHER_NAMES: Record<Vintage["series"], string> = { nato: "NATO", sipri: "SIPRI", imf: "IMF" };

/** The newest vintage of a series, by publication date (ties: the later id). */
export function newestOf(ds: Dataset, series: Vintage["series"], except?: string): Vintage | undefined {
  return ds.vintages
    .filter((v) => v.series === series && v.id !== except && v.status === "official")
    .sort((a, b) => a.published.localeCompare(b.published) || a.id.localeCompare(b.id))
    .at(-1);
}

export function releaseVintage(
  ds: Dataset,
  release: ReadRelease,
  choice: VintageChoice,
): { vintage: Vintage; observations: Observation[]; dataset: Dataset; summary: ReleaseSummary } {
  const fail = (reason: string, column?: string): never => {
    const issue: ReleaseIssue = { file: release.fileName, reason };
    if (column) issue.column = column;
    throw new ReleaseImportError([issue]);
  };
  const id = choice.id ?? `${release.publisher}-${release.sha256.slice(0, 8)}`;
  if (ds.vintage(id)) fail(`vintage ${id} already exists (this file was imported before, or choose another --vintage)`, "vintage");
  const previous = newestOf(ds, release.publisher);
  const sourceId = previous?.sourceId ?? ds.sources[0]?.id ?? "";
  const observations = release.observations.map((o) => ({ ...o, vintageId: id }));
  const estimateYears = [...new Set(observations.filter((o) => o.estimate === "estimate").map((o) => o.year))].sort((a, b) => a - b);
  const parsed = VintageSchema.safeParse({
    id,
    series: release.publisher,
    sourceId,
    label: choice.label ?? `${release.title ?? release.layout} (imported from ${release.fileName})`,
    file: `imported: ${release.fileName} (${PUBLISHER_NAMES[release.publisher]}, ${release.layout}; sha256 ${release.sha256})`,
    published: choice.published ?? choice.today,
    status: "official",
    priceBaseYear: release.priceBaseYear,
    estimateYears: release.publisher === "nato" ? estimateYears : [],
    rows: observations.length,
  });
  if (!parsed.success)
    fail(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join("; "), String(parsed.error.issues[0]?.path[0] ?? ""));
  const vintage = parsed.data as Vintage;
  const dataset = createDataset({ ...ds, vintages: [...ds.vintages, vintage], observations: [...ds.observations, ...observations] });
  const years = observations.map((o) => o.year);
  const allyCodes = new Set(ds.allies.map((a) => a.iso3));
  const entities = new Set(observations.map((o) => o.entity));
  const diff = previous ? vintageDiff(dataset, { from: previous.id, to: id }) : null;
  return {
    vintage,
    observations,
    dataset,
    summary: {
      vintage,
      layout: release.layout,
      fileName: release.fileName,
      sha256: release.sha256,
      rows: observations.length,
      allies: [...entities].filter((e) => allyCodes.has(e)).length,
      entities: entities.size,
      years: years.length ? { from: Math.min(...years), to: Math.max(...years) } : null,
      indicators: [...new Set(observations.map((o) => o.indicator))].sort(),
      estimates: observations.filter((o) => o.estimate === "estimate" || o.estimate === "uncertain").length,
      skippedCountries: release.skippedCountries,
      comparedWith: previous?.id ?? null,
      changes: diff?.counts ?? null,
    },
  };
}
