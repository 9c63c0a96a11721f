import type { Dataset } from "../../../src/model/dataset.ts";

/** NATO releases as a labelled select; the press-only release is marked as such. */
export function VintageSelect({
  ds,
  value,
  onChange,
  id = "vintage",
}: {
  ds: Dataset;
  value: string;
  onChange(v: string): void;
  id?: string;
}) {
  return (
    <label for={id}>
      NATO release
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {ds.natoVintages().map((v) => (
          <option key={v.id} value={v.id}>
            {v.label}
            {v.status === "secondary" ? " (press figures only)" : ""}
          </option>
        ))}
      </select>
    </label>
  );
}

export function YearSelect({
  years,
  value,
  onChange,
  id = "year",
}: {
  years: readonly number[];
  value: number;
  onChange(y: number): void;
  id?: string;
}) {
  return (
    <label for={id}>
      Year
      <select id={id} value={String(value)} onChange={(e) => onChange(Number(e.currentTarget.value))}>
        {years.map((y) => (
          <option key={y} value={String(y)}>
            {y}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Years with a share of GDP in a vintage, ascending. */
export function shareYears(ds: Dataset, vintageId: string): number[] {
  const ys = new Set<number>();
  for (const a of ds.allies) for (const o of ds.series(vintageId, a.iso3, "defexp_share_gdp_pct")) ys.add(o.year);
  return [...ys].sort((a, b) => a - b);
}
