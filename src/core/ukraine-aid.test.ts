import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kielWindow, loadKielTotals } from "../data/kiel-aid.ts";
import { loadDataset } from "../data/load-dataset.ts";
import {
  type AllyUkraineAid,
  allyUkraineAid,
  imfGdpEurBn,
  shareWithUkraineAid,
  ukraineAidView,
  windowYearFractions,
} from "./ukraine-aid.ts";

const ds = loadDataset();
const kiel = loadKielTotals();
const WINDOW = { from: "2022-01-24", to: "2026-02-28" };

describe("Kiel's window and its averaging", () => {
  it("Release 28's 'cumulative 24 Jan 2022 to end-Feb 2026' is 24 Jan 2022 to 28 Feb 2026", () => {
    expect(kielWindow("Kiel UST Release 28 (cumulative 24 Jan 2022 to end-Feb 2026; workbook downloaded 2026-04-22)")).toEqual(WINDOW);
    expect(kiel.every((k) => k.span.from === WINDOW.from && k.span.to === WINDOW.to && k.release === "Release 28")).toBe(true);
  });

  it("each calendar year counts for the part inside the window: 2022 from 24 Jan (342 of 365 days), 2026 to 28 Feb (59 days)", () => {
    expect(windowYearFractions(WINDOW)).toEqual([
      { year: 2022, fraction: 342 / 365 },
      { year: 2023, fraction: 1 },
      { year: 2024, fraction: 1 },
      { year: 2025, fraction: 1 },
      { year: 2026, fraction: 59 / 365 },
    ]);
  });
});

describe("aid as an average annual share of GDP, checked by hand from the CSVs", () => {
  const gdp = imfGdpEurBn(ds, "weo-2026-04");
  const byAlly = (iso: string) => allyUkraineAid(kiel.find((k) => k.ally === iso) as NonNullable<(typeof kiel)[number]>, gdp);

  it("Italy: €3.0 bn military allocations over €8,850 bn of window GDP is 0.0339 % a year", () => {
    // data/imf/weo-2026-04: ITA gdp_nc_current_bn 2022…2026; data/kiel: ukr_aid_military_alloc_cum_eur_bn = 3.0.
    const windowGdp = 1998.073 * (342 / 365) + 2142.744 + 2202.031 + 2258.049 + 2322.015 * (59 / 365);
    const italy = byAlly("ITA");
    expect(italy.windowGdpEurBn).toBeCloseTo(windowGdp, 9);
    expect(italy.cumulativeEurBn.allocations.military).toBe(3.0);
    expect(italy.averageSharePct.allocations.military).toBeCloseTo((3.0 / windowGdp) * 100, 12);
    expect(italy.averageSharePct.allocations.military).toBeCloseTo(0.0339, 4);
    // Allocations and commitments stay apart: total commitments (4.0525) are not total allocations (4.0950).
    expect(italy.averageSharePct.commitments.total).toBeCloseTo((4.052482272697085 / windowGdp) * 100, 12);
    expect(italy.averageSharePct.allocations.total).toBeCloseTo((4.094982272697085 / windowGdp) * 100, 12);
  });

  it("the United States: dollar GDP at the IMF's implied euro rate (Germany's NGDP ÷ NGDPD of each year)", () => {
    const rate = (eur: number, usd: number) => eur / usd;
    const windowGdp =
      26054.6 * rate(3989.39, 4204.327) * (342 / 365) +
      27811.5 * rate(4219.31, 4563.523) +
      29298.025 * rate(4328.97, 4684.182) +
      30767.075 * rate(4469.91, 5048.059) +
      32383.92 * rate(4624.127, 5452.858) * (59 / 365);
    const us = byAlly("USA");
    expect(us.windowGdpEurBn).toBeCloseTo(windowGdp, 6);
    expect(us.averageSharePct.allocations.military).toBeCloseTo((64.61688619376132 / windowGdp) * 100, 12);
  });
});

describe("the switch: --ukraine-aid include | exclude", () => {
  const aidOf = (pp: number | null): AllyUkraineAid => {
    const cat = { military: pp, financial: null, humanitarian: null, total: pp };
    return {
      ally: "XXX",
      release: "test",
      span: WINDOW,
      windowGdpEurBn: 1,
      cumulativeEurBn: { allocations: cat, commitments: cat },
      averageSharePct: { allocations: cat, commitments: { ...cat, military: pp === null ? null : pp / 2 } },
      source: "test",
    };
  };

  it("property: including aid never lowers a share and changes it by exactly the stated average; excluding changes nothing", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 2, noNaN: true }), (share, pp) => {
        const aid = aidOf(pp);
        expect(shareWithUkraineAid(share, aid, "exclude")).toEqual({ sharePct: share, addedPp: 0 });
        const inc = shareWithUkraineAid(share, aid, "include");
        expect(inc.sharePct).toBe(share + pp);
        expect(inc.addedPp).toBe(aid.averageSharePct.allocations.military);
        expect(inc.sharePct as number).toBeGreaterThanOrEqual(share);
        expect(shareWithUkraineAid(share, aid, "include", "commitments").sharePct).toBe(share + pp / 2);
      }),
    );
  });

  it("absent aid or an absent share gives null under include, never a guessed 0", () => {
    expect(shareWithUkraineAid(2.1, aidOf(null), "include")).toEqual({ sharePct: null, addedPp: null });
    expect(shareWithUkraineAid(2.1, undefined, "include")).toEqual({ sharePct: null, addedPp: null });
    expect(shareWithUkraineAid(null, aidOf(0.1), "include")).toEqual({ sharePct: null, addedPp: 0.1 });
  });

  it("on the real data every ally's share with aid is NATO's share plus its own military average, and the caveat is stated", () => {
    const view = ukraineAidView(ds, kiel, { year: 2025 });
    expect(view.caveat).toMatch(/already includes military aid.*double-count/);
    expect(view.averaging).toContain("2022-01-24 to 2026-02-28");
    const italy = view.rows.find((r) => r.ally === "ITA");
    // NATO July 2026 release: Italy 2025 = 2.09 %.
    expect(italy?.natoSharePct).toBe(2.09);
    // 2.09 − 2, without the binary noise (0.08999999999999986) reaching CSV and JSON.
    expect(italy?.gapTo2PctPp).toBe(0.09);
    expect(italy?.shareWithAllocationsPct).toBe(2.09 + (italy?.militaryAllocationsAvgSharePct as number));
    for (const r of view.rows)
      if (r.natoSharePct !== null && r.shareWithAllocationsPct !== null)
        expect(r.shareWithAllocationsPct).toBe(r.natoSharePct + (r.militaryAllocationsAvgSharePct as number));
  });
});
