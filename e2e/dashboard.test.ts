/**
 * The dashboard in a real browser (Debian's Chromium through playwright-core), against the real
 * server. Expected numbers come from the same core functions on the same dataset, never from literals.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allianceAggregates } from "../src/core/aggregates.ts";
import { pathwayRows, runPathwayRequest } from "../src/core/pathway-request.ts";
import { rankAllies } from "../src/core/rankings.ts";
import { loadDataset } from "../src/data/load-dataset.ts";
import { fmt as shown } from "../web/src/lib/format.ts";
import { pathwayRequestOf } from "../web/src/lib/pathway-input.ts";
import { DEFAULT_STATE } from "../web/src/lib/state.ts";
import { dashboardSession, openPage, screenshot, type WatchedPage } from "./support.ts";

const ds = loadDataset();
const opened: WatchedPage[] = [];
const session = dashboardSession("pledge-e2e-");

async function open(hash: string, width = 1280): Promise<WatchedPage> {
  const w = await openPage(session.browser, `${session.server.url}/${hash}`, width);
  opened.push(w);
  return w;
}

async function close(w: WatchedPage): Promise<void> {
  expect(w.problems, "console errors or page errors").toEqual([]);
  await w.page.context().close();
}

describe("every view", () => {
  const views: [string, string, string][] = [
    ["overview", "#/overview", "#map svg .country"],
    ["ally", "#/ally?ally=POL", "#ally-share svg"],
    ["ally-iceland", "#/ally?ally=ISL", "[data-testid=not-applicable]"],
    ["planner", "#/planner?allies=DEU", "[data-testid=mc-done]"],
    ["planner-all", "#/planner", "#planner-summary table"],
    ["compare", "#/compare?allies=DEU,FRA,POL", "#compare-allies svg"],
    ["compare-scenarios", "#/compare?mode=scenarios", "#compare-scenarios svg"],
    ["alliance", "#/alliance", "#alliance-scatter svg"],
    ["sources", "#/sources", "#sources-changes table"],
    [
      "check",
      "#/check?claim=Lithuania%20is%20just%20behind%20on%202.85%20percent%20of%20GDP.&published=2024-06-18",
      "[data-testid=claim] table",
    ],
  ];
  it.each(views)("loads %s without errors, at desktop and phone width", async (name, hash, ready) => {
    for (const width of [1280, 375]) {
      const w = await open(hash, width);
      await w.page.locator(ready).first().waitFor({ timeout: 15_000 });
      await w.page.waitForLoadState("networkidle");
      // Nothing may stick out sideways on a phone: the page scrolls vertically only.
      const overflow = await w.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} at ${width}px overflows by ${overflow}px`).toBeLessThanOrEqual(1);
      // Chart words stay legible on a phone: each chart draws at its shown width (the map scales its words).
      const smallest = await w.page.evaluate(() => {
        let min = { px: Number.POSITIVE_INFINITY, text: "" };
        for (const t of document.querySelectorAll<SVGTextElement>(".chart svg text")) {
          if (!t.textContent?.trim() || t.getBBox().width === 0) continue;
          const m = t.getScreenCTM();
          if (!m) continue;
          const px = Number.parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
          if (px < min.px) min = { px, text: t.textContent.trim() };
        }
        return min;
      });
      expect(smallest.px, `${name} at ${width}px: "${smallest.text}" is ${smallest.px.toFixed(1)} px`).toBeGreaterThanOrEqual(9.5);
      await screenshot(w.page, `${name}-${width === 375 ? "375" : "desktop"}`);
      await close(w);
    }
  });
});

describe("overview", () => {
  it("shows the numbers the core computes after the year changes", async () => {
    const w = await open("#/overview?vintage=2024-06");
    const { page } = w;
    await page.locator("#map svg .country").first().waitFor();
    await page.selectOption("#year", "2019");
    await expect.poll(() => page.locator("#overview-h").textContent()).toContain("2019");

    const agg = allianceAggregates(ds, 2019, "2024-06");
    const ranking = rankAllies(ds, "defexp_share_gdp_pct", 2019, "2024-06");
    // Map: every ally's shape carries its value and an accessible label with the figure.
    for (const s of agg.statuses) {
      const link = page.locator(`#map a[data-ally="${s.ally}"]`).first();
      const label = (await link.getAttribute("aria-label")) ?? "";
      if (!s.applicable) expect(label).toContain("not applicable");
      else if (s.shareOfGdpPct) {
        expect(Number(await link.getAttribute("data-value"))).toBe(s.shareOfGdpPct.value);
        expect(label).toContain(`${shown(s.shareOfGdpPct.value)}% of GDP`);
      }
    }
    // Ranking: the bars in rank order, with their values.
    const bars = await page
      .locator("#ranking svg g.bar")
      .evaluateAll((gs) => gs.map((g) => [g.getAttribute("data-ally"), g.getAttribute("data-value")]));
    expect(bars.slice(0, ranking.length)).toEqual(ranking.map((r) => [r.ally, String(r.value)]));
    // Totals and guideline counts.
    const gdp2 = agg.counts.find((c) => c.guidelineId === "gdp2");
    expect(await page.getByTestId("count-gdp2").textContent()).toBe(
      `${gdp2?.met.length} of ${(gdp2?.met.length ?? 0) + (gdp2?.below.length ?? 0)}`,
    );
    expect(await page.getByTestId("us-share").textContent()).toBe(`${shown(agg.usShareOfTotalPct ?? Number.NaN, 1)}%`);
    expect(page.url()).toContain("year=2019");
    await close(w);
  });

  it("downloads the ranking as the same CSV the API serves", async () => {
    const w = await open("#/overview?year=2024&vintage=2024-06");
    const { page } = w;
    await page.locator("#ranking details summary").click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("#ranking-table").getByRole("button", { name: /^CSV/ }).click(),
    ]);
    const file = await download.path();
    const csv = readFileSync(file, "utf8");
    const api = await (
      await fetch(`${session.server.url}/api/v1/rankings?indicator=defexp_share_gdp_pct&year=2024&vintage=2024-06&format=csv`)
    ).text();
    expect(csv.split("\n")[0]).toBe("rank,ally,name,value,estimate");
    expect(csv).toBe(api);
    expect(download.suggestedFilename()).toBe("rankings-defexp_share_gdp_pct-2024-2024-06.csv");
    await close(w);
  });
});

describe("chart downloads", () => {
  it("saves the map as SVG and the ranking as PNG", async () => {
    const w = await open("#/overview?year=2024&vintage=2024-06");
    const { page } = w;
    await page.locator("#map svg .country").first().waitFor();
    const [svg] = await Promise.all([page.waitForEvent("download"), page.locator("#map").getByRole("button", { name: /^SVG/ }).click()]);
    const text = readFileSync(await svg.path(), "utf8");
    expect(svg.suggestedFilename()).toMatch(/\.svg$/);
    expect(text).toMatch(/^<\?xml[^>]*>\n<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text).toContain('data-ally="POL"');
    const [png] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("#ranking").getByRole("button", { name: /^PNG/ }).click(),
    ]);
    const bytes = readFileSync(await png.path());
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // The chart is drawn at the width it is shown at, never wider than 760.
    const drawn = await page.evaluate(() => document.querySelector<SVGSVGElement>("#ranking svg")?.viewBox.baseVal.width ?? 0);
    const shown = await page.evaluate(() => document.querySelector<HTMLElement>("#ranking .chart")?.clientWidth ?? 0);
    expect(drawn).toBeLessThanOrEqual(760);
    expect(Math.abs(drawn - shown)).toBeLessThanOrEqual(10);
    // The PNG is the composed export (title and source around the chart), drawn at twice its size.
    expect(bytes.readUInt32BE(16)).toBe(2 * Math.max(560, Math.round(drawn + 32)));
    await close(w);
  });
});

describe("planner", () => {
  const coreColumn = async (w: WatchedPage) =>
    w.page.locator("#planner-years tbody tr").evaluateAll((rows) => rows.map((r) => (r.children[2] as HTMLElement).textContent));
  const expected = (change: Partial<typeof DEFAULT_STATE>) =>
    pathwayRows(runPathwayRequest(ds, pathwayRequestOf({ ...DEFAULT_STATE, allies: ["DEU"], ...change }, ds.latestNatoVintage().id))).map(
      (r) => shown(r.core_share_pct),
    );

  it("recomputes the table when a slider moves or a number is typed", async () => {
    const w = await open("#/planner?allies=DEU");
    await w.page.locator("#planner-years tbody tr").first().waitFor();
    expect(await coreColumn(w)).toEqual(expected({}));

    await w.page.locator("#core-range").focus();
    await w.page.keyboard.press("ArrowRight");
    await expect.poll(() => w.page.locator("#core-number").inputValue()).toBe("3.6");
    await expect.poll(() => coreColumn(w)).toEqual(expected({ core: 3.6 }));

    await w.page.locator("#by-number").fill("2031");
    await expect.poll(() => coreColumn(w)).toEqual(expected({ core: 3.6, by: 2031 }));
    expect(w.page.url()).toMatch(/core=3\.6/);
    expect(w.page.url()).toMatch(/by=2031/);
    await w.page.getByTestId("mc-done").waitFor({ timeout: 20_000 });
    await close(w);
  });

  it("with every ally the per-year table is folded and not drawn; opened, it has every row and stays open as the slider moves", async () => {
    const w = await open("#/planner");
    const { page } = w;
    await page.locator("#planner-summary table").waitFor();
    expect(await page.locator("#planner-years").count()).toBe(0);
    await page.locator("summary", { hasText: "Required spending per ally and year" }).click();
    await page.locator("#planner-years tbody tr").first().waitFor();
    const all = pathwayRows(runPathwayRequest(ds, pathwayRequestOf(DEFAULT_STATE, ds.latestNatoVintage().id)));
    expect(await page.locator("#planner-years tbody tr").count()).toBe(all.length);
    const before = await coreColumn(w);
    await page.locator("#core-range").focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => coreColumn(w)).not.toEqual(before);
    expect(await page.locator("#planner-years tbody tr").count()).toBe(all.length);
    await close(w);
  });
});

describe("shared links", () => {
  it("reopen the view with every parameter in place", async () => {
    const w = await open("#/planner?allies=FRA,ITA&core=3&related=1&by=2032&shape=back-loaded");
    const { page } = w;
    await page.locator("#planner-years tbody tr").first().waitFor();
    expect(await page.locator("nav a[aria-current=page]").textContent()).toBe("Planner");
    expect(await page.locator("#core-range").inputValue()).toBe("3");
    expect(await page.locator("#related-number").inputValue()).toBe("1");
    expect(await page.locator("#by-range").inputValue()).toBe("2032");
    expect(await page.locator("#shape").inputValue()).toBe("back-loaded");
    expect(await page.getByRole("checkbox", { name: "FRA France" }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: "ITA Italy" }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: "DEU Germany" }).isChecked()).toBe(false);
    await close(w);

    const o = await open("#/overview?year=2019&vintage=2024-06");
    await o.page.locator("#map svg .country").first().waitFor();
    expect(await o.page.locator("#year").inputValue()).toBe("2019");
    expect(await o.page.locator("#vintage").inputValue()).toBe("2024-06");
    await close(o);

    const a = await open("#/ally?ally=ITA");
    expect(await a.page.locator("#ally-h").textContent()).toBe("Italy");
    expect(await a.page.locator("#ally").inputValue()).toBe("ITA");
    // Under the server the plans section is there (and says when no plan is recorded).
    await a.page.getByTestId("plans").waitFor();
    expect(await a.page.getByTestId("plans-unavailable").count()).toBe(0);
    // Navigation keeps the state: back to the overview and the ally is still in the link.
    await a.page.getByRole("link", { name: "Overview" }).click();
    expect(a.page.url()).toContain("#/overview");
    await a.page.goBack();
    expect(await a.page.locator("#ally-h").textContent()).toBe("Italy");
    await close(a);
  });
});

describe("sources", () => {
  it("shows each publication's terms of reuse next to it, as data/sources.csv records them", async () => {
    const w = await open("#/sources");
    const { page } = w;
    await page.locator("#sources-changes table").first().waitFor({ timeout: 15_000 });
    const publications = page.locator("table", { has: page.locator("th", { hasText: "Terms of reuse" }) }).first();
    await publications.waitFor();
    for (const s of ds.sources) {
      const row = publications.locator("tr", { has: page.locator("td", { hasText: s.id }) }).first();
      expect(await row.textContent(), s.id).toContain(s.terms);
    }
    await close(w);
  });

  it("lists what the newer release changed, figure by figure: guideline crossings first, each straddling its threshold", async () => {
    const w = await open("#/sources");
    const { page } = w;
    const table = page.locator("#sources-what-changed table").first();
    await table.waitFor({ timeout: 15_000 });
    const first = table.locator("tbody tr").first();
    const cells = (await first.locator("td").allTextContents()).map((t) => t.trim());
    expect(cells[0]).toBe("crossed_guideline");
    // From and To (e marks an estimate) lie on either side of the guideline's threshold: 2 % or 3.5 % of GDP, or 20 % on equipment.
    const [from, to] = [Number.parseFloat(cells[4] ?? ""), Number.parseFloat(cells[5] ?? "")];
    const threshold = { gdp2: 2, hague_core: 3.5, equipment20: 20 }[cells.at(-1) as "gdp2"];
    expect((from - threshold) * (to - threshold)).toBeLessThanOrEqual(0);
    await close(w);
  });
});
