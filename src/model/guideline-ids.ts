import type { GuidelineId } from "./guideline.ts";

/** The guidelines' ids, zod-free for the CLI's start-up; their thresholds and years are data (data/guidelines.csv). */
export const GUIDELINE_IDS: readonly GuidelineId[] = ["gdp2", "equipment20", "hague_core", "hague_total"];
