import type { Dataset } from "../../../src/model/dataset.ts";

export function AllySelect({ ds, value, onChange, id = "ally" }: { ds: Dataset; value: string; onChange(a: string): void; id?: string }) {
  const allies = [...ds.allies].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <label for={id}>
      Ally
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {allies.map((a) => (
          <option key={a.iso3} value={a.iso3}>
            {a.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A group of checkboxes, one per ally, for the planner and the comparison. */
export function AllyChecks({
  ds,
  value,
  onChange,
  legend,
}: {
  ds: Dataset;
  value: readonly string[];
  onChange(a: string[]): void;
  legend: string;
}) {
  const allies = [...ds.allies].filter((a) => a.hasArmedForces).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <fieldset class="ally-checks">
      <legend>{legend}</legend>
      <div class="chips">
        {allies.map((a) => (
          <label key={a.iso3}>
            <input
              type="checkbox"
              checked={value.includes(a.iso3)}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                onChange(on ? [...value, a.iso3] : value.filter((x) => x !== a.iso3));
              }}
            />
            {a.iso3}
            <span class="sr-only"> {a.name}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
