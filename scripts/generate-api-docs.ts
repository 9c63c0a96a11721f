import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateApiDocs } from "./api-docs.ts";

const out = join(import.meta.dirname, "../docs/api.md");
writeFileSync(out, generateApiDocs());
console.log(`wrote ${out}`);
