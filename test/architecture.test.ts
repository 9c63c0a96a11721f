import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => join(dir, f));
}

const importsOf = (file: string) =>
  [
    ...readFileSync(join(root, file), "utf8").matchAll(
      /(?:import|export)[^"';]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g,
    ),
  ].map((m) => (m[1] ?? m[2]) as string);

describe("the architecture: dependencies point inward (ARCHITECTURE.md)", () => {
  it("src/model imports only zod and other model files", () => {
    for (const f of sourceFiles("src/model"))
      for (const spec of importsOf(f)) {
        const ok = spec === "zod" || (spec.startsWith("./") && !spec.includes(".."));
        expect(ok, `${f} imports ${spec}`).toBe(true);
      }
  });

  it("src/core imports only core, model and zod: no Node built-ins, store, server, cli, data or DOM", () => {
    const files = sourceFiles("src/core");
    expect(files.length).toBeGreaterThan(5);
    for (const f of files)
      for (const spec of importsOf(f)) {
        // Resolved against the file: a relative import must land in src/core or src/model, also from core's subfolders.
        const target = spec.startsWith(".") ? relative(root, join(root, f, "..", spec)).replaceAll("\\", "/") : spec;
        const ok = spec === "zod" || spec === "pure-rand" || target.startsWith("src/core/") || target.startsWith("src/model/");
        expect(ok, `${f} imports ${spec}`).toBe(true);
      }
  });

  it("src/core has no clock and no global randomness (a seeded generator is passed in)", () => {
    for (const f of sourceFiles("src/core")) {
      const text = readFileSync(join(root, f), "utf8").replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, "");
      for (const banned of ["Math.random", "Date.now", "new Date", "performance.now", "process.", "globalThis", "window.", "document."])
        expect(text.includes(banned), `${relative(root, join(root, f))} uses ${banned}`).toBe(false);
    }
  });

  it("the CLI's start-up path never loads zod or a CSV parser (data/load-dataset.ts is bundle-only)", () => {
    const specs = importsOf("src/data/load-dataset.ts").filter((s) => !s.startsWith("node:"));
    expect(specs.sort()).toEqual(["../model/dataset.ts", "./bundle.ts"]);
    expect(importsOf("src/data/bundle.ts").every((s) => s.startsWith("../model/"))).toBe(true);
  });

  it("the CLI's start-up path (static imports from src/cli/bin.ts) loads no schema library, server, database or spreadsheet package", () => {
    const heavy = new Set([
      "zod",
      "hono",
      "@hono/zod-openapi",
      "@hono/node-server",
      "kysely",
      "better-sqlite3",
      "pg",
      "exceljs",
      "csv-parse/sync",
    ]);
    const staticImports = (file: string) =>
      [...readFileSync(join(root, file), "utf8").matchAll(/^(?:import|export)(?!\s+type\b)[^"';]*?from\s+["']([^"']+)["']/gm)].map(
        (m) => m[1] as string,
      );
    const seen = new Set<string>();
    const queue = ["src/cli/bin.ts"];
    while (queue.length) {
      const file = queue.pop() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const spec of staticImports(file)) {
        expect(heavy.has(spec), `${file} loads ${spec} at start-up; import it inside the command's action`).toBe(false);
        if (spec.startsWith(".")) queue.push(relative(root, join(root, file, "..", spec)));
      }
    }
    expect(seen.size).toBeGreaterThan(10);
  });
});
