import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../test/support/fake-io.ts";
import { SITE_MARKER } from "./commands/build-site.ts";

/** A stand-in for web/dist, so the test needs no Vite build: the command copies whatever the build holds. */
let root: string;
let web: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "pledge-site-"));
  web = join(root, "web-dist");
  mkdirSync(join(web, "assets"), { recursive: true });
  writeFileSync(
    join(web, "index.html"),
    '<!doctype html><html><head><script type="module" src="./assets/index-abc12345.js"></script></head></html>',
  );
  writeFileSync(join(web, "assets/index-abc12345.js"), "console.log(1)");
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("pledge build-site", () => {
  it("copies the dashboard and the dataset into a new folder and marks the page static", async () => {
    const out = join(root, "site");
    const r = await runCli(["build-site", out, "--web", web]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Wrote 4 files/);
    expect(readdirSync(out).sort()).toEqual([SITE_MARKER, "assets", "dataset.json", "index.html"].sort());
    expect(existsSync(join(out, "assets/index-abc12345.js"))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, "dataset.json"), "utf8")).format).toBe(2);
    expect(readFileSync(join(out, "index.html"), "utf8")).toContain('<meta name="pledge-site" content="static" />');
  });

  it("replaces a site it built before, and leaves no stale files", async () => {
    const out = join(root, "again");
    await runCli(["build-site", out, "--web", web]);
    writeFileSync(join(out, "assets/stale.js"), "old");
    const r = await runCli(["build-site", out, "--web", web]);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, "assets/stale.js"))).toBe(false);
    expect(readFileSync(join(out, "index.html"), "utf8").match(/pledge-site/g)).toHaveLength(1);
  });

  it("refuses a folder that holds other files, and touches nothing in it", async () => {
    const out = join(root, "someone-else");
    mkdirSync(out);
    writeFileSync(join(out, "thesis.docx"), "precious");
    const r = await runCli(["build-site", out, "--web", web]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not empty and holds no Pledge site/);
    expect(readdirSync(out)).toEqual(["thesis.docx"]);
  });

  it("refuses a path that is a file, and says when the dashboard is not built", async () => {
    const file = join(root, "a-file");
    writeFileSync(file, "x");
    expect((await runCli(["build-site", file, "--web", web])).stderr).toMatch(/not a folder/);
    const r = await runCli(["build-site", join(root, "x"), "--web", join(root, "nowhere")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/npm run build/);
  });
});
