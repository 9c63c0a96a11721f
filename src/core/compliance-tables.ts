import type { Dataset } from "../model/dataset.ts";
import type { GuidelineId } from "../model/guideline.ts";
import type { AllianceAggregates } from "./aggregates.ts";
import type { AllyYearStatus, GuidelineStatus } from "./compliance.ts";
import { publishedPct } from "./figure.ts";
import { MILLIONS_DECIMALS } from "./published-precision.ts";
import { flagColumn, type PublishedColumn, type PublishedRow, type PublishedTableSpec, publishRows } from "./published-table/spec.ts";
import { type AidMeasure, type AllyUkraineAid, shareWithUkraineAid } from "./ukraine-aid.ts";

export const GUIDELINE_STATUSES: readonly GuidelineStatus[] = ["met", "below", "not_applicable", "no_data", "not_in_force", "not_member"];

const STATUS_LABELS = { not_applicable: "n/a", no_data: "no data", not_in_force: "–", not_member: "–" } as const;

/** Short people's headers of the guidelines' verdict columns; the rest of each guideline comes from data/guidelines.csv. */
const SHORT: Record<GuidelineId, string> = { gdp2: "2%", equipment20: "20% eq.", hague_core: "core", hague_total: "total" };

function guidelineColumns(ds: Dataset | null, id: GuidelineId): PublishedColumn[] {
  const g = ds?.guidelines.find((x) => x.id === id);
  const name = g?.name ?? id;
  const header = id === "hague_core" && g ? `${g.thresholdPct}% core` : SHORT[id];
  return [
    {
      key: `${id}_status`,
      header,
      type: "text",
      values: GUIDELINE_STATUSES,
      labels: STATUS_LABELS,
      machineOnly: id === "hague_total",
      description: `${name}: met or below on NATO's published two-decimal figure; not_in_force before ${g ? g.fromYear : "the guideline's first year"}; not_member before the ally's accession; not_applicable without armed forces; no_data where the vintage has no figure`,
    },
    {
      key: `${id}_threshold_pct`,
      header: "",
      type: "number",
      unit: id === "equipment20" ? "% of defence spending" : "% of GDP",
      machineOnly: true,
      description: `${name}: the threshold for the ally (its own arrangement where one is recorded)`,
    },
    {
      key: `${id}_gap_pp`,
      header: "",
      type: "number",
      unit: "percentage points",
      decimals: 2,
      machineOnly: true,
      description: "threshold minus the published value: positive is a shortfall, negative headroom",
    },
    {
      key: `${id}_gap_usd_current_m`,
      header: "",
      type: "number",
      unit: "million US dollars, current prices",
      decimals: MILLIONS_DECIMALS,
      machineOnly: true,
      description: "the gap in money: points × GDP (× defence spending for the equipment guideline), at NATO's exchange rate",
    },
    {
      key: `${id}_gap_nc_current_m`,
      header: "",
      type: "number",
      unit: "million national currency, current prices",
      decimals: MILLIONS_DECIMALS,
      machineOnly: true,
      description: "the same gap in national currency, at NATO's exchange rate for the year",
    },
  ];
}

/** One row per member of the year: its figures and every guideline's verdict (names and thresholds from the dataset, when given). */
export function complianceSpec(ds: Dataset | null, guidelines: readonly GuidelineId[]): PublishedTableSpec {
  return {
    name: "compliance",
    description:
      "The allies that were members in the year, ranked by share of GDP, against every guideline in force; NATO's figures as published with their estimate flags",
    columns: [
      { key: "rank", header: "#", type: "integer", description: "rank by share of GDP among members with a figure" },
      { key: "ally", header: "ISO3", type: "text", description: "ISO 3166 alpha-3 code" },
      { key: "name", header: "Ally", type: "text", description: "ally name" },
      { key: "year", header: "", type: "year", machineOnly: true, description: "calendar year" },
      { key: "vintage", header: "", type: "text", machineOnly: true, description: "NATO release" },
      {
        key: "applicable",
        header: "",
        type: "boolean",
        machineOnly: true,
        description: "false for an ally without armed forces (Iceland): no spending guideline applies",
      },
      {
        key: "share_of_gdp_pct",
        header: "% GDP",
        type: "number",
        unit: "% of GDP",
        displayDecimals: 2,
        estimateKey: "share_estimate",
        description: "defence expenditure as a share of GDP, as NATO publishes it",
      },
      flagColumn("share_estimate", "share_of_gdp_pct"),
      {
        key: "equipment_share_pct",
        header: "% equip.",
        type: "number",
        unit: "% of defence expenditure",
        displayDecimals: 1,
        estimateKey: "equipment_estimate",
        description: "major equipment, including related R&D, as a share of defence expenditure",
      },
      flagColumn("equipment_estimate", "equipment_share_pct"),
      {
        key: "spending_usd_current_m",
        header: "$m current",
        type: "number",
        unit: "million US dollars, current prices and exchange rates",
        displayDecimals: 0,
        estimateKey: "spending_estimate",
        description: "defence expenditure",
      },
      flagColumn("spending_estimate", "spending_usd_current_m"),
      {
        key: "spending_nc_current_m",
        header: "",
        type: "number",
        unit: "million national currency, current prices",
        machineOnly: true,
        description: "defence expenditure in national currency",
      },
      {
        key: "per_capita_usd_const",
        header: "$/capita",
        type: "number",
        unit: "US dollars per capita, constant prices",
        displayDecimals: 0,
        estimateKey: "per_capita_estimate",
        description: "defence expenditure per head, constant prices of the vintage's base year",
      },
      flagColumn("per_capita_estimate", "per_capita_usd_const"),
      {
        key: "gdp_usd_current_m",
        header: "",
        type: "number",
        unit: "million US dollars, current prices",
        machineOnly: true,
        estimateKey: "gdp_estimate",
        description: "GDP as NATO publishes it",
      },
      flagColumn("gdp_estimate", "gdp_usd_current_m"),
      ...guidelines.flatMap((id) => guidelineColumns(ds, id)),
    ],
  };
}

/** The compliance records, ranked, under the spec's column names; Iceland's numbers are absent (null), its status says why. */
export function complianceRecords(statuses: readonly AllyYearStatus[]) {
  let rank = 0;
  return statuses.map((s) => {
    const ranked = s.applicable && s.shareOfGdpPct !== null;
    if (ranked) rank++;
    const row: Record<string, string | number | boolean | null> = {
      rank: ranked ? rank : null,
      ally: s.ally,
      name: s.name,
      year: s.year,
      vintage: s.vintageId,
      applicable: s.applicable,
      share_of_gdp_pct: s.shareOfGdpPct?.value ?? null,
      share_estimate: s.shareOfGdpPct?.estimate ?? null,
      equipment_share_pct: s.equipmentSharePct?.value ?? null,
      equipment_estimate: s.equipmentSharePct?.estimate ?? null,
      spending_usd_current_m: s.spendingUsdCurrentM?.value ?? null,
      spending_estimate: s.spendingUsdCurrentM?.estimate ?? null,
      spending_nc_current_m: s.spendingNcCurrentM?.value ?? null,
      per_capita_usd_const: s.perCapitaUsdConst?.value ?? null,
      per_capita_estimate: s.perCapitaUsdConst?.estimate ?? null,
      gdp_usd_current_m: s.gdpUsdCurrentM?.value ?? null,
      gdp_estimate: s.gdpUsdCurrentM?.estimate ?? null,
    };
    for (const k of s.checks) {
      row[`${k.guidelineId}_status`] = k.status;
      row[`${k.guidelineId}_threshold_pct`] = k.thresholdPct;
      row[`${k.guidelineId}_gap_pp`] = k.gapPp;
      row[`${k.guidelineId}_gap_usd_current_m`] = k.gapUsdCurrentM;
      row[`${k.guidelineId}_gap_nc_current_m`] = k.gapNcCurrentM;
    }
    return row;
  });
}

export function complianceTable(ds: Dataset, statuses: readonly AllyYearStatus[]) {
  const guidelines = statuses[0]?.checks.map((k) => k.guidelineId) ?? [];
  const spec = complianceSpec(ds, guidelines);
  return { spec, rows: publishRows(spec, complianceRecords(statuses)) };
}

/** One row per guideline: how many members of the year meet it, and which. */
export const GUIDELINE_COUNTS_SPEC: PublishedTableSpec = {
  name: "guidelines",
  description:
    "Per guideline: members of the year at or above it, below it, without data, not applicable; nothing is counted before a guideline is in force",
  columns: [
    { key: "guideline", header: "Id", type: "text", description: "guideline id (data/guidelines.csv)" },
    { key: "name", header: "Guideline", type: "text", description: "guideline" },
    { key: "in_force", header: "In force", type: "boolean", description: "false before the guideline's first year" },
    { key: "met", header: "Met", type: "integer", description: "members at or above the threshold" },
    { key: "below", header: "Below", type: "integer", description: "members below the threshold" },
    { key: "assessed", header: "Of", type: "integer", description: "members with a figure: met + below" },
    { key: "no_data", header: "No data", type: "integer", description: "members without a figure in the vintage" },
    { key: "not_applicable", header: "n/a", type: "integer", description: "members without armed forces" },
    { key: "members", header: "Members", type: "integer", description: "members of the alliance in the year" },
    { key: "allies_met", header: "", type: "text", machineOnly: true, description: "ISO3 codes of the members that meet it" },
    { key: "allies_below", header: "Below (ISO3)", type: "text", description: "ISO3 codes of the members below it" },
  ],
};

export function guidelineCountRows(agg: AllianceAggregates) {
  return publishRows(
    GUIDELINE_COUNTS_SPEC,
    agg.counts.map((c) => ({
      guideline: c.guidelineId,
      name: c.name,
      in_force: c.inForce,
      met: c.inForce ? c.met.length : null,
      below: c.inForce ? c.below.length : null,
      assessed: c.inForce ? c.met.length + c.below.length : null,
      no_data: c.inForce ? c.noData.length : null,
      not_applicable: c.notApplicable.length,
      members: agg.membership.members,
      allies_met: c.inForce ? c.met.join(" ") : null,
      allies_below: c.inForce ? c.below.join(" ") : null,
    })),
  );
}

/**
 * The compliance table with Ukraine aid counted (`--ukraine-aid include`): each member's share plus
 * Kiel's average annual military aid (allocations unless told), and the 2 % and core verdicts on that
 * share. NATO's figures already include the military aid allies report, so these columns are the top
 * of a range, beside NATO's, never in place of it.
 */
export function withUkraineAid(
  table: { spec: PublishedTableSpec; rows: PublishedRow[] },
  aid: ReadonlyMap<string, AllyUkraineAid>,
  measure: AidMeasure = "allocations",
): { spec: PublishedTableSpec; rows: PublishedRow[] } {
  const columns: PublishedColumn[] = [
    {
      key: "ukraine_military_aid_pp",
      header: "+Ukraine pp",
      type: "number",
      unit: "percentage points of GDP",
      decimals: 4,
      displayDecimals: 2,
      description: `Kiel Ukraine Support Tracker military ${measure}, as an average annual share of GDP over the tracker's window`,
    },
    {
      key: "share_with_ukraine_aid_pct",
      header: "% GDP + aid",
      type: "number",
      unit: "% of GDP",
      decimals: 4,
      displayDecimals: 2,
      description: "NATO's share plus the military aid above: the top of a range (NATO's figure may already include part of it)",
    },
    ...(["gdp2", "hague_core"] as const).map(
      (id): PublishedColumn => ({
        key: `${id}_status_with_aid`,
        header: `${id === "gdp2" ? "2%" : "core"} + aid`,
        type: "text",
        values: GUIDELINE_STATUSES,
        labels: STATUS_LABELS,
        description: `the ${id} verdict on the share with aid (same rule: the two-decimal figure against the threshold)`,
      }),
    ),
  ];
  const spec = { ...table.spec, columns: [...table.spec.columns, ...columns] };
  const rows = table.rows.map((r) => {
    const a = aid.get(r.ally as string);
    const { sharePct, addedPp } = shareWithUkraineAid((r.share_of_gdp_pct as number | null) ?? null, a, "include", measure);
    const out: Record<string, string | number | boolean | null> = {
      ...r,
      ukraine_military_aid_pp: addedPp,
      share_with_ukraine_aid_pct: sharePct,
    };
    for (const id of ["gdp2", "hague_core"] as const) {
      const status = r[`${id}_status`] as GuidelineStatus;
      const threshold = r[`${id}_threshold_pct`] as number;
      out[`${id}_status_with_aid`] =
        (status === "met" || status === "below") && sharePct !== null ? (publishedPct(sharePct) >= threshold ? "met" : "below") : status;
    }
    return out;
  });
  return { spec, rows: publishRows(spec, rows) };
}
