/**
 * What an analyst checks before trusting or reusing a chart (issue 20), in a real browser against the
 * real server: exports that describe themselves, embeds, tooltips on hover and tap, the map's keyboard
 * use and legend, tables that say they scroll, and axe with no serious or critical violation.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { describe, expect, it, vi } from "vitest";
import { loadDataset } from "../src/data/load-dataset.ts";
import { dashboardSession, openPage, type WatchedPage } from "./support.ts";

// Each test opens one or more pages in a real browser (two widths, axe over the whole page): on a
// machine shared with other work a page can take many seconds, which is not what these tests measure.
vi.setConfig({ testTimeout: 120_000 });

const ds = loadDataset();
const session = dashboardSession("pledge-analyst-");
const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

async function open(hash: string, width = 1280): Promise<WatchedPage> {
  return openPage(session.browser, `${session.server.url}/${hash}`, width);
}

async function close(w: WatchedPage): Promise<void> {
  expect(w.problems, "console errors or page errors").toEqual([]);
  await w.page.context().close();
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [d] = await Promise.all([page.waitForEvent("download"), click()]);
  return { name: d.suggestedFilename(), text: readFileSync(await d.path(), "utf8") };
}

describe("exports that describe themselves", () => {
  it("an SVG carries the title, the year and release, the source with its address, the estimate note, the link and the date", async () => {
    const w = await open("#/overview?year=2019&vintage=2024-06");
    const { page } = w;
    await page.locator("#map svg .country").first().waitFor();
    const { name, text } = await download(page, () => page.locator("#ranking").getByRole("button", { name: /^SVG/ }).click());
    expect(name).toMatch(/\.svg$/);
    const source = ds.source(ds.vintage("2024-06")?.sourceId ?? "");
    expect(source?.url).toMatch(/^https?:/);
    // Read back as a browser reads it: the words of the file's text elements, by role.
    const words = await page.evaluate((svg) => {
      const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
      const of = (cls: string) => [...doc.querySelectorAll(`text.${cls}`)].map((t) => t.textContent).join(" ");
      return { title: of("export-title"), source: of("export-source"), note: of("export-note"), link: of("export-link") };
    }, text);
    expect(words.title).toContain("Allies ranked by share of GDP");
    expect(words.title).toContain("2019");
    expect(words.source).toContain(source?.publisher);
    expect(words.source.replace(/\s+/g, "")).toContain(source?.url);
    expect(words.note).toMatch(/estimate/i);
    expect(words.link).toContain("#/overview?");
    expect(words.link).toContain("year=2019");
    expect(words.link).toMatch(/saved \d{4}-\d{2}-\d{2}/);
    // The chart itself is inside, bars and all.
    expect(text).toContain('data-ally="POL"');
    await close(w);
  });

  it("a CSV comes with a metadata file naming source, release, licence and retrieval date", async () => {
    const w = await open("#/overview?year=2024&vintage=2024-06");
    const { page } = w;
    await page.locator("#ranking details summary").click();
    const csv = await download(page, () => page.locator("#ranking-table").getByRole("button", { name: /^CSV/ }).click());
    const meta = await download(page, () =>
      page
        .locator("#ranking-table")
        .getByRole("button", { name: /^Metadata/ })
        .click(),
    );
    expect(meta.name).toBe(csv.name.replace(/\.csv$/, ".metadata.json"));
    const m = JSON.parse(meta.text) as {
      file: string;
      title: string;
      columns: { name: string }[];
      sources: { id: string; retrieved: string; licence: string; url: string }[];
      view: string;
    };
    const source = ds.source(ds.vintage("2024-06")?.sourceId ?? "");
    expect(m.file).toBe(csv.name);
    expect(m.title).toContain("2024");
    expect(m.columns.map((c) => c.name)).toEqual(csv.text.split("\n")[0]?.split(","));
    expect(m.sources.map((s) => s.id)).toEqual([source?.id]);
    expect(m.sources[0]?.retrieved).toBe(source?.retrieved);
    expect(m.sources[0]?.licence).toBe(source?.licence);
    expect(m.view).toContain("vintage=2024-06");
    await close(w);
  });

  it("an embed snippet opens the chart alone, in the same state", async () => {
    const w = await open("#/overview?year=2019&vintage=2024-06");
    const { page } = w;
    await page.locator("#map svg .country").first().waitFor();
    await page
      .locator("#map")
      .getByRole("button", { name: /^Embed/ })
      .click();
    const snippet = await page.locator("#map-embed").inputValue();
    const src = /<iframe src="([^"]+)"/.exec(snippet)?.[1] ?? "";
    expect(src).toContain("embed=map");
    expect(src).toContain("year=2019");
    await close(w);

    const e = await openPage(session.browser, src, 700);
    await e.page.locator("#map svg .country").first().waitFor();
    expect(await e.page.locator("#map").isVisible()).toBe(true);
    expect(await e.page.locator("#ranking").isVisible()).toBe(false);
    expect(await e.page.locator("header.top").isVisible()).toBe(false);
    expect(await e.page.locator("#map-title").textContent()).toContain("2019");
    expect(await e.page.getByTestId("open-in-pledge").getAttribute("href")).not.toContain("embed=");
    await close(e);
  });

  it("a chart without figures offers no download", async () => {
    const w = await open("#/compare?allies=ISL");
    const { page } = w;
    await page.locator("#compare-allies").waitFor();
    expect(
      await page
        .locator("#compare-allies")
        .getByRole("button", { name: /^(SVG|PNG)/ })
        .count(),
    ).toBe(0);
    expect(await page.locator("#compare-allies").textContent()).toContain("nothing to download");
    await close(w);
  });
});

describe("tooltips", () => {
  it("appear on hover over the map, a bar and a line's point", async () => {
    const w = await open("#/overview?year=2024&vintage=2024-06");
    const { page } = w;
    await page.locator("#map svg .country").first().waitFor();
    const pol = ds.ally("POL")?.name ?? "";
    await page.locator('#map a[data-ally="POL"] path.country').hover();
    await expect.poll(() => page.locator("#map [data-testid=chart-tooltip]").textContent()).toContain(pol);
    await page.locator('#ranking g.bar[data-ally="DEU"] rect').last().hover();
    await expect.poll(() => page.locator("#ranking [data-testid=chart-tooltip]").textContent()).toContain(ds.ally("DEU")?.name);
    await close(w);

    const a = await open("#/ally?ally=POL");
    await a.page.locator("#ally-usd svg g.point").first().waitFor();
    await a.page.locator("#ally-usd svg g.point").last().hover({ force: true });
    await expect.poll(() => a.page.locator("#ally-usd [data-testid=chart-tooltip]").textContent()).toMatch(/\d{4}: /);
    await close(a);
  });

  it("appear on a tap; a first tap on a country shows its figure instead of leaving", async () => {
    const context = await session.browser.newContext({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(`${session.server.url}/#/overview?year=2024&vintage=2024-06`);
    await page.locator("#map svg .country").first().waitFor();
    await page.locator('#map a[data-ally="ESP"] path.country').tap();
    await expect.poll(() => page.locator("#map [data-testid=chart-tooltip]").textContent()).toContain(ds.ally("ESP")?.name);
    expect(page.url()).toContain("#/overview");
    await page.locator('#ranking g.bar[data-ally="FRA"] rect').last().tap();
    await expect.poll(() => page.locator("#ranking [data-testid=chart-tooltip]").textContent()).toContain(ds.ally("FRA")?.name);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe("the map", () => {
  it("is one tab stop; the arrow keys move between allies and Enter opens one", async () => {
    const w = await open("#/overview?year=2024&vintage=2024-06");
    const { page } = w;
    await page.locator("#map svg .country").first().waitFor();
    const stops = await page.locator('#map a.country-link[tabindex="0"]').count();
    expect(stops).toBe(1);
    expect(await page.locator('#map a.country-link[tabindex="-1"]').count()).toBeGreaterThanOrEqual(31);
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute("data-ally") ?? "");
    const centreX = (ally: string) =>
      page.locator(`#map a[data-ally="${ally}"]:not([data-territory]) path.country`).evaluate((p: SVGPathElement) => {
        const b = p.getBBox();
        return b.x + b.width / 2;
      });
    await page.locator('#map a[data-ally="DEU"]').focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(focused).not.toBe("DEU");
    const east = await focused();
    // The next ally to the right is east of Germany, and it is now the map's one tab stop.
    expect(await centreX(east)).toBeGreaterThan(await centreX("DEU"));
    expect(await page.locator('#map a.country-link[tabindex="0"]').getAttribute("data-ally")).toBe(east);
    await page.keyboard.press("ArrowLeft");
    await expect.poll(focused).toBe("DEU");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.url()).toContain("ally=DEU");
    await close(w);
  });

  it("zooms onto the Baltic states on a phone, where they become large enough to tap", async () => {
    const w = await open("#/overview?year=2024&vintage=2024-06", 375);
    const { page } = w;
    await page.locator("#map svg .country").first().waitFor();
    const width = () => page.locator('#map a[data-ally="EST"] path.country').evaluate((p) => p.getBoundingClientRect().width);
    const before = await width();
    await page.getByRole("button", { name: "Baltic states" }).click();
    await expect.poll(width).toBeGreaterThan(Math.max(44, 4 * before));
    await page.locator('#map a[data-ally="LVA"] path.country').click();
    await expect.poll(() => page.url()).toContain("ally=LVA");
    await close(w);
  });

  it("marks estimates, has a legend entry for no data and draws non-allies in grey", async () => {
    const w = await open("#/overview?year=2024&vintage=2024-06");
    const { page } = w;
    await page.locator("#map svg .country").first().waitFor();
    const estimated = ds.allies
      .filter((a) => ds.get("2024-06", a.iso3, "defexp_share_gdp_pct", 2024)?.estimate === "estimate")
      .map((a) => a.iso3);
    expect(estimated.length).toBeGreaterThan(0);
    const marked = await page
      .locator('#map a.country-link[data-estimate="true"]:not([data-territory])')
      .evaluateAll((as) => as.map((a) => a.getAttribute("data-ally")));
    expect(marked.sort()).toEqual(estimated.sort());
    expect(await page.locator("#map .estimate-hatch").count()).toBeGreaterThanOrEqual(estimated.length);
    const legend = await page.locator("#map .legend text").allTextContents();
    expect(legend).toEqual(expect.arrayContaining(["no data", "estimate", "not an ally"]));
    // Austria, Switzerland and Serbia are grey shapes, not holes.
    expect(await page.locator("#map .neighbours path").count()).toBeGreaterThan(10);
    await close(w);
  });
});

describe("axes, legends and colours", () => {
  /** Text of a page's charts that reaches outside its drawing, or a y-axis title that runs into a tick label. */
  const clipped = (page: Page) =>
    page.evaluate(() => {
      const out: string[] = [];
      for (const svg of document.querySelectorAll<SVGSVGElement>(".chart > svg")) {
        const box = svg.viewBox.baseVal;
        for (const t of svg.querySelectorAll<SVGTextElement>("text")) {
          if (!t.textContent?.trim()) continue;
          const b = t.getBBox();
          const m = t.getCTM();
          const root = svg.getCTM();
          if (!m || !root) continue;
          // Corners of the text in the drawing's own units.
          const toSvg = root.inverse().multiply(m);
          const corners = [
            [b.x, b.y],
            [b.x + b.width, b.y],
            [b.x, b.y + b.height],
            [b.x + b.width, b.y + b.height],
          ].map(([x, y]) => new DOMPoint(x, y).matrixTransform(toSvg));
          const xs = corners.map((p) => p.x);
          const ys = corners.map((p) => p.y);
          if (Math.min(...xs) < -0.5 || Math.max(...xs) > box.width + 0.5 || Math.min(...ys) < -0.5 || Math.max(...ys) > box.height + 0.5)
            out.push(t.textContent.trim());
        }
        const title = svg.querySelector<SVGTextElement>(".axis text[transform]");
        if (title) {
          const r = title.getBoundingClientRect();
          for (const t of svg.querySelectorAll<SVGTextElement>(".axis text[text-anchor=end]"))
            if (t.getBoundingClientRect().left < r.right - 0.5) out.push(`${t.textContent} under "${title.textContent}"`);
        }
        for (const t of svg.querySelectorAll(".legend text")) if (t.textContent?.endsWith("…")) out.push(`cut: ${t.textContent}`);
      }
      return out;
    });

  it("no chart text is clipped or overlapped, with seven-digit ticks and long legends, at desktop and phone width", async () => {
    for (const width of [1280, 375]) {
      const w = await open("#/compare?allies=USA,DEU&indicator=defexp_usd_const", width);
      await w.page.locator("#compare-allies svg g.point").first().waitFor();
      expect(await clipped(w.page), `compare at ${width}px`).toEqual([]);
      await w.page.context().close();
      const a = await open("#/ally?ally=POL", width);
      await a.page.locator("#ally-share svg g.point").first().waitFor();
      expect(await clipped(a.page), `ally at ${width}px`).toEqual([]);
      await close(a);
      const more: [string, string][] = [
        ["#/overview", "#map svg .country"],
        ["#/alliance", "#alliance-scatter svg g.point"],
      ];
      for (const [hash, ready] of more) {
        const o = await open(hash, width);
        await o.page.locator(ready).first().waitFor();
        expect(await clipped(o.page), `${hash} at ${width}px`).toEqual([]);
        await close(o);
      }
    }
  });

  it("a release has one colour on every ally's chart", async () => {
    const colours = async (ally: string) => {
      const w = await open(`#/ally?ally=${ally}`);
      await w.page.locator("#ally-share svg g.series").first().waitFor();
      const c = await w.page
        .locator("#ally-share svg g.series")
        .evaluateAll((gs) =>
          Object.fromEntries(gs.map((g) => [g.getAttribute("data-series"), g.querySelector("path")?.getAttribute("stroke")])),
        );
      await close(w);
      return c;
    };
    const pol = await colours("POL");
    const deu = await colours("DEU");
    const shared = Object.keys(pol).filter((k) => k in deu);
    expect(shared.length).toBeGreaterThan(1);
    for (const k of shared) expect(deu[k], k).toBe(pol[k]);
    const latest = ds.latestNatoVintage().id;
    expect(pol[latest]).toBeDefined();
  });
});

describe("the long view", () => {
  const sipri = ds.vintages.findLast((v) => v.series === "sipri")?.id ?? "";

  it("the Ally view draws SIPRI's share of GDP from its first year beside NATO's, with the definition caveat", async () => {
    const w = await open("#/ally?ally=USA");
    const { page } = w;
    await page.locator("#ally-long svg g.point").first().waitFor();
    const expected = ds.series(sipri, "USA", "milex_share_gdp_pct");
    expect(expected[0]?.year).toBe(1949);
    expect(await page.locator("#ally-long-title").textContent()).toContain("since 1949");
    const drawn = await page.locator('#ally-long svg g.series[data-series="sipri"] g.point').count();
    expect(drawn).toBe(expected.length);
    expect(await page.getByTestId("sipri-caveat").textContent()).toContain("definition");
    await close(w);
  });

  it("the Compare view sets Russia, China and Ukraine beside allies on SIPRI's series", async () => {
    const w = await open("#/compare?indicator=milex_share_gdp_pct&allies=POL,RUS,CHN,UKR");
    const { page } = w;
    await page.locator("#compare-allies svg g.point").first().waitFor();
    for (const e of ["POL", "RUS", "CHN", "UKR"]) {
      const n = await page.locator(`#compare-allies svg g.series[data-series="${e}"] g.point`).count();
      expect(n, e).toBe(ds.series(sipri, e, "milex_share_gdp_pct").length);
    }
    expect(await page.getByRole("checkbox", { name: "Russia" }).isChecked()).toBe(true);
    expect(await page.getByTestId("sipri-caveat").isVisible()).toBe(true);
    // Years without a figure are a break in the line, not a bridge: each run of years is its own subpath.
    const rus = ds.series(sipri, "RUS", "milex_share_gdp_pct").map((o) => o.year);
    const runs = rus.filter((y, i) => i === 0 || y - (rus[i - 1] as number) > 1).length;
    const moves = await page.locator('#compare-allies svg g.series[data-series="RUS"] path').getAttribute("d");
    expect((moves?.match(/M/g) ?? []).length).toBe(runs);
    await close(w);
  });

  it("the map and the ranking play through the years", async () => {
    const w = await open("#/overview?vintage=2024-06");
    const { page } = w;
    await page.locator("#map svg .country").first().waitFor();
    const years = ds.years("2024-06");
    // The slider moves the year of the map and the ranking.
    await page.locator("#year-slider").focus();
    await page.keyboard.press("Home");
    await expect.poll(() => page.locator("#overview-h").textContent()).toContain(String(years[0]));
    await page.getByTestId("play-years").click();
    await expect.poll(() => page.locator("#year").inputValue(), { timeout: 10_000 }).toBe(String(years[2]));
    await page.getByTestId("play-years").click();
    const paused = await page.locator("#year").inputValue();
    expect(await page.locator("#ranking-title").textContent()).toContain(paused);
    expect(page.url()).toContain(`year=${paused}`);
    await close(w);
  });
});

describe("the alliance view", () => {
  const v = ds.latestNatoVintage().id;
  const share = (a: string, y: number) => ds.get(v, a, "defexp_share_gdp_pct", y)?.value;

  it("counts the members at or above 2% each year, lists the members of that year, and serves the API's aggregates CSV", async () => {
    const w = await open("#/alliance");
    const { page } = w;
    await page.locator("#alliance-counts svg g.point").first().waitFor();
    const counts = page.locator(".table-block", { has: page.locator("caption", { hasText: "members of each year" }) });
    for (const year of [2014, 2024]) {
      // Recomputed here from the figures: members of the year with armed forces whose share is at least 2.
      const members = ds.allies.filter((a) => a.accessionYear <= year);
      const met = members.filter((a) => a.hasArmedForces && (share(a.iso3, year) ?? -1) >= 2).length;
      const row = counts.locator("tbody tr", { has: page.locator("td:first-child", { hasText: String(year) }) });
      const cells = await row.locator("td").allTextContents();
      expect(cells[1], `members ${year}`).toBe(String(members.length));
      expect(cells[3], `2% met ${year}`).toBe(String(met));
      expect(cells.at(-1)?.split(" ").sort()).toEqual(members.map((a) => a.iso3).sort());
    }
    const aggregates = page.locator(".table-block", { has: page.locator("caption", { hasText: "Alliance aggregates per year" }) });
    const csv = await download(page, () => aggregates.getByRole("button", { name: /^CSV/ }).click());
    const api = await (await fetch(`${session.server.url}/api/v1/aggregates?vintage=${v}&format=csv`)).text();
    expect(csv.text).toBe(api);
    await close(w);
  });

  it("draws the US share from the US and NATO totals, and the 2% × 20% scatter with its quadrant count", async () => {
    const w = await open("#/alliance?year=2024");
    const { page } = w;
    await page.locator("#alliance-scatter svg g.point").first().waitFor();
    const us = ds.get(v, "USA", "defexp_usd_current", 2024)?.value ?? Number.NaN;
    const total = ds.get(v, "NATO_TOTAL", "defexp_usd_current", 2024)?.value ?? Number.NaN;
    const tip = await page.locator('#alliance-us-share svg g.point[data-tip*="2024"]').getAttribute("data-tip");
    expect(tip).toContain(`${((100 * us) / total).toFixed(1)}`);
    const both = ds.allies.filter(
      (a) =>
        a.hasArmedForces &&
        a.accessionYear <= 2024 &&
        (share(a.iso3, 2024) ?? -1) >= 2 &&
        (ds.get(v, a.iso3, "equipment_share_pct", 2024)?.value ?? -1) >= 20,
    ).length;
    expect(await page.locator("#alliance-scatter svg").textContent()).toContain(`both guidelines met: ${both}`);
    const pol = page.locator('#alliance-scatter svg g.point[data-ally="POL"]');
    expect(Number(await pol.getAttribute("data-x"))).toBe(share("POL", 2024));
    await close(w);
  });

  it("shows NATO's own tables: per capita by ally and year", async () => {
    const w = await open("#/alliance");
    const { page } = w;
    await page.locator("#nato-table").waitFor();
    await page.selectOption("#nato-table", "defexp_per_capita_const_usd");
    const table = page.locator(".table-block", { has: page.locator("caption", { hasText: "per capita" }) });
    await table.waitFor();
    const row = table.locator("tbody tr", { has: page.locator("td:first-child", { hasText: ds.ally("POL")?.name ?? "" }) });
    const years = ds.years(v);
    const cells = await row.locator("td").allTextContents();
    const o = ds.get(v, "POL", "defexp_per_capita_const_usd", 2020);
    expect(cells[years.indexOf(2020) + 1]).toBe(
      o ? `${Math.round(o.value).toLocaleString("en")}${o.estimate === "estimate" ? "e" : ""}` : "–",
    );
    await close(w);
  });
});

describe("inputs", () => {
  it("a search in the ally picker selects an ally; all ticks every ally, none clears the choice", async () => {
    const w = await open("#/compare?allies=DEU");
    const { page } = w;
    await page.locator("#compare-allies svg").waitFor();
    const search = page.getByRole("combobox", { name: /Add an ally/ });
    await search.fill("esto");
    await page.getByRole("option", { name: /Estonia/ }).waitFor();
    await search.press("Enter");
    await expect.poll(() => page.url()).toContain("allies=DEU,EST");
    expect(await page.getByRole("checkbox", { name: "EST Estonia" }).isChecked()).toBe(true);
    // By ISO2 code, chosen with the mouse.
    await search.fill("NO");
    await page.getByRole("option", { name: /Norway/ }).click();
    await expect.poll(() => page.url()).toContain("allies=DEU,EST,NOR");
    await page.getByRole("button", { name: "Select all" }).click();
    const withForces = ds.allies.filter((a) => a.hasArmedForces).length;
    await expect.poll(() => page.locator(".ally-checks .chips input:checked").count()).toBe(withForces);
    // None: the link names no ally, and the comparison falls back to its five default allies.
    await page.getByRole("button", { name: "Select none" }).click();
    await expect.poll(() => page.url()).not.toContain("allies=");
    await close(w);
  });

  it("an out-of-range target is refused with a message beside the input", async () => {
    const w = await open("#/planner?allies=DEU");
    const { page } = w;
    await page.locator("#planner-years tbody tr").first().waitFor();
    await page.locator("#core-number").fill("12");
    const message = page.getByTestId("core-error");
    await message.waitFor();
    expect(await message.textContent()).toContain("12 is outside the range");
    expect(await page.locator("#core-number").getAttribute("aria-invalid")).toBe("true");
    expect(page.url()).not.toContain("core=12");
    await page.locator("#core-number").fill("4");
    await expect.poll(() => message.count()).toBe(0);
    await expect.poll(() => page.url()).toContain("core=4");
    await close(w);
  });

  it("an unknown ally in the link says so instead of showing another ally", async () => {
    const w = await open("#/ally?ally=XYZ");
    const { page } = w;
    const notice = page.getByTestId("unknown-ally");
    await notice.waitFor();
    expect(await notice.textContent()).toContain("XYZ");
    expect(await page.locator("#ally-h").textContent()).not.toBe(ds.allies[0]?.name);
    expect(await page.locator("#ally-share").count()).toBe(0);
    await page.selectOption("#ally", "EST");
    await expect.poll(() => page.locator("#ally-h").textContent()).toBe(ds.ally("EST")?.name);
    await close(w);
  });

  it("a release that lacks the link's year moves to its nearest year and says so", async () => {
    const years = ds.years("2024-06");
    const last = years.at(-1) ?? 0;
    const w = await open(`#/overview?vintage=2024-06&year=${last + 2}`);
    const { page } = w;
    const notice = page.getByTestId("year-moved");
    await notice.waitFor();
    expect(await notice.textContent()).toContain(`no figures for ${last + 2}`);
    expect(await page.locator("#year").inputValue()).toBe(String(last));
    await expect.poll(() => page.url()).toContain(`year=${last}`);
    await close(w);
  });
});

describe("tables", () => {
  it("that scroll sideways on a phone say so and keep their downloads in view", async () => {
    const w = await open("#/overview?year=2024&vintage=2024-06", 375);
    const { page } = w;
    await page.locator("#map svg .country").first().waitFor();
    const block = page.locator(".table-block", { has: page.locator("caption", { hasText: "Allies meeting each guideline" }) });
    await block.waitFor();
    const wrap = block.locator(".table-wrap");
    const scrolls = await wrap.evaluate((el) => el.scrollWidth > el.clientWidth);
    if (scrolls) {
      expect(await block.getByTestId("scroll-cue").isVisible()).toBe(true);
      expect(await wrap.getAttribute("tabindex")).toBe("0");
    }
    const csv = await block.getByRole("button", { name: /^CSV/ }).boundingBox();
    expect(csv && csv.x + csv.width).toBeLessThanOrEqual(375);
    await close(w);
  });
});

describe("accessibility", () => {
  const views: [string, string][] = [
    ["#/overview", "#map svg .country"],
    ["#/ally?ally=POL", "#ally-share svg"],
    ["#/planner?allies=DEU", "[data-testid=mc-done]"],
    ["#/compare?allies=DEU,FRA,POL", "#compare-allies svg"],
    ["#/compare?mode=scenarios", "#compare-scenarios svg"],
    ["#/alliance", "#alliance-scatter svg"],
    ["#/compare?indicator=milex_share_gdp_pct&allies=POL,RUS", "#compare-allies svg"],
    ["#/classify", "main h2"],
    ["#/check", "main h2"],
    ["#/sources", "#sources-changes table"],
  ];
  it.each(views)(
    "%s has one level-one heading and no serious or critical axe violation, at desktop and phone width",
    async (hash, ready) => {
      for (const width of [1280, 375]) {
        const w = await open(hash, width);
        await w.page.locator(ready).first().waitFor({ timeout: 20_000 });
        await w.page.waitForLoadState("networkidle");
        expect(await w.page.locator("h1").count()).toBe(1);
        await w.page.evaluate(AXE);
        const violations = await w.page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } })
            .axe;
          const r = await axe.run();
          return r.violations
            .filter((v) => v.impact === "serious" || v.impact === "critical")
            .map((v) => `${v.impact} ${v.id} (${v.nodes.length})`);
        });
        expect(violations, `${hash} at ${width}px`).toEqual([]);
        await close(w);
      }
    },
  );

  it("the planner's probability table can be reached and scrolled with the keyboard", async () => {
    const w = await open("#/planner", 375);
    const { page } = w;
    await page.getByTestId("mc-done").waitFor({ timeout: 60_000 });
    const table = page.locator(".table-block", { has: page.locator("caption", { hasText: "Probability of reaching the core target" }) });
    const wrap = table.locator(".table-wrap");
    expect(await wrap.getAttribute("tabindex")).toBe("0");
    await wrap.focus();
    const before = await wrap.evaluate((el) => el.scrollTop);
    await page.keyboard.press("PageDown");
    await expect.poll(() => wrap.evaluate((el) => el.scrollTop)).toBeGreaterThan(before);
    await close(w);
  });
});
