/**
 * Country names as the publishers print them → Pledge's entity codes. NATO writes "Slovak Republic"
 * and marks allies with "*"; SIPRI writes "United States of America"; the WEO uses its own names.
 */
import type { Ally } from "../../model/ally.ts";

const ALIASES: Readonly<Record<string, string>> = {
  "slovak republic": "SVK",
  turkey: "TUR",
  turkiye: "TUR",
  "czech republic": "CZE",
  macedonia: "MKD",
  "north macedonia": "MKD",
  "north macedonia, republic of": "MKD",
  "macedonia, fyr": "MKD",
  "united states of america": "USA",
  "united kingdom of great britain and northern ireland": "GBR",
  uk: "GBR",
  russia: "RUS",
  "russian federation": "RUS",
  china: "CHN",
  "china, people's republic of": "CHN",
  ukraine: "UKR",
  "nato europe and canada": "NATO_EUR_CAN",
  "nato total": "NATO_TOTAL",
  world: "WLD",
};

/** Lower case, without accents, footnote marks (*, †, digits after the name) and a trailing "(currency)". */
export function normaliseName(label: string): string {
  return label
    .replace(/\([^)]*\)\s*$/, "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[*†‡§¶‖]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

export type EntityNames = (label: string) => string | undefined;

/** A lookup for the allies given plus the comparators and aggregates Pledge tracks. */
export function entityNames(allies: readonly Pick<Ally, "iso3" | "name">[]): EntityNames {
  const byName = new Map<string, string>(Object.entries(ALIASES));
  for (const a of allies) byName.set(normaliseName(a.name), a.iso3);
  return (label) => byName.get(normaliseName(label));
}
