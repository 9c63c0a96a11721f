import { useEffect, useState } from "preact/hooks";

/** How long each year stays on screen while the years play. */
const STEP_MS = 900;

/**
 * A time slider for the map and the ranking: drag through a release's years, or play them from the
 * first (or from the one shown) to the last. The slider moves over the release's own years, so a
 * year without figures is never a stop.
 */
export function YearSlider({ years, value, onChange }: { years: readonly number[]; value: number; onChange(y: number): void }) {
  const [playing, setPlaying] = useState(false);
  const index = Math.max(0, years.indexOf(value));
  useEffect(() => {
    if (!playing) return;
    const timer = setTimeout(() => {
      const next = years[index + 1];
      if (next === undefined) setPlaying(false);
      else onChange(next);
    }, STEP_MS);
    return () => clearTimeout(timer);
  }, [playing, index, years]);
  if (years.length < 2) return null;
  return (
    <div class="year-slider">
      <button
        type="button"
        class="btn-small"
        aria-pressed={playing}
        data-testid="play-years"
        onClick={() => {
          // Played from the last year, the years start again from the first.
          if (!playing && index === years.length - 1) onChange(years[0] as number);
          setPlaying(!playing);
        }}
      >
        {playing ? "Pause" : "Play"}
        <span class="sr-only">
          {" "}
          the years {years[0]} to {years.at(-1)}
        </span>
      </button>
      <label for="year-slider">
        <span class="sr-only">Year</span>
        <input
          id="year-slider"
          type="range"
          min={0}
          max={years.length - 1}
          step={1}
          value={index}
          aria-valuetext={String(value)}
          onInput={(e) => {
            const y = years[Number(e.currentTarget.value)];
            if (y !== undefined) onChange(y);
          }}
        />
      </label>
      <span class="year-slider-ends" aria-hidden="true">
        {years[0]}–{years.at(-1)}
      </span>
    </div>
  );
}
