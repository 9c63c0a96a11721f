import type { AidCategory, AidMeasure, KielDonorTotals } from "../core/ukraine-aid.ts";
import { DataError } from "./data-error.ts";
import { findDataDir } from "./load-dataset.ts";
import { type LongRow, readLongRows } from "./long-rows.ts";

export const KIEL_FILE = "kiel/ukraine_support.csv";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");

/** "cumulative 24 Jan 2022 to end-Feb 2026" (Kiel's stated span, in the row's vintage) → ISO first and last day. */
export function kielWindow(vintage: string): { from: string; to: string } | null {
  const m = /cumulative (\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) to end-([A-Z][a-z]{2}) (\d{4})/.exec(vintage);
  if (!m) return null;
  const m1 = MONTHS.indexOf(m[2] as string) + 1;
  const m2 = MONTHS.indexOf(m[4] as string) + 1;
  if (m1 === 0 || m2 === 0) return null;
  const y2 = Number(m[5]);
  const leap = y2 % 4 === 0 && (y2 % 100 !== 0 || y2 % 400 === 0);
  const lastDay = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m2 - 1] as number;
  return { from: `${m[3]}-${pad(m1)}-${pad(Number(m[1]))}`, to: `${y2}-${pad(m2)}-${pad(lastDay)}` };
}

const INDICATOR = /^ukr_aid_(military|financial|humanitarian|total)_(alloc|commit)_cum_eur_bn$/;

/**
 * Kiel's per-donor cumulative totals in euros (Release 28) from `data/kiel/ukraine_support.csv`. The
 * US-dollar rows of Release 30v2 are another release in another currency and are not mixed in.
 */
export function kielTotalsFromRows(rows: readonly LongRow[], file = KIEL_FILE): KielDonorTotals[] {
  const byAlly = new Map<string, KielDonorTotals>();
  rows.forEach((r, i) => {
    const m = INDICATOR.exec(r.indicator);
    if (!m) return;
    const span = kielWindow(r.vintage);
    if (!span) throw new DataError(file, i + 2, "vintage", `no span "cumulative D Mon YYYY to end-Mon YYYY" in "${r.vintage}"`);
    const release = /Release \w+/.exec(r.vintage)?.[0] ?? r.vintage;
    let t = byAlly.get(r.ally_iso3);
    if (!t) {
      const blank = () => ({ military: null, financial: null, humanitarian: null, total: null });
      t = { ally: r.ally_iso3, release, span, eurBn: { allocations: blank(), commitments: blank() }, source: r.source };
      byAlly.set(r.ally_iso3, t);
    } else if (t.release !== release || t.span.from !== span.from || t.span.to !== span.to)
      throw new DataError(file, i + 2, "vintage", `${r.ally_iso3} mixes releases or windows (${t.release} and ${release})`);
    const measure: AidMeasure = m[2] === "alloc" ? "allocations" : "commitments";
    const category = m[1] as AidCategory;
    if (t.eurBn[measure][category] !== null) throw new DataError(file, i + 2, "indicator", `${r.ally_iso3} ${r.indicator} appears twice`);
    if (r.value < 0) throw new DataError(file, i + 2, "value", "aid cannot be negative");
    t.eurBn[measure][category] = r.value;
  });
  return [...byAlly.values()].sort((a, b) => a.ally.localeCompare(b.ally));
}

export function loadKielTotals(dataDir: string = findDataDir()): KielDonorTotals[] {
  return kielTotalsFromRows(readLongRows(dataDir, KIEL_FILE));
}
