/**
 * The Affordability view in Chromium against the real server: the per-ally figures and the burden
 * calculator, whose sliders recompute in the page. Expected numbers come from the core on the same
 * dataset (the view's own computation is the page's; the oracle here is the Node run of the core).
 */
import { afterAll, describe, expect, it } from "vitest";
import { computeAffordability } from "../src/core/affordability/affordability.ts";
import { runBurden } from "../src/core/affordability/affordability-request.ts";
import { hagueFigures } from "../src/core/hague-figures.ts";
import { runPathwayRequest } from "../src/core/pathway-request.ts";
import { loadEuInstruments } from "../src/data/eu-fiscal.ts";
import { loadDataset } from "../src/data/load-dataset.ts";
import { BurdenParamsSchema } from "../src/model/affordability.ts";
import { PathwayRequestSchema } from "../src/model/pathway.ts";
import { fmt, usdM } from "../web/src/lib/format.ts";
import { dashboardSession, openPage, screenshot, type WatchedPage } from "./support.ts";

const ds = loadDataset();
const h = hagueFigures(ds);
const session = dashboardSession("pledge-e2e-afford-");
const opened: WatchedPage[] = [];
afterAll(async () => {
  for (const w of opened)
    await w.page
      .context()
      .close()
      .catch(() => {});
});

const gapIn = (usSharePct: number, against: "freeze" | "path" = "freeze") => {
  const r = runBurden(ds, BurdenParamsSchema.parse({ usSharePct, against }));
  return usdM(r.gapUsdM[r.years.indexOf(h.targetYear)]);
};

describe("Affordability view", () => {
  it("shows an ally's debt with and without the path, the EU's instruments, and recomputes the burden in the page", async () => {
    const w = await openPage(session.browser, `${session.server.url}/#/afford?ally=POL`);
    opened.push(w);
    const { page } = w;
    await page.locator("#afford-debt svg").waitFor({ timeout: 20_000 });
    await page.locator("[data-testid=eu-safe]").waitFor({ timeout: 20_000 });

    // Poland's debt in the target year, borrowed, as the core computes it.
    const set = computeAffordability(ds, runPathwayRequest(ds, PathwayRequestSchema.parse({ allies: ["POL"] })), loadEuInstruments(), {
      financing: "borrow",
      interestBeyondWeoPct: null,
      reviewYear: h.reviewYear,
      targetYear: h.targetYear,
    });
    const pol = set.allies[0];
    expect(await page.locator("[data-testid=afford-debt-target]").textContent()).toBe(fmt(pol?.debtPct.at(-1), 1));
    expect(await page.locator("[data-testid=eu-safe]").textContent()).toContain("€43.70 bn");
    expect(await page.locator("[data-testid=eu-clause]").textContent()).toMatch(/covers/);

    // Revenue financing: the debt stays on the baseline.
    await page.locator("[data-testid=financing-revenue]").check();
    expect(await page.locator("[data-testid=afford-debt-target]").textContent()).toBe(fmt(pol?.baselineDebtPct.at(-1), 1));

    // The burden calculator: defaults, then a slider move and a basis change, each recomputed without a request.
    expect(await page.locator("[data-testid=burden-gap]").textContent()).toBe(gapIn(2));
    let requests = 0;
    page.on("request", (r) => {
      if (r.url().includes("/api/")) requests++;
    });
    await page.locator("#us-share-number").fill("2.5");
    await expect.poll(() => page.locator("[data-testid=burden-gap]").textContent()).toBe(gapIn(2.5));
    await page.locator("[data-testid=burden-against]").selectOption("path");
    await expect.poll(() => page.locator("[data-testid=burden-gap]").textContent()).toBe(gapIn(2.5, "path"));
    expect(await page.locator("[data-testid=burden-statement]").textContent()).toMatch(/its own path to 3.5% core/);
    expect(await page.locator("#burden-shares tbody tr").count()).toBe(ds.allies.filter((a) => a.hasArmedForces).length - 1);
    expect(requests).toBe(0);
    await screenshot(page, "affordability");
    expect(w.problems, "console errors or page errors").toEqual([]);
  });

  it("fits a phone's width", async () => {
    const w = await openPage(session.browser, `${session.server.url}/#/afford?ally=DEU`, 375);
    opened.push(w);
    await w.page.locator("[data-testid=burden-statement]").waitFor({ timeout: 20_000 });
    await w.page.waitForLoadState("networkidle");
    const overflow = await w.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    expect(w.problems).toEqual([]);
  });
});
