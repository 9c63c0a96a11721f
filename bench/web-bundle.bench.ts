/**
 * The dashboard's first-load JavaScript, gzipped: the scripts index.html loads and everything they
 * import statically. Chunks loaded on demand (the planner, the scenario comparison) and the Monte Carlo
 * worker are printed apart. Budget: 250 KB gzipped (issue 5).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { gzipSync } from "node:zlib";
import { goal } from "./timing.ts";

const BUDGET_KB = 250;
const dist = join(import.meta.dirname, "../web/dist");
if (!existsSync(join(dist, "index.html"))) {
  console.log("web bundle: web/dist/index.html is missing; run npm run build first");
  process.exit(1);
}

const gz = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const html = readFileSync(join(dist, "index.html"), "utf8");
const entries = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\.?\/?([^"]+\.js)"/g)].map(
  (m) => m[1] as string,
);

/** Static `import … from "./x.js"`, `import "./x.js"` and `export … from "./x.js"`; dynamic `import("…")` is not followed. */
function staticImports(file: string): string[] {
  const code = readFileSync(join(dist, file), "utf8");
  const out: string[] = [];
  for (const m of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g))
    out.push(posix.normalize(posix.join(posix.dirname(file), m[1] as string)));
  return out;
}

const firstLoad = new Set<string>();
const queue = [...entries];
while (queue.length) {
  const f = queue.pop() as string;
  if (firstLoad.has(f)) continue;
  firstLoad.add(f);
  queue.push(...staticImports(f));
}
const allJs = readdirSync(join(dist, "assets"))
  .filter((f) => f.endsWith(".js"))
  .map((f) => `assets/${f}`);
const workers = allJs.filter((f) => /worker/i.test(f));
const lazy = allJs.filter((f) => !firstLoad.has(f) && !workers.includes(f));

const list = (title: string, files: string[]) => {
  const total = files.reduce((t, f) => t + gz(f), 0);
  console.log(`${title}: ${kb(total)} gzipped in ${files.length} file(s)`);
  for (const f of files.sort()) console.log(`  ${f.padEnd(48)} ${kb(gz(f)).padStart(9)}`);
  return total;
};
const first = list("first-load JavaScript (index.html and its static imports)", [...firstLoad]);
list("loaded on demand (planner, comparison, pathways)", lazy);
list("Web Worker (Monte Carlo, started from the planner)", workers);
const other = readdirSync(join(dist, "assets")).filter((f) => !f.endsWith(".js"));
for (const f of other) console.log(`not JavaScript: assets/${f} ${kb(gz(`assets/${f}`))} gzipped`);
console.log(`first-load JavaScript ${kb(first)} gzipped — budget ≤ ${BUDGET_KB} KB: ${goal(first <= BUDGET_KB * 1024)}`);
