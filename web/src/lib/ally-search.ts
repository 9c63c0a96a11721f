/** Allies whose name, ISO3 or ISO2 code matches what was typed: codes exactly first, then names by where the match starts. */
export function matchAllies<A extends { iso3: string; iso2: string; name: string }>(allies: readonly A[], query: string): A[] {
  const q = query
    .trim()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
  if (!q) return [];
  const plain = (t: string) =>
    t
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();
  const scored: [A, number][] = [];
  for (const a of allies) {
    const name = plain(a.name);
    const score =
      a.iso3.toLowerCase() === q || a.iso2.toLowerCase() === q
        ? 0
        : name.startsWith(q)
          ? 1
          : name.includes(` ${q}`)
            ? 2
            : name.includes(q)
              ? 3
              : -1;
    if (score >= 0) scored.push([a, score]);
  }
  return scored.sort((x, y) => x[1] - y[1] || x[0].name.localeCompare(y[0].name)).map(([a]) => a);
}
