import { describe, expect, it } from "vitest";
import { checkSentence } from "../src/core/claims/check-claims.ts";
import { loadDataset } from "../src/data/load-dataset.ts";
import { dashboardSession, openPage, screenshot } from "./support.ts";

const ds = loadDataset();
const session = dashboardSession("pledge-e2e-claims-");

// Real sentence: smiraponitke.com, 20 June 2024 (test/fixtures/claims/corpus.json).
const SENTENCE =
  "Poland will spend the equivalent of 4.12% of its GDP on defence this year, which is the highest level among NATO members and more than double the alliance’s guideline of 2%.";
const PUBLISHED = "2024-06-20";

describe("check a claim", () => {
  it("checks a typed sentence, shows the core's verdict per release, and its link reopens the same check", async () => {
    const expected = checkSentence(ds, { sentence: SENTENCE, published: PUBLISHED });
    const want = expected.claims.flatMap((c) => c.results.map((r) => `${r.vintage}:${r.verdict}`));
    // Hand-checked anchors: Poland 2024 is 4.12% in the June 2024 release, 3.75% in July 2026 (core definition).
    expect(want).toContain("2024-06:consistent");
    expect(want).toContain("2026-07:close");

    const w = await openPage(session.browser, `${session.server.url}/#/check`);
    const { page } = w;
    await page.getByTestId("check-sentence").fill(SENTENCE);
    await page.getByTestId("check-date").fill(PUBLISHED);
    await page.getByTestId("check-submit").click();
    await page.getByTestId("check-result").waitFor();
    const shown = async (p: typeof page) =>
      p.$$eval("[data-testid=claim] tbody tr", (rows) =>
        rows.map((r) => `${r.getAttribute("data-vintage")}:${r.getAttribute("data-verdict")}`),
      );
    expect(await shown(page)).toEqual(want);
    expect(await page.getByTestId("claim").count()).toBe(expected.claims.length);
    expect(await page.textContent("[data-testid=check-result]")).toContain("current when published");
    await screenshot(page, "check-a-claim");

    const link = page.url();
    expect(link).toMatch(/#\/check\?/);
    expect(decodeURIComponent(link)).toContain("published=2024-06-20");
    const again = await openPage(session.browser, link);
    await again.page.getByTestId("check-result").waitFor();
    expect(await shown(again.page)).toEqual(want);
    expect(await again.page.getByTestId("check-sentence").inputValue()).toBe(SENTENCE);

    expect(w.problems).toEqual([]);
    expect(again.problems).toEqual([]);
    await w.page.context().close();
    await again.page.context().close();
  });
});
