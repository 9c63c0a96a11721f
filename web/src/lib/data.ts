import { type Bundle, decodeBundle } from "../../../src/data/bundle.ts";
import { createDataset, type Dataset } from "../../../src/model/dataset.ts";

/**
 * Every URL is relative to the page, so the same build works under `pledge serve` (which answers
 * `/dataset.json` and `/api/v1/…`) and from a `pledge build-site` folder on any static host.
 */
export const DATASET_URL = "./dataset.json";
export const apiUrl = (path: string) => new URL(`./api/v1/${path}`, document.baseURI).href;

/** The server keeps its figures for signed-in users (`pledge serve --private`): the dataset answered 401. */
export class SignInRequired extends Error {
  constructor() {
    super("this Pledge server shows its figures to signed-in users only");
    this.name = "SignInRequired";
  }
}

export async function loadDataset(): Promise<Dataset> {
  const res = await fetch(DATASET_URL, { credentials: "same-origin" });
  if (res.status === 401) throw new SignInRequired();
  if (!res.ok) throw new Error(`the dataset (${DATASET_URL}) could not be loaded: HTTP ${res.status}`);
  const bundle = (await res.json()) as Bundle;
  const { parts, series } = decodeBundle(bundle, "dataset.json");
  return createDataset(parts, series);
}

export interface ApiStatus {
  /** The Pledge API answers beside the page; a static copy has none and hides what needs it. */
  available: boolean;
  /** False on a private server (`pledge serve --private`): figures only for signed-in users. */
  publicReads: boolean;
}

export async function detectApi(): Promise<ApiStatus> {
  const none = { available: false, publicReads: true };
  // `pledge build-site` marks its copy as static: no request is made that would only answer 404.
  if (document.querySelector('meta[name="pledge-site"]')?.getAttribute("content") === "static") return none;
  try {
    const res = await fetch(apiUrl("health"), { headers: { accept: "application/json" } });
    if (!res.ok || !res.headers.get("content-type")?.includes("json")) return none;
    const body = (await res.json()) as { status?: string; publicReads?: boolean };
    return body.status === "ok" ? { available: true, publicReads: body.publicReads !== false } : none;
  } catch {
    return none;
  }
}
