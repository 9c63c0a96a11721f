import type { Dataset } from "../model/dataset.ts";
import type { IndicatorId } from "../model/indicator.ts";
import type { EstimateFlag } from "../model/observation.ts";
import { membersIn } from "./membership.ts";
import { flagColumn, type PublishedTableSpec, publishRows } from "./published-table/spec.ts";

export interface RankedAlly {
  rank: number;
  ally: string;
  name: string;
  value: number;
  estimate: EstimateFlag;
}

/**
 * The members of the year ranked by one indicator (highest first); equal values share a rank ("1224").
 * Allies without the figure, and allies that had not yet joined, are left out.
 */
export function rankAllies(ds: Dataset, indicator: IndicatorId, year: number, vintageId: string): RankedAlly[] {
  const rows = membersIn(ds, year).flatMap((a) => {
    const o = ds.get(vintageId, a.iso3, indicator, year);
    return o ? [{ rank: 0, ally: a.iso3, name: a.name, value: o.value, estimate: o.estimate }] : [];
  });
  rows.sort((a, b) => b.value - a.value || a.name.localeCompare(b.name));
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    r.rank = prev && prev.value === r.value ? prev.rank : i + 1;
  });
  return rows;
}

/** The published ranking: the value's unit and decimals come from the indicator registry at publication. */
export function rankingSpec(unit: string, shortUnit: string, decimals: number): PublishedTableSpec {
  return {
    name: "rankings",
    description: "The members of the year ranked by one indicator; equal values share a rank",
    columns: [
      { key: "rank", header: "#", type: "integer", description: "rank (equal values share one)" },
      { key: "ally", header: "ISO3", type: "text", description: "ISO 3166 alpha-3" },
      { key: "name", header: "Ally", type: "text", description: "name" },
      {
        key: "value",
        header: shortUnit,
        type: "number",
        unit,
        displayDecimals: decimals,
        estimateKey: "estimate",
        description: "the value as the source publishes it",
      },
      flagColumn("estimate", "value"),
    ],
  };
}

export const rankingRows = (spec: PublishedTableSpec, ranked: readonly RankedAlly[]) => publishRows(spec, ranked);
