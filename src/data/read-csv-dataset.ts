import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { DatasetParts } from "../model/dataset.ts";
import { DataError } from "./data-error.ts";
import { readAllies, readGuidelines, readSources, readTargetOverrides, readVintages } from "./metadata-files.ts";
import { readObservations } from "./observation-files.ts";

const METADATA_FILES = ["allies.csv", "sources.csv", "vintages.csv", "guidelines.csv", "target-overrides.csv"];

/** Reads and validates every CSV: the slow, strict path used to build the bundle and by the data tests. */
export function readDatasetFromCsv(dataDir: string): DatasetParts {
  const allies = readAllies(dataDir);
  const sources = readSources(dataDir);
  const vintages = readVintages(dataDir);
  const guidelines = readGuidelines(dataDir);
  const targetOverrides = readTargetOverrides(dataDir);
  const sourceIds = new Set(sources.map((s) => s.id));
  const allyIds = new Set<string>();
  allies.forEach((a, i) => {
    if (allyIds.has(a.iso3)) throw new DataError("allies.csv", i + 2, "iso3", `duplicate ally ${a.iso3}`);
    allyIds.add(a.iso3);
  });
  const checkSource = (file: string, i: number, id: string) => {
    if (!sourceIds.has(id)) throw new DataError(file, i + 2, "source_id", `unknown source "${id}" (not in sources.csv)`);
  };
  vintages.forEach((v, i) => {
    checkSource("vintages.csv", i, v.sourceId);
  });
  guidelines.forEach((g, i) => {
    checkSource("guidelines.csv", i, g.sourceId);
  });
  targetOverrides.forEach((t, i) => {
    checkSource("target-overrides.csv", i, t.sourceId);
    if (!allyIds.has(t.ally)) throw new DataError("target-overrides.csv", i + 2, "ally_iso3", `unknown ally "${t.ally}"`);
    if (!guidelines.some((g) => g.id === t.guidelineId))
      throw new DataError("target-overrides.csv", i + 2, "guideline_id", `unknown guideline "${t.guidelineId}"`);
  });
  const observations = vintages.flatMap((v) => readObservations(dataDir, v, allyIds));
  return { allies, sources, vintages, guidelines, targetOverrides, observations };
}

/** A digest of every input file, stored in the bundle so that a stale bundle is detected. */
export function inputsSha256(dataDir: string): string {
  const vintageFiles = readVintages(dataDir).map((v) => v.file);
  const hash = createHash("sha256");
  for (const f of [...METADATA_FILES, ...vintageFiles]) {
    hash.update(f);
    hash.update(readFileSync(join(dataDir, f)));
  }
  return hash.digest("hex");
}
