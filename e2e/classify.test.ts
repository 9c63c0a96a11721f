/**
 * The Classify view in a real browser against the real server: upload a sample budget, read each
 * line's explanation, filter by category, and see the totals against the Hague guidelines.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dashboardSession, openPage, ROOT, screenshot } from "./support.ts";

const SAMPLE = join(ROOT, "examples/budgets/canada-dnd-main-estimates-2023-24.csv");
const rules = JSON.parse(readFileSync(join(ROOT, "data/classification/rules-v1.json"), "utf8")) as {
  rules: { id: string; explanation: string }[];
};
const session = dashboardSession("pledge-e2e-classify-");

describe("Classify view", () => {
  it("classifies an uploaded budget, explains each line, filters by category and compares with the guidelines", async () => {
    for (const width of [1280, 375]) {
      const w = await openPage(session.browser, `${session.server.url}/#/classify`, width);
      const { page } = w;
      await page.locator("#budget-file").setInputFiles(SAMPLE);
      await page.locator("#classify-ally").selectOption("CAN");
      await page.locator("#classify-year").fill("2023");
      await page.getByRole("button", { name: "Classify" }).click();
      await page.locator("[data-testid=classify-result]").waitFor({ timeout: 15_000 });
      const rows = page.locator("#classify-lines tbody tr");
      expect(await rows.count()).toBe(5);
      // V15 is decided by the rule military-personnel: its explanation, from the rules file, is shown.
      const v15 = rows.filter({ hasText: "V15" });
      const personnel = rules.rules.find((r) => r.id === "military-personnel")?.explanation as string;
      expect(await v15.textContent()).toContain(personnel);
      expect(await v15.textContent()).toContain("domain.md");
      // By hand: 26,489,124,243 CAD of core over IMF GDP 2,965.201 bn CAD = 0.893 %.
      const cards = page.locator("#classify-guidelines li");
      expect(await cards.first().textContent()).toMatch(/0\.89 %.*at least 3\.5 % of GDP/);
      expect(await cards.nth(1).textContent()).toMatch(/0\.00 %.*up to 1\.5 % of GDP/);
      expect(await page.locator("[data-testid=classify-nato]").textContent()).toMatch(
        /38,385 m CAD; classified core minus NATO: -11,896 m CAD/,
      );
      await page.locator("#classify-filter").selectOption("core_personnel");
      expect(await rows.count()).toBe(1);
      await page.locator("#classify-filter").selectOption("needs_review");
      expect(await rows.count()).toBe(0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `overflows by ${overflow}px at ${width}px`).toBeLessThanOrEqual(1);
      await page.locator("#classify-filter").selectOption("all");
      await screenshot(page, `classify-${width}`);
      expect(w.problems).toEqual([]);
      await page.context().close();
    }
  });

  it("overrides a line's category with a reason: the line says so, the totals follow, and the decision can be undone", async () => {
    const w = await openPage(session.browser, `${session.server.url}/#/classify`);
    const { page } = w;
    await page.locator("#budget-file").setInputFiles(SAMPLE);
    await page.locator("#classify-ally").selectOption("CAN");
    await page.locator("#classify-year").fill("2023");
    await page.getByRole("button", { name: "Classify" }).click();
    await page.locator("[data-testid=classify-result]").waitFor({ timeout: 15_000 });
    const cards = page.locator("#classify-guidelines li");
    expect(await cards.nth(1).textContent()).toMatch(/0\.00 %/);

    await page.getByRole("button", { name: "Override line V10" }).click();
    const form = page.locator("[data-testid=classify-override]");
    await form.locator("#override-category").selectOption("related_industrial_base");
    // No reason: refused beside the input, nothing sent.
    await form.getByRole("button", { name: "Apply" }).click();
    expect(await form.getByRole("alert").textContent()).toMatch(/Give the reason/);
    await form.locator("#override-reason").fill("grants to the defence industry, per the ministry's notes");
    await form.getByRole("button", { name: "Apply" }).click();
    await page.locator("[data-testid=classify-decisions]").waitFor({ timeout: 15_000 });

    const v10 = page.locator("#classify-lines tbody tr").filter({ hasText: "V10" });
    await expect.poll(async () => await v10.textContent(), { timeout: 15_000 }).toContain("Overridden: grants to the defence industry");
    expect(await v10.textContent()).toContain("related_industrial_base");
    // By hand: Vote 10, 319,808,513 CAD, over IMF GDP 2,965.201 bn CAD = 0.011 % towards the 1.5 %.
    expect(await cards.nth(1).textContent()).toMatch(/0\.01 %/);

    await page.getByRole("button", { name: "Undo the decision on line V10" }).click();
    await page.locator("[data-testid=classify-decisions]").waitFor({ state: "detached", timeout: 15_000 });
    await expect.poll(async () => await cards.nth(1).textContent(), { timeout: 15_000 }).toMatch(/0\.00 %/);
    expect(w.problems).toEqual([]);
    await page.context().close();
  });

  it("shows the server's error, naming the row and column, for a bad file", async () => {
    const w = await openPage(session.browser, `${session.server.url}/#/classify`);
    await w.page
      .locator("#budget-file")
      .setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from("id,name,amount\nA,x,1\nA,y,2\n") });
    await w.page.getByRole("button", { name: "Classify" }).click();
    const error = w.page.locator("[data-testid=classify-error]");
    await error.waitFor({ timeout: 15_000 });
    expect(await error.textContent()).toBe('bad.csv, row 3, field "id": the line id "A" is also used in row 2');
    // The 400 answer is logged by Chromium as a failed resource load; nothing else may go wrong.
    expect(w.problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
    await w.page.context().close();
  });
});
