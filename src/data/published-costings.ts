import { findDataDir } from "./load-dataset.ts";
import { type LongRow, readLongRows } from "./long-rows.ts";

/** Fiscal councils' published costings (PBO Canada), kept to check Pledge's affordability arithmetic against. */
export const PUBLISHED_COSTINGS_FILE = "costings/published_costings.csv";

export function loadPublishedCostings(dataDir: string = findDataDir()): LongRow[] {
  return readLongRows(dataDir, PUBLISHED_COSTINGS_FILE);
}
