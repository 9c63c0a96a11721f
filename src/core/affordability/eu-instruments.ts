/**
 * The EU's instruments for defence, as data (data/eu/eu_defence_fiscal.csv, read by src/data/eu-fiscal.ts):
 * the national escape clause of the Stability and Growth Pact and the SAFE loans.
 */
export interface EscapeClauseYear {
  ally: string;
  year: number;
  /** The ceiling on the deviation allowed for extra defence spending, percent of GDP. */
  maxFlexPct: number;
  /** The decision that activated it (the row's vintage: the Council's implementing decision). */
  decision: string;
}

export interface SafeAllocation {
  ally: string;
  country: string;
  /** The Commission's tentative allocation of 9 Sep 2025, billion euros. */
  tentativeEurBn: number;
  /** A later amount after approval of the national plan, where one was found (Latvia), billion euros. */
  approvedPlanEurBn: number | null;
  decision: string;
  source: string;
}

export interface EuDefenceInstruments {
  escapeClause: EscapeClauseYear[];
  safe: SafeAllocation[];
}

/** The caveats that travel with every figure drawn from the instruments (data/PROVENANCE.md, section 8). */
export const EU_INSTRUMENT_CAVEATS: readonly string[] = [
  "SAFE allocations are the Commission's tentative ones; they can change with the loan agreements (Latvia's approved amount already differs and is shown beside it).",
  "SAFE is a loan: it changes who lends, not whether the debt rises, so it is compared with the extra spending, never subtracted from the debt.",
  "The escape clause's 1.5 % of GDP is a ceiling on the deviation from the net expenditure path, not a sum of money; the Commission measures extra defence spending against its 2021 level, a rule not encoded here: Pledge compares the ceiling with the path's core extra over its own base year.",
  "The clause covers 2025 to 2028; extra spending in later years is outside it.",
];

/** The ceiling of `ally` in `year`, or null when the clause is not active for it that year. */
export function clauseRoomPct(eu: EuDefenceInstruments, ally: string, year: number): number | null {
  return eu.escapeClause.find((c) => c.ally === ally && c.year === year)?.maxFlexPct ?? null;
}
