import { useState } from "preact/hooks";
import { fmt } from "../lib/format.ts";

interface NumberSliderProps {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  unit?: string;
  disabled?: boolean;
  onInput(v: number): void;
}

/** A range and a number input bound to the same value: drag, use the arrow keys, or type. */
export function NumberSlider({ id, label, value, min, max, step, unit, disabled, onInput }: NumberSliderProps) {
  /** What was typed while it is not a value the planner accepts: kept in the box, with a message beside it. */
  const [draft, setDraft] = useState<string | null>(null);
  const emit = (text: string) => {
    const n = Number(text);
    if (text.trim() !== "" && Number.isFinite(n) && n >= min && n <= max) {
      setDraft(null);
      onInput(n);
    } else setDraft(text);
  };
  const decimals = step < 1 ? 1 : 0;
  return (
    <div class="field">
      <label for={`${id}-range`}>
        {label}
        {unit ? ` (${unit})` : ""}
      </label>
      <div class="slider">
        <input
          id={`${id}-range`}
          type="range"
          min={min}
          max={max}
          step={step}
          value={value}
          disabled={disabled}
          onInput={(e) => emit(e.currentTarget.value)}
        />
        <input
          id={`${id}-number`}
          type="number"
          aria-label={`${label}${unit ? ` (${unit})` : ""}, exact value`}
          min={min}
          max={max}
          step={step}
          value={draft ?? value}
          disabled={disabled}
          aria-invalid={draft !== null}
          aria-describedby={draft !== null ? `${id}-error` : undefined}
          onInput={(e) => emit(e.currentTarget.value)}
        />
      </div>
      {draft !== null ? (
        <p class="field-error" id={`${id}-error`} role="alert" data-testid={`${id}-error`}>
          {draft.trim() === "" ? "Enter a number" : `${draft} is outside the range`}: from {fmt(min, decimals)} to {fmt(max, decimals)}
          {unit ? ` ${unit}` : ""}. The planner keeps {fmt(value, decimals)}.
        </p>
      ) : null}
    </div>
  );
}
