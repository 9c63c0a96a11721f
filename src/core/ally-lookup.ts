import type { Ally } from "../model/ally.ts";

export type AllyLookup = { ok: true; ally: Ally } | { ok: false; query: string; suggestions: Ally[] };

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .trim();

/** Alternative English names people type; the canonical names are in data/allies.csv. */
const ALIASES: Record<string, string> = {
  turkey: "TUR",
  uk: "GBR",
  "great britain": "GBR",
  britain: "GBR",
  "united states of america": "USA",
  america: "USA",
  "czech republic": "CZE",
  macedonia: "MKD",
  holland: "NLD",
};

export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      prev[j] = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] as number;
}

/** Finds an ally by ISO3, ISO2 or English name, case- and accent-insensitive; else the nearest names. */
export function findAlly(allies: readonly Ally[], query: string): AllyLookup {
  const q = fold(query);
  const alias = ALIASES[q];
  const hit = allies.find((a) => fold(a.iso3) === q || fold(a.iso2) === q || fold(a.name) === q || a.iso3 === alias);
  if (hit) return { ok: true, ally: hit };
  const scored = allies
    .map((a) => {
      const name = fold(a.name);
      const d = Math.min(
        editDistance(q, name),
        editDistance(q, fold(a.iso3)),
        name.startsWith(q) && q.length >= 3 ? 0 : Number.POSITIVE_INFINITY,
      );
      return { a, d };
    })
    .sort((x, y) => x.d - y.d || x.a.name.localeCompare(y.a.name));
  const limit = Math.max(2, Math.ceil(q.length / 2));
  const suggestions = scored.filter((s) => s.d <= limit).slice(0, 3);
  return { ok: false, query, suggestions: (suggestions.length ? suggestions : scored.slice(0, 3)).map((s) => s.a) };
}

/** Nearest strings to an unknown word, for "did you mean" messages about years, vintages and indicators. */
export function nearest(query: string, candidates: readonly string[], n = 3): string[] {
  const q = fold(query);
  return [...candidates]
    .map((c) => ({ c, d: editDistance(q, fold(c)) - (fold(c).includes(q) ? 100 : 0) }))
    .sort((x, y) => x.d - y.d)
    .slice(0, n)
    .map((x) => x.c);
}
