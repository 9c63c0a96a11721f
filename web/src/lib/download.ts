import { type ExportMeta, sourceLine, wrapText } from "./export-meta.ts";

/** Saves text or a blob as a file through a temporary link (no server involved). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const saveText = (text: string, name: string, type: string) => saveBlob(new Blob([text], { type }), name);

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * A copy of a chart's SVG that looks the same outside the page: the computed styles the page's CSS
 * gives it are copied onto the clone as attributes.
 */
function styledClone(svg: SVGSVGElement): SVGSVGElement {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const src = svg.querySelectorAll("*");
  const dst = clone.querySelectorAll("*");
  const props = ["fill", "stroke", "stroke-width", "stroke-dasharray", "font-size", "font-family", "font-weight", "text-anchor", "opacity"];
  src.forEach((el, i) => {
    const target = dst[i];
    if (!target) return;
    const cs = getComputedStyle(el);
    for (const p of props) {
      const v = cs.getPropertyValue(p);
      if (v && !target.getAttribute(p)) target.setAttribute(p, v);
    }
  });
  // Focus and hover marks are the page's, not the chart's.
  for (const el of clone.querySelectorAll("[tabindex]")) el.removeAttribute("tabindex");
  return clone;
}

export interface ComposedSvg {
  text: string;
  width: number;
  height: number;
}

const PAD = 16;

/**
 * The chart as a standalone file that describes itself, laid out like the graphs analysts paste into
 * articles: title and subtitle above, the chart, then the source line with its address, the estimate
 * note, the link that reopens the view and the date below.
 */
export function composeSvg(svg: SVGSVGElement, meta: ExportMeta): ComposedSvg {
  const box = svg.viewBox.baseVal;
  const cw = box?.width || svg.clientWidth || 640;
  const ch = box?.height || svg.clientHeight || 300;
  const width = Math.max(560, Math.round(cw + 2 * PAD));
  const inner = width - 2 * PAD;
  const doc = document.implementation.createDocument(SVG_NS, "svg", null);
  const root = doc.documentElement as unknown as SVGSVGElement;
  root.setAttribute("font-family", "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif");
  const bg = doc.createElementNS(SVG_NS, "rect");
  bg.setAttribute("width", "100%");
  bg.setAttribute("height", "100%");
  bg.setAttribute("fill", "#ffffff");
  root.append(bg);
  let y = PAD;
  const lines = (text: string, size: number, charWidth: number, attrs: Record<string, string>, cls: string) => {
    for (const l of wrapText(text, Math.max(20, Math.floor(inner / (size * charWidth))))) {
      y += size * 1.3;
      const t = doc.createElementNS(SVG_NS, "text");
      t.setAttribute("x", String(PAD));
      t.setAttribute("y", String(Math.round(y)));
      t.setAttribute("font-size", String(size));
      t.setAttribute("class", cls);
      for (const [k, v] of Object.entries(attrs)) t.setAttribute(k, v);
      t.textContent = l;
      root.append(t);
    }
  };
  lines(meta.title, 18, 0.56, { "font-weight": "700", fill: "#111111" }, "export-title");
  if (meta.subtitle) lines(meta.subtitle, 13, 0.52, { fill: "#444444" }, "export-subtitle");
  y += 10;
  const chart = styledClone(svg);
  chart.setAttribute("x", String(PAD + Math.max(0, (inner - cw) / 2)));
  chart.setAttribute("y", String(Math.round(y)));
  chart.setAttribute("width", String(cw));
  chart.setAttribute("height", String(ch));
  root.append(doc.importNode(chart, true));
  y += ch + 6;
  const foot = { fill: "#555555" };
  lines(sourceLine(meta.sources), 11, 0.55, foot, "export-source");
  lines(meta.estimateNote, 11, 0.55, foot, "export-note");
  lines(`Pledge — ${meta.url} — saved ${meta.date}`, 11, 0.55, foot, "export-link");
  const height = Math.round(y + PAD);
  root.setAttribute("viewBox", `0 0 ${width} ${height}`);
  root.setAttribute("width", String(width));
  root.setAttribute("height", String(height));
  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}`, width, height };
}

/** PNG at twice the composed drawing's size: the SVG drawn on a canvas from a blob URL (allowed by `img-src 'self' blob:`). */
export async function svgToPng({ text, width, height }: ComposedSvg, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.width = width;
    img.height = height;
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error("the chart could not be drawn as an image"));
      img.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("no canvas");
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("no PNG"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}
