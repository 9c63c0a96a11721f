import { createContext } from "preact";
import { useContext } from "preact/hooks";

/**
 * The width in CSS pixels that a figure's chart is shown at, measured by `Figure`; null until measured
 * (and in the static pages' first paint). Charts draw in a coordinate system of about that width so
 * that an 11-unit label is an 11-pixel label on a phone too, instead of a desktop drawing shrunk to
 * half size.
 */
export const ChartWidth = createContext<number | null>(null);

/** Narrower than this, a chart keeps its layout and is scaled down as a whole. */
export const MIN_DRAWING_WIDTH = 320;

/** The width to draw at: the shown width, within [MIN_DRAWING_WIDTH, natural]. */
export function useDrawingWidth(natural: number): number {
  const shown = useContext(ChartWidth);
  return shown === null ? natural : Math.max(MIN_DRAWING_WIDTH, Math.min(natural, Math.round(shown)));
}

/** How many CSS pixels one drawing unit takes when a chart of `drawn` units is shown at its measured width. */
export function useUnitScale(drawn: number): number {
  const shown = useContext(ChartWidth);
  return shown === null ? 1 : Math.min(1, shown / drawn);
}
