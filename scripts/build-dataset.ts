/** Validates every CSV in data/ and writes the compact bundle data/generated/dataset.json. */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { encodeBundle } from "../src/data/bundle.ts";
import { DataError } from "../src/data/data-error.ts";
import { BUNDLE_FILE, findDataDir, inputsSha256, readDatasetFromCsv } from "../src/data/load-dataset.ts";

const dataDir = findDataDir();
try {
  const parts = readDatasetFromCsv(dataDir);
  const bundle = encodeBundle(parts, inputsSha256(dataDir));
  const out = join(dataDir, BUNDLE_FILE);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(bundle)}\n`);
  console.log(`wrote ${out}: ${parts.observations.length} observations in ${parts.vintages.length} vintages`);
} catch (e) {
  if (e instanceof DataError) {
    console.error(`pledge: bad data: ${e.message}`);
    process.exit(1);
  }
  throw e;
}
