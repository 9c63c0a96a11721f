/**
 * Tests of the artefact users run (dist/ as `npm run build` makes it, and the packed tarball) need the
 * build. `npm test` builds first; run `npm run build` before running one of these files alone.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "../..");

export function requireBuild(): void {
  for (const file of ["dist/pledge.js", "dist/cli-main.js", "dist/lib/index.js", "dist/lib/index.d.ts"])
    if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: run npm run build (npm test does) before this test`);
}
