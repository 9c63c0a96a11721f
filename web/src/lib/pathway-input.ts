import type { PathwayRequest } from "../../../src/model/pathway.ts";
import type { AppState } from "./state.ts";

/**
 * The planner's state as a pathway request. The state's decoder has already checked every range, so
 * the request is built directly (absent targets are the Hague's, filled by the core from the data) and the core validates
 * the rest (unknown allies, vintages) with a ParameterError.
 */
export function pathwayRequestOf(s: Pick<AppState, "allies" | "core" | "related" | "by" | "shape">, vintage: string): PathwayRequest {
  return {
    allies: s.allies.length ? s.allies : undefined,
    vintage,
    target: {
      corePct: s.core ?? undefined,
      relatedPct: s.related ?? undefined,
      relatedBasePct: 0,
      targetYear: s.by ?? undefined,
      shape: s.shape,
    },
    economy: { gdpGrowthBeyondWeoPct: null, inflationBeyondWeoPct: null, gdpShockPp: 0, inflationShockPp: 0 },
  };
}
