/**
 * Cuts data/sipri/'s CSV down to the figures Pledge may ship under SIPRI's terms
 * (src/data/sipri/shipped-extract.ts says which and why). Rows are kept byte for byte; running it again
 * changes nothing. Then run `npm run build:data` and update the row count in data/vintages.csv.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { inShippedSipriExtract, SIPRI_SHIPPED_LIMIT } from "../src/data/sipri/shipped-extract.ts";

const file = join(import.meta.dirname, "..", "data", "sipri", "2025-04", "sipri_milex_1949_2024.csv");
const lines = readFileSync(file, "utf8").split("\r\n");
const header = lines[0] as string;
const kept = [header];
for (const line of lines.slice(1)) {
  if (line === "") continue;
  const [row] = parse(`${header}\n${line}`, { columns: true }) as Record<string, string>[];
  if (row && inShippedSipriExtract(row.indicator as string, Number(row.year))) kept.push(line);
}
const figures = kept.length - 1;
if (figures > SIPRI_SHIPPED_LIMIT) throw new Error(`${figures} figures is above SIPRI's limit of ${SIPRI_SHIPPED_LIMIT}`);
writeFileSync(file, `${kept.join("\r\n")}\r\n`);
console.log(`kept ${figures} of ${lines.length - 2} rows`);
