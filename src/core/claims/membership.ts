import type { Ally } from "../../model/ally.ts";
import type { Dataset } from "../../model/dataset.ts";

/**
 * The allies that count in year Y: members by Y (accession year ≤ Y). Core compliance counts are
 * moving to this rule; until they do, the claim checker filters core's rows through this one
 * function, which then becomes a no-op. Iceland stays in (a member) but is never "below": core marks
 * it not applicable because it has no armed forces.
 */
export function membersIn(ds: Dataset, year: number): Ally[] {
  return ds.allies.filter((a) => a.accessionYear <= year);
}

export function isMemberIn(ally: Ally, year: number): boolean {
  return ally.accessionYear <= year;
}
