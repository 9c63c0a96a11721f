/** Dataset load and CLI start-up. Baselines in the same run: the strict CSV path, and a bare `node`. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { findDataDir, loadDataset } from "../src/data/load-dataset.ts";
import { readDatasetFromCsv } from "../src/data/read-csv-dataset.ts";
import { goal, medianMs, medianProcessMs, ms } from "./timing.ts";

const dataDir = findDataDir();
const bundleMs = medianMs(() => loadDataset(dataDir), 15);
const csvMs = medianMs(() => readDatasetFromCsv(dataDir), 3, 1);
console.log(`dataset load from the bundle: ${ms(bundleMs)} (${loadDataset(dataDir).observations.length} observations)`);
console.log(`baseline, validating every CSV row: ${ms(csvMs)}; the bundle is ${(csvMs / bundleMs).toFixed(1)}× faster`);

const cli = join(import.meta.dirname, "../dist/pledge.js");
if (!existsSync(cli)) {
  console.log("CLI start-up: dist/pledge.js is missing; run npm run build first");
  process.exit(1);
}
const nodeMs = medianProcessMs(process.execPath, ["-e", "0"]);
const helpMs = medianProcessMs(process.execPath, [cli, "--version"]);
const statusMs = medianProcessMs(process.execPath, [cli, "status", "--year", "2024", "--vintage", "2024-06", "--format", "csv"]);
console.log(`baseline, bare node start-up: ${ms(nodeMs)}`);
console.log(`pledge --version: ${ms(helpMs)} (${(helpMs / nodeMs).toFixed(2)}× bare node)`);
console.log(
  `pledge status (loads the dataset, computes, prints): ${ms(statusMs)} (${(statusMs / nodeMs).toFixed(2)}× bare node) — goal < 150 ms: ${goal(statusMs < 150)}`,
);
