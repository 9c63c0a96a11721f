import type { PathwaySet } from "../core/pathway.ts";
import { PATHWAY_SERIES_COLUMNS } from "../core/pathway-request.ts";

const finite = (a: Float64Array): boolean => {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i] as number)) return false;
  return true;
};

/**
 * The `pathways` member of POST /pathways, written straight from the typed arrays: Float64Array#join
 * formats numbers exactly as JSON.stringify does (shortest round-trip form) without building an
 * array of boxed numbers per column. The result parses to exactly `pathwaySeries(set)`.
 */
export function pathwaySeriesJson(set: PathwaySet): string {
  const parts: string[] = [];
  for (const p of set.allies) {
    const cols = PATHWAY_SERIES_COLUMNS.map(([key, column]) => {
      const a = p.columns[column];
      // JSON has no NaN or Infinity: such a column (never expected) goes through the generic path as null.
      return `${JSON.stringify(key)}:${finite(a) ? `[${a.join(",")}]` : JSON.stringify(Array.from(a, (v) => (Number.isFinite(v) ? v : null)))}`;
    });
    parts.push(
      `{"ally":${JSON.stringify(p.ally)},"name":${JSON.stringify(p.name)},"years":[${p.years.join(",")}],"review_index":${p.reviewIndex},"target_index":${p.targetIndex},"gdp_source":${JSON.stringify(p.gdpSource)},"columns":{${cols.join(",")}}}`,
    );
  }
  return `[${parts.join(",")}]`;
}
