import type { RefObject } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";

interface Tip {
  text: string;
  x: number;
  y: number;
}

/**
 * One tooltip for every mark of a chart that has a `data-tip`: shown on hover, on a tap (a native
 * `<title>` does nothing on a touch screen) and on keyboard focus. A tap on a linked mark (a country
 * of the map) first shows its figure; a second tap on the same mark follows the link.
 */
export function useTooltip(box: RefObject<HTMLElement | null>) {
  const [tip, setTip] = useState<Tip | null>(null);
  const shownFor = useRef<Element | null>(null);
  const before = useRef<Element | null>(null);
  const pointer = useRef<string>("mouse");

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const markOf = (t: EventTarget | null) => (t instanceof Element ? t.closest("[data-tip]") : null);
    const show = (mark: Element | null, x: number, y: number) => {
      shownFor.current = mark;
      setTip(mark ? { text: mark.getAttribute("data-tip") ?? "", x, y } : null);
    };
    const at = (e: { clientX: number; clientY: number }) => {
      const r = el.getBoundingClientRect();
      return [e.clientX - r.left, e.clientY - r.top] as const;
    };
    const move = (e: PointerEvent) => {
      if (e.pointerType !== "mouse") return;
      const [x, y] = at(e);
      show(markOf(e.target), x, y);
    };
    const leave = (e: PointerEvent) => {
      if (e.pointerType === "mouse") show(null, 0, 0);
    };
    const down = (e: PointerEvent) => {
      pointer.current = e.pointerType;
      before.current = shownFor.current;
      if (e.pointerType === "mouse") return;
      const [x, y] = at(e);
      show(markOf(e.target), x, y);
    };
    const click = (e: MouseEvent) => {
      const mark = markOf(e.target);
      // A first tap on a link shows what it holds instead of leaving the page.
      if (pointer.current !== "mouse" && mark?.closest("a") && before.current !== mark) e.preventDefault();
    };
    const focus = (e: FocusEvent) => {
      const mark = markOf(e.target);
      if (!mark) return;
      const r = el.getBoundingClientRect();
      const m = mark.getBoundingClientRect();
      show(mark, m.left + m.width / 2 - r.left, m.top + m.height / 2 - r.top);
    };
    const blur = () => show(null, 0, 0);
    const outside = (e: PointerEvent) => {
      if (!el.contains(e.target as Node)) show(null, 0, 0);
    };
    el.addEventListener("pointermove", move);
    el.addEventListener("pointerleave", leave);
    el.addEventListener("pointerdown", down);
    el.addEventListener("click", click, true);
    el.addEventListener("focusin", focus);
    el.addEventListener("focusout", blur);
    document.addEventListener("pointerdown", outside);
    return () => {
      el.removeEventListener("pointermove", move);
      el.removeEventListener("pointerleave", leave);
      el.removeEventListener("pointerdown", down);
      el.removeEventListener("click", click, true);
      el.removeEventListener("focusin", focus);
      el.removeEventListener("focusout", blur);
      document.removeEventListener("pointerdown", outside);
    };
  }, [box]);

  // Read only while a tip shows: reading a width in render forces a layout of the page, and the
  // planner renders two charts on every slider step.
  const width = tip ? (box.current?.clientWidth ?? 0) : 0;
  // The tip stays inside the chart: it opens to the left of the pointer in the chart's right half.
  const element = tip ? (
    <div
      class="chart-tooltip"
      data-testid="chart-tooltip"
      aria-hidden="true"
      style={{
        top: `${Math.max(0, tip.y - 12)}px`,
        ...(tip.x > width / 2 ? { right: `${Math.max(0, width - tip.x + 12)}px` } : { left: `${tip.x + 12}px` }),
        transform: "translateY(-100%)",
      }}
    >
      {tip.text}
    </div>
  ) : null;
  return element;
}
