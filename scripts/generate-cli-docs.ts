import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { cliReference } from "../src/cli/cli-docs.ts";

const out = join(import.meta.dirname, "../docs/cli.md");
writeFileSync(out, await cliReference());
console.log(`wrote ${out}`);
