/** Countries SIPRI and the IMF cover that Pledge compares with the alliance. */
export const COMPARATORS = [
  { iso3: "RUS", name: "Russia" },
  { iso3: "CHN", name: "China" },
  { iso3: "UKR", name: "Ukraine" },
] as const;

/** Aggregate codes used by the sources, not allies. */
export const AGGREGATE_CODES = ["NATO_TOTAL", "NATO_EUR_CAN", "WLD"] as const;
