import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createDataset, type Dataset } from "../model/dataset.ts";
import { type Bundle, decodeBundle } from "./bundle.ts";

// This module is on every command's start-up path: it must not import zod or a CSV parser
// (the CSVs are validated when the bundle is built; see read-csv-dataset.ts).

export const BUNDLE_FILE = "generated/dataset.json";

/** The data folder: $PLEDGE_DATA_DIR, else the nearest `data/` above this module (works from src/ and dist/). */
export function findDataDir(): string {
  const fromEnv = process.env.PLEDGE_DATA_DIR;
  if (fromEnv) return resolve(fromEnv);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, "data", "vintages.csv"))) return join(dir, "data");
    dir = dirname(dir);
  }
  throw new Error("cannot find Pledge's data/ folder; set PLEDGE_DATA_DIR");
}

/** Loads the dataset from the generated bundle, which holds the CSVs already validated. */
export function loadDataset(dataDir: string = findDataDir()): Dataset {
  const bundlePath = join(dataDir, BUNDLE_FILE);
  if (!existsSync(bundlePath)) throw new Error(`${bundlePath} is missing: run npm run build:data to validate data/ and build it`);
  const bundle = JSON.parse(readFileSync(bundlePath, "utf8")) as Bundle;
  const decoded = decodeBundle(bundle, bundlePath);
  return createDataset(decoded.parts, decoded.series);
}

/**
 * The dataset's build hash: the SHA-256 of data/'s input files that the bundle was built from
 * (`pledge --version` prints it beside the code version, so a figure can be traced to its data).
 */
export function datasetBuildHash(dataDir: string = findDataDir()): string {
  const bundlePath = join(dataDir, BUNDLE_FILE);
  if (!existsSync(bundlePath)) throw new Error(`${bundlePath} is missing: run npm run build:data to validate data/ and build it`);
  return (JSON.parse(readFileSync(bundlePath, "utf8")) as Bundle).inputsSha256;
}
