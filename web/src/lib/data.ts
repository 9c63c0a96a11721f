import { type Bundle, decodeBundle } from "../../../src/data/bundle.ts";
import { createDataset, type Dataset } from "../../../src/model/dataset.ts";

/**
 * Every URL is relative to the page, so the same build works under `pledge serve` (which answers
 * `/dataset.json` and `/api/v1/…`) and from a `pledge build-site` folder on any static host.
 */
export const DATASET_URL = "./dataset.json";
export const apiUrl = (path: string) => new URL(`./api/v1/${path}`, document.baseURI).href;

export async function loadDataset(): Promise<Dataset> {
  const res = await fetch(DATASET_URL);
  if (!res.ok) throw new Error(`the dataset (${DATASET_URL}) could not be loaded: HTTP ${res.status}`);
  const bundle = (await res.json()) as Bundle;
  const { parts, series } = decodeBundle(bundle, "dataset.json");
  return createDataset(parts, series);
}

/** True when the Pledge API answers beside the page; a static copy has none and hides what needs it. */
export async function detectApi(): Promise<boolean> {
  // `pledge build-site` marks its copy as static: no request is made that would only answer 404.
  if (document.querySelector('meta[name="pledge-site"]')?.getAttribute("content") === "static") return false;
  try {
    const res = await fetch(apiUrl("health"), { headers: { accept: "application/json" } });
    if (!res.ok || !res.headers.get("content-type")?.includes("json")) return false;
    const body = (await res.json()) as { status?: string };
    return body.status === "ok";
  } catch {
    return false;
  }
}
