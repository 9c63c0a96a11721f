import type { Ally } from "../model/ally.ts";
import type { Dataset } from "../model/dataset.ts";

/**
 * An ally counts in a year from the year it joined (`accession_year` in data/allies.csv): NATO had 28
 * members in 2014, 29 from Montenegro's accession in 2017, 30 with North Macedonia in 2020, 31 with
 * Finland in 2023 and 32 with Sweden in 2024. Counts, lists, denominators, rankings and sums for a
 * year are over the members of that year, never over today's alliance.
 */
export const isMemberIn = (ally: Ally, year: number): boolean => ally.accessionYear <= year;

export function membersIn(ds: Dataset, year: number): Ally[] {
  return ds.allies.filter((a) => isMemberIn(a, year));
}

export interface Membership {
  year: number;
  /** Members that year. */
  members: number;
  /** Members with armed forces: the denominator of a guideline count (Iceland has none). */
  withArmedForces: number;
  /** Today's allies that joined after the year, with their accession year. */
  notYetMembers: { ally: string; name: string; accessionYear: number }[];
}

export function membershipIn(ds: Dataset, year: number): Membership {
  const members = membersIn(ds, year);
  return {
    year,
    members: members.length,
    withArmedForces: members.filter((a) => a.hasArmedForces).length,
    notYetMembers: ds.allies
      .filter((a) => !isMemberIn(a, year))
      .map((a) => ({ ally: a.iso3, name: a.name, accessionYear: a.accessionYear }))
      .sort((a, b) => a.accessionYear - b.accessionYear || a.name.localeCompare(b.name)),
  };
}

/** "the 28 allies that were members in 2014 (27 with armed forces; Montenegro joined in 2017, …)". */
export function membershipText(m: Membership): string {
  const later = m.notYetMembers.length
    ? `; not yet members: ${m.notYetMembers.map((x) => `${x.name} (${x.accessionYear})`).join(", ")}`
    : "";
  return `the ${m.members} allies that were members in ${m.year} (${m.withArmedForces} with armed forces${later})`;
}
