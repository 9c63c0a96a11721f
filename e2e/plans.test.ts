/**
 * Signing in and the Hague annual-plan registry in the dashboard, in a real browser (Debian's
 * Chromium through playwright-core) against real servers: one with public reads, one private.
 * Accounts are seeded through the store on each server's data directory before it starts; the plan
 * registry starts full (the allies' published statements, loaded on the first start).
 * The flags the page shows are compared with the API's own assessment, never with literals.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../src/server/start.ts";
import { createUser, openStore } from "../src/store/index.ts";
import { yesNo } from "../web/src/lib/format.ts";
import { ensureWebBuilt, launch, openPage, screenshot, unexpectedProblems, type WatchedPage, WEB_DIST } from "./support.ts";

const PASSWORD = "correct horse battery staple";
const SUBMISSION = 2026;
const PLAN_ID = `POL-${SUBMISSION}`;

let browser: Browser;
let server: RunningServer;
let privateServer: RunningServer;
const dataDirs: string[] = [];

async function seededServer(accounts: [string, "admin" | "editor" | "reader", string[]][], publicReads: boolean): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "pledge-e2e-plans-"));
  dataDirs.push(dataDir);
  const store = await openStore({ dataDir });
  try {
    for (const [name, role, allies] of accounts) await createUser(store, { name, password: PASSWORD, role, allies }, "e2e-setup");
  } finally {
    await store.close();
  }
  return startServer({ port: 0, dataDir, webDir: WEB_DIST, publicReads, log: () => {} });
}

beforeAll(async () => {
  ensureWebBuilt();
  [server, privateServer, browser] = await Promise.all([
    seededServer(
      [
        ["pol-editor", "editor", ["POL"]],
        ["reader", "reader", []],
      ],
      true,
    ),
    seededServer([["reader", "reader", []]], false),
    launch(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await privateServer?.close();
  for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
});

// biome-ignore lint/suspicious/noExplicitAny: API answers are read field by field
async function api(path: string, base = server.url): Promise<{ status: number; json: any }> {
  const res = await fetch(`${base}/api/v1/${path}`, { headers: { accept: "application/json" } });
  return { status: res.status, json: await res.json() };
}

async function close(w: WatchedPage, deliberate: number[] = []): Promise<void> {
  expect(unexpectedProblems(w.problems, deliberate), "console errors or page errors").toEqual([]);
  await w.page.context().close();
}

async function signInThroughHeader(page: Page, name: string, password: string): Promise<void> {
  // The header's form folds away behind "Sign in" until it is opened (it stays open after a failure).
  const menu = page.locator("details.signin-menu");
  if ((await menu.getAttribute("open")) === null) await menu.locator("summary").click();
  const form = page.getByTestId("signin-header");
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Password").fill(password);
  await form.getByRole("button", { name: "Sign in" }).click();
}

async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe("an editor records and revises a plan", () => {
  // One signed-in page, step by step, as an editor would work.
  let w: WatchedPage;
  const deliberate = [401, 400, 403];

  afterAll(async () => {
    if (w) await close(w, deliberate);
  });

  it("shows the API's message for a wrong password, then signs in", async () => {
    w = await openPage(browser, `${server.url}/#/ally?ally=POL`);
    const { page } = w;
    await page.getByTestId("plans").waitFor();
    expect(await page.getByTestId("plan-editor").count()).toBe(0);

    await signInThroughHeader(page, "pol-editor", "not the password");
    const message = page.getByTestId("signin-error");
    await message.waitFor();
    const res = await fetch(`${server.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "pol-editor", password: "not the password" }),
    });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { message: string } };
    expect(await message.textContent()).toBe(body.error.message);
    expect(await page.getByTestId("signin-header").getByLabel("Password").getAttribute("aria-invalid")).toBe("true");

    await signInThroughHeader(page, "pol-editor", PASSWORD);
    await page.getByTestId("signed-in").waitFor();
    expect(await page.getByTestId("signed-in").textContent()).toContain("Signed in as pol-editor (editor, POL)");
    await page.getByTestId("plan-editor").waitFor();
  });

  it("shows the API's validation error beside the offending input, then records the plan", async () => {
    const { page } = w;
    const editor = page.getByTestId("plan-editor");
    await editor.getByLabel("Submission year").fill(String(SUBMISSION));
    expect(await page.getByTestId("plan-mode").textContent()).toContain("saving records version 1");
    await editor.getByRole("button", { name: "Add a year" }).click();
    await editor.getByRole("button", { name: "Add a year" }).click();
    const rows: [number, string, string][] = [
      [2026, "4.5", "0.5"],
      [2030, "60", "1"], // above 50 %: the API refuses years.1.corePct
      [2035, "5.0", "1.5"],
    ];
    for (const [i, [year, core, related]] of rows.entries()) {
      await page.locator(`#plan-year-${i}`).fill(String(year));
      await page.locator(`#plan-core-${i}`).fill(core);
      await page.locator(`#plan-related-${i}`).fill(related);
    }
    await editor.getByLabel("Notes").fill("Budget law 2026 and the defence programme.");
    await editor.getByRole("button", { name: "Add a source" }).click();
    await page.locator("#plan-source-title-0").fill("Ministry of National Defence, budget 2026");
    await page.locator("#plan-source-url-0").fill("https://www.gov.pl/web/national-defence");

    await page.getByTestId("plan-save").click();
    const fieldError = page.getByTestId("plan-core-1-error");
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toMatch(/above 50 %/);
    expect(await page.locator("#plan-core-1").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#plan-core-1").getAttribute("aria-describedby")).toBe("plan-core-1-error");
    // The summary names the input as the form labels it, not by the API's field path.
    const summary = await page.getByTestId("plan-error").textContent();
    expect(summary).toContain("Core % of GDP, 2030: a share of GDP above 50 % is not credible");
    expect(summary).not.toContain("years.1");
    expect((await api(`plans/${PLAN_ID}`)).status).toBe(404);

    await page.locator("#plan-core-1").fill("4.8");
    await page.getByTestId("plan-save").click();
    await page.getByTestId("plan-saved").waitFor();
    expect(await page.getByTestId("plan-saved").textContent()).toContain(`Recorded plan ${PLAN_ID}: version 1`);
    expect(await page.getByTestId("plan-core-1-error").count()).toBe(0);

    const stored = await api(`plans/${PLAN_ID}`);
    expect(stored.status).toBe(200);
    expect(stored.json.latest.years).toEqual([
      { year: 2026, corePct: 4.5, relatedPct: 0.5 },
      { year: 2030, corePct: 4.8, relatedPct: 1 },
      { year: 2035, corePct: 5, relatedPct: 1.5 },
    ]);
    expect(stored.json.latest.createdBy).toBe("pol-editor");
  });

  it("lists the plan with the assessment the API computes", async () => {
    const { page } = w;
    const plan = page.getByTestId(`plan-${PLAN_ID}`);
    const assessment = plan.getByTestId(`assess-${PLAN_ID}`);
    await assessment.waitFor();
    const expected = (await api(`plans/${PLAN_ID}/assessment`)).json.assessment;
    const shown = async (id: string) => assessment.getByTestId(id).getAttribute("data-value");
    expect(await shown("assess-incremental")).toBe(yesNo(expected.incremental));
    expect(await shown("assess-core")).toBe(yesNo(expected.reachesCore35By2035));
    expect(await shown("assess-total")).toBe(yesNo(expected.reachesTotal5By2035));
    expect(await shown("assess-backloaded")).toBe(yesNo(expected.backLoaded));
    // The visible text starts with the same word.
    expect((await assessment.getByTestId("assess-core").textContent())?.startsWith(yesNo(expected.reachesCore35By2035))).toBe(true);
    // The chart is drawn, with its table behind it.
    await assessment.locator(`#assess-${PLAN_ID} svg`).waitFor();
    expect(await assessment.locator(`#assess-${PLAN_ID}-table tbody tr`).count()).toBe(3);
    expect(await plan.locator(`#assess-${PLAN_ID}-history tbody tr`).count()).toBe(1);
    await screenshot(page, "plans-editor-desktop");
  });

  it("saves a second version and shows it in the history", async () => {
    const { page } = w;
    // The submission year now has a plan: the form holds its latest version and saves a new one.
    await expect.poll(() => page.getByTestId("plan-save").textContent()).toBe("Save as new version");
    expect(await page.locator("#plan-core-1").inputValue()).toBe("4.8");
    await page.locator("#plan-core-1").fill("4.9");
    await page.getByTestId("plan-save").click();
    await expect.poll(() => page.getByTestId("plan-saved").textContent()).toContain(`Saved a new version of plan ${PLAN_ID}: version 2`);
    const history = page.locator(`#assess-${PLAN_ID}-history tbody tr`);
    await expect.poll(() => history.count()).toBe(2);
    const cells = await history.nth(1).locator("td").allTextContents();
    expect(cells.slice(0, 2)).toEqual(["2", "active"]);
    expect(cells[3]).toBe("pol-editor");
    expect(await page.getByTestId(`plan-${PLAN_ID}`).locator("h4").textContent()).toContain("version 2");
    expect((await api(`plans/${PLAN_ID}`)).json.history).toHaveLength(2);
  });

  it("refuses a write without the CSRF header; the dashboard's own writes send it", async () => {
    const { page } = w;
    const attempt = (withHeader: boolean) =>
      page.evaluate(
        async ({ withHeader, id }) => {
          const headers: Record<string, string> = { "content-type": "application/json" };
          const csrf = /(?:^|;\s*)pledge_csrf=([^;]+)/.exec(document.cookie)?.[1];
          if (withHeader && csrf) headers["X-CSRF-Token"] = decodeURIComponent(csrf);
          const res = await fetch(`./api/v1/plans/${id}/withdraw`, {
            method: "POST",
            credentials: "same-origin",
            headers,
            body: JSON.stringify({ note: "forged" }),
          });
          return { status: res.status, body: await res.json() };
        },
        { withHeader, id: PLAN_ID },
      );
    const refused = await attempt(false);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("csrf");
    expect((await api(`plans/${PLAN_ID}`)).json.history).toHaveLength(2);

    // The same session withdraws through the page's own button, which sends the header.
    await page.getByLabel("Note (optional)").fill("superseded by the 2027 plan");
    await page.getByRole("button", { name: `Withdraw plan ${PLAN_ID}` }).click();
    await expect.poll(() => page.getByTestId(`plan-${PLAN_ID}`).getByTestId("plan-status").textContent()).toBe("withdrawn");
    const after = (await api(`plans/${PLAN_ID}`)).json;
    expect(after.latest).toMatchObject({ version: 3, status: "withdrawn", createdBy: "pol-editor" });
    await expect.poll(() => page.locator(`#assess-${PLAN_ID}-history tbody tr`).count()).toBe(3);
  });

  it("fits a 375 px screen with the editor open", async () => {
    const state = await w.page.context().storageState();
    const phone = await openPage(browser, `${server.url}/#/ally?ally=POL`, 375, { storageState: state });
    await phone.page.getByTestId("plan-editor").waitFor();
    await phone.page.getByTestId(`assess-${PLAN_ID}`).waitFor();
    await phone.page.waitForLoadState("networkidle");
    expect(await overflow(phone.page)).toBeLessThanOrEqual(1);
    await screenshot(phone.page, "plans-editor-375");
    await close(phone);
  });

  it("does not offer the editor on another ally's page (Estonia's seeded plans are shown, read-only)", async () => {
    const { page } = w;
    await page.goto(`${server.url}/#/ally?ally=EST`);
    await page.getByTestId("signed-in").waitFor();
    await page.getByTestId("plans").waitFor();
    await page.getByTestId("plan-EST-2025").waitFor();
    expect(await page.getByTestId("plan-editor").count()).toBe(0);
  });

  it("signing out hides the editor and ends the session", async () => {
    const { page } = w;
    await page.goto(`${server.url}/#/ally?ally=POL`);
    await page.getByTestId("plan-editor").waitFor();
    await page.getByTestId("signed-in").getByRole("button", { name: "Sign out" }).click();
    await page.locator("details.signin-menu summary").waitFor();
    expect(await page.getByTestId("signed-in").count()).toBe(0);
    expect(await page.getByTestId("plan-editor").count()).toBe(0);
    const me = await page.evaluate(async () => (await fetch("./api/v1/auth/me")).json());
    expect(me.user).toBeNull();
    // The plans stay readable on a public server.
    await page.getByTestId(`assess-${PLAN_ID}`).waitFor();
  });
});

describe("a registry that starts full", () => {
  it("a fresh server lists the allies' statements as plans recorded by the system", async () => {
    const list = (await api("plans?limit=500")).json.plans as { planId: string; latest: { createdBy: string } }[];
    const seeded = list.filter((p) => p.latest.createdBy === "system:seed").map((p) => p.planId);
    // One plan per ally and statement year in data/plans/claimed.csv (Denmark and Estonia spoke in 2025 and 2026).
    expect(seeded.sort()).toEqual(
      "BEL-2025 CAN-2025 CZE-2025 DEU-2025 DNK-2025 DNK-2026 EST-2025 EST-2026 FIN-2025 FRA-2025 GBR-2025 ITA-2025 LTU-2025 LVA-2025 NOR-2025 POL-2025 SWE-2025".split(
        " ",
      ),
    );
  });

  it("the Ally view shows Germany's seeded plan against actuals and the path, its sources and its credibility with reasons", async () => {
    const w = await openPage(browser, `${server.url}/#/ally?ally=DEU`);
    const { page } = w;
    const plan = page.getByTestId("plan-DEU-2025");
    await plan.waitFor();
    expect(await plan.getByTestId("plan-claimed").textContent()).toBe("claimed by the ally");
    // The statement's own source is a link.
    const hrefs = await plan.locator("p.source a").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs).toContain("https://www.politico.eu/article/germany-pledges-to-hit-3-5-percent-defense-spending-target-by-2029/");
    const expected = (await api("plans/DEU-2025/assessment")).json;
    const credibility = plan.getByTestId("assess-DEU-2025-credibility");
    await credibility.waitFor();
    expect(await credibility.getByTestId("credibility-grade").getAttribute("data-value")).toBe(expected.credibility.grade);
    expect(await credibility.locator("li").count()).toBe(expected.credibility.reasons.length);
    // €153 bn in 2029, restated: the table shows the API's share of the IMF's GDP to two decimals.
    const restated = plan.locator("#assess-DEU-2025-restated tbody tr");
    const row2029 = (await restated.allTextContents()).find((t) => t.startsWith("2029"));
    const imf2029 = expected.restatements.find((r: { year: number }) => r.year === 2029).pctOfImfGdp as number;
    expect(row2029).toContain(imf2029.toFixed(2));
    // The path column follows the pathway rule: the table's 2029 path is the API's.
    const path2029 = expected.assessment.distanceFromLinearPathPp.find((d: { year: number }) => d.year === 2029).pathPct as number;
    const assessRow = (await plan.locator("#assess-DEU-2025-table tbody tr").allTextContents()).find((t) => t.startsWith("2029"));
    expect(assessRow).toContain(path2029.toFixed(2));
    await screenshot(page, "plans-seeded-deu");
    await close(w);
  });

  it("the Overview filters the allies with a claimed path to 3.5 %", async () => {
    const w = await openPage(browser, `${server.url}/#/overview`);
    const { page } = w;
    await page.locator("#map svg .country").first().waitFor({ timeout: 15_000 });
    await page.getByTestId("filter-claimed-path").check();
    const list = page.getByTestId("claimed-paths");
    await list.waitFor();
    const allies = await list.locator("li").evaluateAll((lis) => lis.map((li) => li.getAttribute("data-testid")?.slice(8)));
    // Read off data/plans/claimed.csv: a share of 3.5 % or more in a year up to 2035 (plus Poland's editor's plan, also POL).
    expect(allies).toEqual(["CAN", "DEU", "DNK", "EST", "GBR", "ITA", "LTU", "LVA", "POL", "SWE"]);
    const ranked = await page.locator("#ranking-table tbody tr td:nth-child(2)").allTextContents();
    expect([...ranked].sort()).toEqual(allies);
    await close(w);
  });
});

describe("Ukraine aid, counted or not", () => {
  it("the Ally view switches Italy's share between NATO's figure and NATO's plus Kiel military aid, with the caveat", async () => {
    const w = await openPage(browser, `${server.url}/#/ally?ally=ITA`);
    const { page } = w;
    const aid = page.getByTestId("ukraine-aid");
    await aid.getByTestId("aid-share").waitFor();
    const row = (await api("ukraine-aid?ally=ITA&year=2026")).json.ukraine_aid[0];
    // NATO July 2026: Italy 2026 = 2.10 % (data/nato/2026-07).
    expect(row.natoSharePct).toBe(2.1);
    expect(await aid.getByTestId("aid-share").textContent()).toBe("2.10 %");
    await aid.getByTestId("aid-include").check();
    expect(await aid.getByTestId("aid-share").textContent()).toBe(`${(2.1 + row.militaryAllocationsAvgSharePct).toFixed(2)} %`);
    expect(await aid.getByTestId("aid-caveat").textContent()).toContain("double-count");
    await close(w);
  });
});

describe("a private server", () => {
  it("asks for a sign-in first and shows the overview after it", async () => {
    const w = await openPage(browser, `${privateServer.url}/#/overview`);
    const { page } = w;
    const gate = page.getByTestId("private");
    await gate.waitFor();
    expect(await gate.getByRole("heading").textContent()).toBe("Sign in to see the figures");
    expect(await page.getByTestId("signin-header").count()).toBe(0);
    expect(await page.locator(".error").count()).toBe(0);
    expect(await overflow(page)).toBeLessThanOrEqual(1);
    await screenshot(page, "signin-private");

    const form = page.getByTestId("signin-page");
    await form.getByLabel("Name").fill("reader");
    await form.getByLabel("Password").fill(PASSWORD);
    await form.getByRole("button", { name: "Sign in" }).click();
    await page.locator("#map svg .country").first().waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("signed-in").textContent()).toContain("Signed in as reader (reader, no allies)");

    // Signing out of a private server hides the figures again.
    await page.getByTestId("signed-in").getByRole("button", { name: "Sign out" }).click();
    await gate.waitFor();
    expect(await page.locator("#map").count()).toBe(0);
    // The health answer says the server is private, so the page never asks for the figures anonymously:
    // no request answered 401, and the browser reported no error at all.
    expect(w.problems).toEqual([]);
    await close(w, []);
  });
});
