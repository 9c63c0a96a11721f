import { useState } from "preact/hooks";
import type { Dataset } from "../../../src/model/dataset.ts";
import { matchAllies } from "../lib/ally-search.ts";

export function AllySelect({ ds, value, onChange, id = "ally" }: { ds: Dataset; value: string; onChange(a: string): void; id?: string }) {
  const allies = [...ds.allies].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <label for={id}>
      Ally
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {allies.some((a) => a.iso3 === value) ? null : (
          <option value="" disabled>
            Choose an ally…
          </option>
        )}
        {allies.map((a) => (
          <option key={a.iso3} value={a.iso3}>
            {a.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The planner's and the comparison's allies: a search box (a combobox: name, ISO3 or ISO2 code) that
 * adds an ally, "all" and "none", and a checkbox per ally for those who prefer to tick.
 */
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
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const matches = matchAllies(allies, query).slice(0, 8);
  const open = matches.length > 0;
  const listId = `${legend.replace(/\W+/g, "-").toLowerCase()}-matches`;
  const choose = (iso3: string) => {
    if (!value.includes(iso3)) onChange([...value, iso3]);
    setQuery("");
    setActive(0);
  };
  return (
    <fieldset class="ally-checks">
      <legend>{legend}</legend>
      <div class="ally-search">
        <label>
          Add an ally
          <input
            type="text"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={open}
            aria-controls={listId}
            aria-activedescendant={open ? `${listId}-${active}` : undefined}
            placeholder="name, ISO3 or ISO2"
            autocomplete="off"
            value={query}
            data-testid="ally-search"
            onInput={(e) => {
              setQuery(e.currentTarget.value);
              setActive(0);
            }}
            onKeyDown={(e) => {
              if (e.key === "ArrowDown" && open) {
                e.preventDefault();
                setActive((active + 1) % matches.length);
              } else if (e.key === "ArrowUp" && open) {
                e.preventDefault();
                setActive((active - 1 + matches.length) % matches.length);
              } else if (e.key === "Enter") {
                e.preventDefault();
                const m = matches[active];
                if (m) choose(m.iso3);
              } else if (e.key === "Escape") setQuery("");
            }}
          />
        </label>
        {open ? (
          <div role="listbox" id={listId} class="ally-matches" aria-label="Matching allies">
            {matches.map((a, i) => (
              // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox's input takes the keys (arrows, Enter), as the ARIA pattern has it
              <div
                key={a.iso3}
                tabIndex={-1}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                class={i === active ? "active" : undefined}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(a.iso3)}
              >
                {a.name} <span class="code">{a.iso3}</span>
                {value.includes(a.iso3) ? " (chosen)" : ""}
              </div>
            ))}
          </div>
        ) : query.trim() ? (
          <p class="note" role="status">
            No ally matches “{query.trim()}”.
          </p>
        ) : null}
        <button type="button" class="btn-small" onClick={() => onChange(allies.map((a) => a.iso3))}>
          Select all
        </button>
        <button type="button" class="btn-small" onClick={() => onChange([])}>
          Select none
        </button>
      </div>
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
