/**
 * The planner's three projections in a real browser (Debian's Chromium) against the real server: the
 * fans on one chart, the probability table and the sentence under each model. The expected
 * probability is recomputed in Node with the same core, seed and number of paths.
 */
import { describe, expect, it } from "vitest";
import { trajectorySetup } from "../src/core/forecast/trajectory-models.ts";
import { runPathwayRequest } from "../src/core/pathway-request.ts";
import { simulatePathways } from "../src/core/simulation.ts";
import { defaultCalibration } from "../src/core/simulation-calibration.ts";
import { loadDataset } from "../src/data/load-dataset.ts";
import { MODEL_ASSUMPTIONS } from "../src/model/forecast-models.ts";
import { pathwayRequestOf } from "../web/src/lib/pathway-input.ts";
import { DEFAULT_STATE } from "../web/src/lib/state.ts";
import { dashboardSession, openPage, screenshot } from "./support.ts";

const ds = loadDataset();
const session = dashboardSession("pledge-e2e-forecast-");

describe("the planner's forecast", () => {
  it("draws the projections on one chart, with their probabilities and what each assumes", async () => {
    const w = await openPage(session.browser, `${session.server.url}/#/planner?allies=ITA`, 1280);
    const { page } = w;
    await page.getByTestId("mc-done").waitFor({ timeout: 30_000 });
    const fans = page.getByTestId("forecast-fans");
    expect(await fans.locator("[data-model=path]").count()).toBe(1);
    expect(await fans.locator("[data-model=trajectory]").count()).toBe(1);
    // The plan model runs when the server's registry holds a plan for Italy; otherwise the sentence says why not.
    const planDrawn = (await fans.locator("[data-model=plan]").count()) === 1;
    const planSentence = (await page.getByTestId("assumes-plan").textContent()) ?? "";
    expect(planDrawn ? planSentence.includes(MODEL_ASSUMPTIONS.plan) : /no ally shown has a plan/.test(planSentence)).toBe(true);
    expect(await page.getByTestId("assumes-trajectory").textContent()).toContain(MODEL_ASSUMPTIONS.trajectory);
    expect(await page.getByTestId("assumes-path").textContent()).toContain(MODEL_ASSUMPTIONS.path);

    const rows = page.locator("#forecast-probabilities tbody tr");
    expect(await rows.count()).toBe(planDrawn ? 3 : 2);

    // The same run in Node: the trajectory's probability of reaching the target by the target year.
    const official = ds.latestNatoVintage().id;
    const set = runPathwayRequest(ds, pathwayRequestOf({ ...DEFAULT_STATE, allies: ["ITA"] }, official));
    const cal = defaultCalibration(ds, set.vintageId, set.imfVintageId);
    const t = trajectorySetup(ds, set.vintageId, set.allies);
    const r = simulatePathways(
      set.allies,
      cal,
      { paths: DEFAULT_STATE.paths, seed: DEFAULT_STATE.seed, percentiles: [5, 25, 50, 75, 95] },
      undefined,
      undefined,
      t.models,
    );
    const expected = `${Math.round((r.allies[0]?.pTargetByTargetYear ?? -1) * 100)}%`;
    expect(await page.getByTestId("mc-probability").textContent()).toBe(expected);
    await screenshot(page, "planner-forecast");
    expect(w.problems, "console errors or page errors").toEqual([]);
    await page.context().close();
  });

  it("after a first run, the next seed (in the reused worker) gives exactly that seed's numbers, and the label names the seed shown", async () => {
    const w = await openPage(session.browser, `${session.server.url}/#/planner?allies=ITA&paths=2000&seed=3`, 1280);
    const { page } = w;
    await page.locator("[data-testid=mc-done][data-seed='3']").waitFor({ timeout: 30_000 });
    await page.goto(`${session.server.url}/#/planner?allies=ITA&paths=2000&seed=8`);
    const done = page.locator("[data-testid=mc-done][data-seed='8']");
    await done.waitFor({ timeout: 30_000 });
    expect(await done.textContent()).toContain("2,000 paths per model, seed 8");

    // The same run in Node: a reused worker must give exactly what a fresh computation gives.
    const set = runPathwayRequest(ds, pathwayRequestOf({ ...DEFAULT_STATE, allies: ["ITA"] }, ds.latestNatoVintage().id));
    const cal = defaultCalibration(ds, set.vintageId, set.imfVintageId);
    const t = trajectorySetup(ds, set.vintageId, set.allies);
    const r = simulatePathways(set.allies, cal, { paths: 2000, seed: 8, percentiles: [5, 25, 50, 75, 95] }, undefined, undefined, t.models);
    expect(await page.getByTestId("mc-probability").textContent()).toBe(`${Math.round((r.allies[0]?.pTargetByTargetYear ?? -1) * 100)}%`);
    expect(w.problems, "console errors or page errors").toEqual([]);
    await page.context().close();
  });
});
