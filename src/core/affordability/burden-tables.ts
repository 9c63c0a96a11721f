import { MILLIONS_DECIMALS } from "../published-precision.ts";
import { type PublishedColumn, type PublishedRow, type PublishedTableSpec, percentColumn, publishRows } from "../published-table/spec.ts";
import type { BurdenResult } from "./burden.ts";

const pct = (key: string, header: string, description: string, machineOnly = false) =>
  percentColumn(key, header, "% of GDP", description, machineOnly);
const USD = "million US dollars, current prices, at the year's projected exchange rate";
const choice: PublishedColumn[] = [
  {
    key: "against",
    header: "Against",
    type: "text",
    values: ["freeze", "path"],
    machineOnly: true,
    description: "what the US gap is measured against (chosen)",
  },
  {
    key: "key",
    header: "Key",
    type: "text",
    values: ["gdp", "effort", "spending"],
    machineOnly: true,
    description: "how the gap is shared (chosen)",
  },
];

/** The US gap by year. */
export const BURDEN_GAP_SPEC: PublishedTableSpec = {
  name: "gap",
  description: "The gap a US cut leaves, by year, and the part Europe and Canada cover",
  columns: [
    { key: "year", header: "Year", type: "year", description: "calendar year" },
    pct("us_share_pct", "US core %GDP", "the US core share on the chosen cut"),
    pct("reference_share_pct", "Reference %GDP", "the US share the gap is measured against (freeze or its own path)"),
    {
      key: "gap_usd_m",
      header: "Gap $m",
      type: "number",
      unit: USD,
      decimals: MILLIONS_DECIMALS,
      displayDecimals: 0,
      description: "reference spending minus spending after the cut (0 when the cut is none)",
    },
    {
      key: "covered_usd_m",
      header: "Covered $m",
      type: "number",
      unit: USD,
      decimals: MILLIONS_DECIMALS,
      displayDecimals: 0,
      description: "the part Europe and Canada cover",
    },
    ...choice,
  ],
};

/** Each ally's part, by year. */
export const BURDEN_ALLIES_SPEC: PublishedTableSpec = {
  name: "shares",
  description: "Each ally's part of the covered gap, by year, in money and points of GDP, and the debt it adds if borrowed",
  columns: [
    { key: "ally", header: "ISO3", type: "text", description: "ISO 3166 alpha-3 code" },
    { key: "year", header: "Year", type: "year", description: "calendar year" },
    {
      key: "cost_usd_m",
      header: "Cost $m",
      type: "number",
      unit: USD,
      decimals: MILLIONS_DECIMALS,
      displayDecimals: 0,
      description: "the ally's part of the covered gap",
    },
    {
      key: "cost_nc_m",
      header: "Cost (m NC)",
      type: "number",
      unit: "million national currency, current prices",
      decimals: MILLIONS_DECIMALS,
      displayDecimals: 0,
      description: "the same in national currency at the path's rate",
      machineOnly: true,
    },
    pct("cost_pct_gdp", "Cost %GDP", "the same in points of the ally's GDP"),
    pct("extra_debt_pct_if_borrowed", "Added debt %GDP", "the debt the part adds by that year if borrowed (WEO effective rate)"),
    ...choice,
  ],
};

export function burdenGapRows(r: BurdenResult): PublishedRow[] {
  return publishRows(
    BURDEN_GAP_SPEC,
    Array.from(r.years, (year, k) => ({
      year,
      us_share_pct: r.usSharePct[k],
      reference_share_pct: r.referenceSharePct[k],
      gap_usd_m: r.gapUsdM[k],
      covered_usd_m: r.coveredUsdM[k],
      against: r.params.against,
      key: r.params.key,
    })),
  );
}

export function burdenAllyRows(r: BurdenResult, years?: readonly number[]): PublishedRow[] {
  const rows: object[] = [];
  for (const a of r.allies)
    r.years.forEach((year, k) => {
      if (years && !years.includes(year)) return;
      if (Number.isNaN(a.costUsdM[k] as number)) return;
      rows.push({
        ally: a.ally,
        year,
        cost_usd_m: a.costUsdM[k],
        cost_nc_m: a.costNcM[k],
        cost_pct_gdp: a.costPctGdp[k],
        extra_debt_pct_if_borrowed: a.extraDebtPct[k],
        against: r.params.against,
        key: r.params.key,
      });
    });
  return publishRows(BURDEN_ALLIES_SPEC, rows);
}
