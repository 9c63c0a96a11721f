import type { Source } from "../../../src/model/source.ts";
import { sourceCitation } from "../../../src/model/source-citation.ts";

/**
 * What a chart or a table carries when it leaves the page, so that a copy pasted into an article or a
 * spreadsheet still says what it shows: title, subtitle (year, release), sources with their addresses
 * and terms, the estimate note, the link that reopens the view, and the day it was saved.
 */
export interface ExportMeta {
  title: string;
  subtitle: string;
  sources: readonly Source[];
  /** How estimates are marked in this chart (NATO's "e", SIPRI's uncertain figures). */
  estimateNote: string;
  /** The dashboard link that reopens the same view with the same state. */
  url: string;
  /** The day the file was saved, YYYY-MM-DD. */
  date: string;
}

export const DEFAULT_ESTIMATE_NOTE =
  "Hollow points, dashed bars and hatched or outlined shapes are the source's estimates; absent figures are not drawn (never as zero).";

/** The sources that are there, each once, in the order given. */
export function distinctSources(sources: readonly (Source | undefined)[]): Source[] {
  return sources.filter((s, i, all): s is Source => s !== undefined && all.findIndex((x) => x?.id === s.id) === i);
}

/** "Source: NATO, Defence Expenditure … (2024-06-17) — https://…; SIPRI, …" */
export function sourceLine(sources: readonly Source[]): string {
  if (!sources.length) return "Source: –";
  return `Source: ${sources.map((s) => `${s.publisher}, ${s.title} (${s.published})${s.url ? ` — ${s.url}` : ""}`).join("; ")}`;
}

/**
 * Cuts text into lines of at most `max` characters at spaces (a longer word stands alone on its line):
 * SVG has no text wrapping of its own.
 */
export function wrapText(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!line) line = word;
    else if (line.length + 1 + word.length <= max) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The companion of a CSV download (`<name>.metadata.json`): the CSV itself stays exactly what the API
 * serves, and this file says where its figures come from, under which terms, in which units.
 */
export function tableMetadata(
  meta: ExportMeta,
  file: string,
  columns: readonly { key: string; header: string; unit?: string }[],
): Record<string, unknown> {
  return {
    title: meta.title,
    description: meta.subtitle || undefined,
    file,
    columns: columns.map((c) => ({ name: c.key, title: c.header, ...(c.unit ? { unit: c.unit } : {}) })),
    absent_values: "empty cells: the source publishes no figure (never zero)",
    estimates: meta.estimateNote,
    sources: meta.sources.map(sourceCitation),
    view: meta.url,
    saved: meta.date,
    generator: "Pledge",
  };
}

/** Today's date in UTC as YYYY-MM-DD. */
export const today = (now: Date = new Date()) => now.toISOString().slice(0, 10);
