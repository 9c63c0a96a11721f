import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { type RunningServer, startServer } from "../src/server/start.ts";

export const ROOT = join(import.meta.dirname, "..");
export const WEB_DIST = join(ROOT, "web/dist");
export const SCREENSHOTS = join(ROOT, "test-results/screenshots");

/** The dashboard must be built; `npm test` builds it first, and a lone run builds it here (about a second). */
export function ensureWebBuilt(): void {
  if (existsSync(join(WEB_DIST, "index.html"))) return;
  try {
    execFileSync(process.execPath, [join(ROOT, "node_modules/vite/bin/vite.js"), "build", "web", "--logLevel", "warn"], {
      cwd: ROOT,
      stdio: "pipe",
    });
  } catch (e) {
    throw new Error(`web/dist is missing and could not be built: run npm run build:web (${(e as Error).message})`);
  }
}

export async function launch(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath))
    throw new Error(`${executablePath} is missing: install Debian's chromium package (apt-get install chromium)`);
  return chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
}

export interface WatchedPage {
  page: Page;
  /** Console errors and uncaught exceptions seen so far: every test expects none. */
  problems: string[];
}

/** `storageState` carries cookies (a signed-in session) from another context. */
export async function openPage(
  browser: Browser,
  url: string,
  width = 1280,
  options: Pick<BrowserContextOptions, "storageState"> = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true, ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(url);
  return { page, problems };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Chromium itself logs "Failed to load resource: … status of 401" for every fetch answered with an
 * error status, even when the page handles the answer. A test that provokes such answers on purpose
 * lists their statuses here; every other console error or page error still fails it.
 */
export function unexpectedProblems(problems: readonly string[], deliberateStatuses: readonly number[] = []): string[] {
  if (!deliberateStatuses.length) return [...problems];
  const deliberate = new RegExp(
    `^console: Failed to load resource: the server responded with a status of (${deliberateStatuses.join("|")}) `,
  );
  return problems.filter((p) => !deliberate.test(p));
}

/** The server and the browser a test file drives; set once its beforeAll has run. */
export interface DashboardSession {
  server: RunningServer;
  browser: Browser;
}

/**
 * One real server on a fresh data folder (an empty plan registry) and one Chromium for a test file:
 * started before its tests, stopped and cleaned after them.
 */
export function dashboardSession(prefix: string): DashboardSession {
  const session = {} as DashboardSession;
  let dataDir = "";
  beforeAll(async () => {
    ensureWebBuilt();
    dataDir = mkdtempSync(join(tmpdir(), prefix));
    session.server = await startServer({ port: 0, dataDir, webDir: WEB_DIST, log: () => {} });
    session.browser = await launch();
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return session;
}
