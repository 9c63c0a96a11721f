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
  const emit = (text: string) => {
    const n = Number(text);
    if (text.trim() !== "" && Number.isFinite(n) && n >= min && n <= max) onInput(n);
  };
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
          value={value}
          disabled={disabled}
          onInput={(e) => emit(e.currentTarget.value)}
        />
      </div>
    </div>
  );
}
