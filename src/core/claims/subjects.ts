import type { Ally } from "../../model/ally.ts";

/**
 * Who a sentence talks about: an ally (by name, ISO code, demonym or common alias), the whole
 * alliance, or "European allies and Canada". Names come from data/allies.csv; this file holds only
 * the alternative names people write, which the data does not carry.
 */
export type SubjectId = string; // ISO3 of an ally, or NATO_TOTAL / NATO_EUR_CAN / RUS

export interface SubjectMention {
  id: SubjectId;
  start: number;
  end: number;
  text: string;
}

/** Alternative names and demonyms, by ISO3 (lower case; matched on word boundaries). */
const ALIASES: Record<string, readonly string[]> = {
  USA: ["united states of america", "united states", "u.s.a.", "u.s.", "usa", "us", "america", "american", "americans", "washington"],
  GBR: ["united kingdom", "great britain", "britain", "british", "the uk", "u.k.", "uk"],
  TUR: ["türkiye", "turkiye", "turkey", "turkish"],
  CZE: ["czech republic", "czechia", "czech"],
  MKD: ["north macedonia", "macedonia", "north macedonian"],
  NLD: ["netherlands", "holland", "dutch"],
  DEU: ["germany", "german", "berlin"],
  FRA: ["france", "french", "paris"],
  POL: ["poland", "polish", "warsaw"],
  ITA: ["italy", "italian"],
  ESP: ["spain", "spanish", "madrid"],
  CAN: ["canada", "canadian", "ottawa"],
  GRC: ["greece", "greek"],
  EST: ["estonia", "estonian"],
  LVA: ["latvia", "latvian"],
  LTU: ["lithuania", "lithuanian"],
  FIN: ["finland", "finnish"],
  SWE: ["sweden", "swedish"],
  NOR: ["norway", "norwegian"],
  DNK: ["denmark", "danish"],
  BEL: ["belgium", "belgian"],
  LUX: ["luxembourg"],
  PRT: ["portugal", "portuguese"],
  ROU: ["romania", "romanian"],
  BGR: ["bulgaria", "bulgarian"],
  HRV: ["croatia", "croatian"],
  HUN: ["hungary", "hungarian"],
  SVK: ["slovakia", "slovak republic", "slovak"],
  SVN: ["slovenia", "slovenian"],
  ALB: ["albania", "albanian"],
  MNE: ["montenegro", "montenegrin"],
  ISL: ["iceland", "icelandic"],
};

/** The alliance and its European-and-Canadian part, as the press names them. */
const AGGREGATES: readonly [string, SubjectId][] = [
  ["european allies and canada", "NATO_EUR_CAN"],
  ["nato allies in europe and canada", "NATO_EUR_CAN"],
  ["european members and canada", "NATO_EUR_CAN"],
  ["european nato members and canada", "NATO_EUR_CAN"],
  ["european nato allies and canada", "NATO_EUR_CAN"],
  ["nato european allies and canada", "NATO_EUR_CAN"],
  ["allies in europe and canada", "NATO_EUR_CAN"],
  ["europe and canada", "NATO_EUR_CAN"],
  ["european member states and ottawa", "NATO_EUR_CAN"],
  ["non-us allies", "NATO_EUR_CAN"],
  ["non-us members", "NATO_EUR_CAN"],
  ["non-u.s. members", "NATO_EUR_CAN"],
  ["non-u.s. allies", "NATO_EUR_CAN"],
  ["rest of the alliance", "NATO_EUR_CAN"],
  ["european nato allies", "NATO_EUR_ONLY"],
  ["european countries in nato", "NATO_EUR_ONLY"],
  ["alliance-wide", "NATO_TOTAL"],
  ["european nato members", "NATO_EUR_ONLY"],
  ["european allies", "NATO_EUR_ONLY"],
  ["european members", "NATO_EUR_ONLY"],
  ["nato allies in europe", "NATO_EUR_ONLY"],
  ["european member states", "NATO_EUR_ONLY"],
  ["nato members", "NATO_TOTAL"],
  ["nato allies", "NATO_TOTAL"],
  ["nato countries", "NATO_TOTAL"],
  ["nato's", "NATO_TOTAL"],
  ["nato", "NATO_TOTAL"],
  ["the alliance", "NATO_TOTAL"],
  ["alliance members", "NATO_TOTAL"],
  ["allies", "NATO_TOTAL"],
  ["russia's", "RUS"],
  ["russia", "RUS"],
  ["russian", "RUS"],
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export interface SubjectIndex {
  find(text: string): SubjectMention[];
  nameOf(id: SubjectId): string;
}

export const AGGREGATE_NAMES: Record<string, string> = {
  NATO_TOTAL: "NATO total",
  NATO_EUR_CAN: "NATO Europe and Canada",
  NATO_EUR_ONLY: "European allies (without Canada)",
  RUS: "Russia",
};

/** Builds the name index from the allies in the dataset (so an ally added to allies.csv is found by its name). */
export function subjectIndex(allies: readonly Ally[]): SubjectIndex {
  const names: [string, SubjectId][] = [];
  for (const a of allies) {
    names.push([a.name.toLowerCase(), a.iso3]);
    for (const alias of ALIASES[a.iso3] ?? []) names.push([alias, a.iso3]);
  }
  names.push(...AGGREGATES);
  // Longest first, so "european allies and canada" wins over "allies" and "united states" over "us".
  names.sort((x, y) => y[0].length - x[0].length);
  const pattern = new RegExp(`(?<![\\p{L}\\d])(?:${names.map(([n]) => escapeRegExp(n)).join("|")})(?![\\p{L}\\d])`, "giu");
  const byName = new Map(names.map(([n, id]) => [n, id]));
  const display = new Map(allies.map((a) => [a.iso3, a.name]));
  return {
    find(text) {
      const out: SubjectMention[] = [];
      for (const m of text.matchAll(pattern)) {
        const key = m[0].toLowerCase();
        const id = byName.get(key);
        if (!id) continue;
        // "US" in capitals is the country; "us" in lower case is the pronoun.
        if (key === "us" && m[0] !== "US") continue;
        out.push({ id, start: m.index, end: m.index + m[0].length, text: m[0] });
      }
      return out;
    },
    nameOf: (id) => display.get(id) ?? AGGREGATE_NAMES[id] ?? id,
  };
}
