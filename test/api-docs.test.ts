import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { docText, generateApiDocs, statements } from "../scripts/api-docs.ts";

describe("docs/api.md, the library's generated API reference", () => {
  it("matches the declarations the library ships (run npm run docs:api after changing an export or its doc comment)", () => {
    const onDisk = readFileSync(join(import.meta.dirname, "../docs/api.md"), "utf8");
    const generated = generateApiDocs();
    for (const entry of ["### `pledge`", "### `pledge/core`", "### `pledge/data`"]) expect(generated).toContain(entry);
    expect(generated).toContain("#### `allianceAggregates` (function)");
    expect(generated).toContain("#### `simulateInParallel` (function)");
    expect(onDisk).toBe(generated);
  }, 60_000);

  it("reads a declaration file statement by statement, each with the doc comment above it", () => {
    const text = [
      "/** Entry. */",
      'export * from "./a.js";',
      "/** A count. */",
      "export declare const n: number;",
      "export interface Box {",
      "    /** inner */",
      "    value: { a: string; b: [number, number] };",
      "}",
      'export type Either = { ok: true } | { ok: false; reason: "a;b" };',
      "declare function f(x: number): void;",
      "export { f };",
    ].join("\n");
    const list = statements(text);
    expect(list.map((s) => s.code.split("\n")[0])).toEqual([
      'export * from "./a.js";',
      "export declare const n: number;",
      "export interface Box {",
      'export type Either = { ok: true } | { ok: false; reason: "a;b" };',
      "declare function f(x: number): void;",
      "export { f };",
    ]);
    expect(list.map((s) => docText(s.doc))).toEqual(["Entry.", "A count.", "", "", "", ""]);
    expect(list[2]?.code.endsWith("}")).toBe(true);
  });
});

describe("pledge/core (src/library/core.ts)", () => {
  it("re-exports every module of src/core and src/model, so that a new core module reaches the library", () => {
    const root = join(import.meta.dirname, "..");
    const entry = readFileSync(join(root, "src/library/core.ts"), "utf8");
    for (const dir of ["core", "model"])
      for (const f of readdirSync(join(root, "src", dir), { recursive: true, encoding: "utf8" }))
        if (f.endsWith(".ts") && !f.endsWith(".test.ts")) expect(entry, `src/${dir}/${f}`).toContain(`export * from "../${dir}/${f}";`);
  });
});
