/**
 * Sequential colours for shares of GDP: viridis, which stays ordered for the common colour-vision
 * deficiencies and in greyscale. Breaks sit on the guidelines (2%, 3.5%, 5%) so the legend reads as them.
 */
export const SHARE_BREAKS = [1, 1.5, 2, 2.5, 3.5, 5] as const;
export const SHARE_COLOURS = ["#fde725", "#a0da39", "#4ac16d", "#1fa187", "#277f8e", "#365c8d", "#46327e"] as const;
export const NO_DATA = "#d9d9d9";
export const NOT_APPLICABLE = "#f2f2f2";

export function shareColour(v: number | null): string {
  if (v === null) return NO_DATA;
  let i = 0;
  while (i < SHARE_BREAKS.length && v >= (SHARE_BREAKS[i] as number)) i++;
  return SHARE_COLOURS[i] as string;
}

/** Text drawn on a bar or a swatch must stay readable: dark on the light end, white on the dark end. */
export const inkOn = (colour: string) => (SHARE_COLOURS.indexOf(colour as (typeof SHARE_COLOURS)[number]) >= 4 ? "#fff" : "#111");

export function legendItems(): { colour: string; label: string }[] {
  return SHARE_COLOURS.map((colour, i) => {
    const lo = SHARE_BREAKS[i - 1];
    const hi = SHARE_BREAKS[i];
    const label = lo === undefined ? `< ${hi}%` : hi === undefined ? `≥ ${lo}%` : `${lo}–${hi}%`;
    return { colour, label };
  });
}

/** Lines of a multi-series chart: Okabe–Ito, distinguishable with every common colour-vision deficiency. */
export const SERIES_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"] as const;
export const seriesColour = (i: number) => SERIES_COLOURS[i % SERIES_COLOURS.length] as string;

/**
 * A NATO release keeps one colour on every chart: its place among all releases (oldest first), not
 * among the releases that happen to have a figure for the ally shown.
 */
export function releaseColour(vintageId: string, releases: readonly { id: string }[]): string {
  const i = releases.findIndex((r) => r.id === vintageId);
  return i < 0 ? "#777777" : seriesColour(i);
}

/** SIPRI's series, beside NATO's releases: a dark grey that no release takes. */
export const SIPRI_COLOUR = "#4d4d4d";
