/** `pledge build-site` output served by a plain static file server: the dashboard works read-only. */
import { createReadStream, existsSync, mkdtempSync, renameSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildSite } from "../src/cli/commands/build-site.ts";
import { ensureWebBuilt, launch, openPage, screenshot, WEB_DIST } from "./support.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
};

let root: string;
let http: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  ensureWebBuilt();
  root = mkdtempSync(join(tmpdir(), "pledge-static-"));
  // A sub-folder, as on a project page of a static host: every URL in the site must be relative.
  const site = join(root, "www/pledge");
  buildSite(site, { webDir: WEB_DIST });
  // Nothing but files: no API, no fallback to index.html.
  http = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = normalize(join(root, "www", path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(join(root, "www")) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => http.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}/pledge/`;
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((ok) => http?.close(ok));
  if (root) rmSync(root, { recursive: true, force: true });
});

it("works from a static folder, with the plans section replaced by a note", async () => {
  const w = await openPage(browser, `${base}#/ally?ally=POL`);
  await w.page.locator("#ally-share svg").waitFor({ timeout: 15_000 });
  await w.page.getByTestId("plans-unavailable").waitFor();
  expect(await w.page.getByTestId("plans").count()).toBe(0);
  await screenshot(w.page, "static-ally-desktop");

  await w.page.getByRole("link", { name: "Overview" }).click();
  await w.page.locator("#map svg .country").first().waitFor({ timeout: 15_000 });
  expect(await w.page.locator("#map svg .country").count()).toBeGreaterThanOrEqual(32);
  await w.page.getByRole("link", { name: "Planner" }).click();
  await w.page.getByTestId("mc-done").or(w.page.locator("#planner-summary table")).first().waitFor({ timeout: 15_000 });
  expect(w.problems, "console errors or page errors").toEqual([]);
  await w.page.context().close();
});

it("says so, with a way to retry, when the dataset cannot be loaded", async () => {
  const bundle = join(root, "www/pledge/dataset.json");
  renameSync(bundle, `${bundle}.away`);
  try {
    const w = await openPage(browser, `${base}#/overview`);
    const alert = w.page.getByRole("alert");
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toMatch(/could not be loaded.*HTTP 404/);
    expect(await w.page.getByRole("button", { name: "Try again" }).count()).toBe(1);
    // The browser reports the 404 itself; nothing else may go wrong.
    expect(w.problems.filter((p) => !/404/.test(p))).toEqual([]);
    await screenshot(w.page, "error-no-dataset-desktop");
    await w.page.context().close();
  } finally {
    renameSync(`${bundle}.away`, bundle);
  }
});
