import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { cliReference } from "./cli-docs.ts";

it("docs/cli.md matches every command's --help (run npm run docs:cli after changing a command)", async () => {
  const onDisk = readFileSync(join(import.meta.dirname, "../../docs/cli.md"), "utf8");
  const generated = await cliReference();
  expect(generated).toContain("## pledge status");
  expect(onDisk).toBe(generated);
});
