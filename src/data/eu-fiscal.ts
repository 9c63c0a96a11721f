import type { EscapeClauseYear, EuDefenceInstruments, SafeAllocation } from "../core/affordability/eu-instruments.ts";
import { DataError } from "./data-error.ts";
import { findDataDir } from "./load-dataset.ts";
import { type LongRow, readLongRows } from "./long-rows.ts";

export const EU_FISCAL_FILE = "eu/eu_defence_fiscal.csv";

const KNOWN = new Set([
  "safe_loan_tentative_allocation_eur_bn",
  "safe_loan_tentative_allocation_eur",
  "safe_loan_amount_approved_plan_eur_bn",
  "sgp_nec_defence_active",
  "sgp_nec_defence_max_flex_pct_gdp",
]);

/**
 * The escape clause (a ceiling per ally and year, where the clause is active) and the SAFE allocations
 * (tentative, with a later approved amount where one was found), from the rows of `data/eu/eu_defence_fiscal.csv`.
 */
export function euInstrumentsFromRows(rows: readonly LongRow[], file = EU_FISCAL_FILE): EuDefenceInstruments {
  const active = new Set<string>();
  const ceilings: { row: number; r: LongRow }[] = [];
  const safe = new Map<string, SafeAllocation>();
  const approved: { row: number; r: LongRow }[] = [];
  rows.forEach((r, i) => {
    const row = i + 2;
    if (!KNOWN.has(r.indicator)) throw new DataError(file, row, "indicator", `unknown indicator "${r.indicator}"`);
    if (r.value < 0) throw new DataError(file, row, "value", "cannot be negative");
    if (r.indicator === "sgp_nec_defence_active") {
      if (r.value !== 0 && r.value !== 1) throw new DataError(file, row, "value", "the activation flag is 0 or 1");
      if (r.value === 1) active.add(`${r.ally_iso3}|${r.year}`);
    } else if (r.indicator === "sgp_nec_defence_max_flex_pct_gdp") ceilings.push({ row, r });
    else if (r.indicator === "safe_loan_tentative_allocation_eur_bn") {
      if (safe.has(r.ally_iso3)) throw new DataError(file, row, "ally_iso3", `${r.ally_iso3} has two tentative SAFE allocations`);
      safe.set(r.ally_iso3, {
        ally: r.ally_iso3,
        country: r.country,
        tentativeEurBn: r.value,
        approvedPlanEurBn: null,
        decision: r.vintage,
        source: r.source,
      });
    } else if (r.indicator === "safe_loan_amount_approved_plan_eur_bn") approved.push({ row, r });
  });
  const escapeClause: EscapeClauseYear[] = ceilings.map(({ row, r }) => {
    if (!active.has(`${r.ally_iso3}|${r.year}`))
      throw new DataError(file, row, "year", `a ceiling for ${r.ally_iso3} ${r.year} without an activation row`);
    return { ally: r.ally_iso3, year: r.year, maxFlexPct: r.value, decision: r.vintage };
  });
  for (const { row, r } of approved) {
    const s = safe.get(r.ally_iso3);
    if (!s) throw new DataError(file, row, "ally_iso3", `an approved SAFE amount for ${r.ally_iso3} without a tentative allocation`);
    s.approvedPlanEurBn = r.value;
  }
  return { escapeClause, safe: [...safe.values()] };
}

export function loadEuInstruments(dataDir: string = findDataDir()): EuDefenceInstruments {
  return euInstrumentsFromRows(readLongRows(dataDir, EU_FISCAL_FILE));
}
