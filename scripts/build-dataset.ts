/** Validates every CSV in data/ and writes the compact bundle data/generated/dataset.json. */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { encodeBundle } from "../src/data/bundle.ts";
import { DataError } from "../src/data/data-error.ts";
import { BUNDLE_FILE, findDataDir } from "../src/data/load-dataset.ts";
import { inputsSha256, readDatasetFromCsv } from "../src/data/read-csv-dataset.ts";

const dataDir = findDataDir();
try {
  const parts = readDatasetFromCsv(dataDir);
  const bundle = encodeBundle(parts, inputsSha256(dataDir));
  const out = join(dataDir, BUNDLE_FILE);
  mkdirSync(dirname(out), { recursive: true });
  // Write beside and rename: a failed or interrupted build never leaves a half-written bundle.
  writeFileSync(`${out}.tmp`, `${JSON.stringify(bundle)}\n`);
  renameSync(`${out}.tmp`, out);
  console.log(`wrote ${out}: ${parts.observations.length} observations in ${parts.vintages.length} vintages`);
} catch (e) {
  if (e instanceof DataError) {
    console.error(`pledge: bad data: ${e.message}`);
    process.exit(1);
  }
  throw e;
}
