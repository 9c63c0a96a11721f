/**
 * The HTTP API against a real running server (startServer on a loopback port), once over SQLite and
 * once over PostgreSQL. Expected values come from the core functions on the same bundled dataset.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import golden from "../../test/oracle/golden.json" with { type: "json" };
import { DIALECTS } from "../../test/support/stores.ts";
import { PASSWORD, startTestServer, type TestServer } from "../../test/support/test-server.ts";
import { runAffordability, runBurden } from "../core/affordability/affordability-request.ts";
import { affordabilitySummaryRows, affordabilityYearRows } from "../core/affordability/affordability-tables.ts";
import { burdenAllyRows, burdenGapRows } from "../core/affordability/burden-tables.ts";
import { allianceAggregates } from "../core/aggregates.ts";
import { checkSentence } from "../core/claims/check-claims.ts";
import { adversaryComparison } from "../core/comparisons.ts";
import { allianceStatus } from "../core/compliance.ts";
import { resolveSeriesVintage, resolveVintageYear } from "../core/dataset-query.ts";
import { allianceRows, defaultVintages, pathwayRows, pathwaySeries, pathwaySummary, runPathwayRequest } from "../core/pathway-request.ts";
import { rankAllies } from "../core/rankings.ts";
import { compareScenarios, findPreset, type GapCover, publishedGapCover, runScenario, SCENARIO_PRESETS } from "../core/scenarios.ts";
import { loadEuInstruments } from "../data/eu-fiscal.ts";
import { loadDataset } from "../data/load-dataset.ts";
import { BurdenParamsSchema } from "../model/affordability.ts";
import { INDICATORS } from "../model/indicator.ts";
import { PathwayRequestSchema } from "../model/pathway.ts";
import { type AnnualPlanInput, AnnualPlanSchema } from "../model/plan.ts";
import type { Scenario } from "../model/scenario.ts";
import { XLSX_TYPE } from "./tabular.ts";

const ds = loadDataset();
const root = join(import.meta.dirname, "../..");
const VALID_CSV = readFileSync(join(root, "test/fixtures/plans/valid.csv"), "utf8");
const MALFORMED_CSV = readFileSync(join(root, "test/fixtures/plans/malformed.csv"), "utf8");
/** JSON round trip: what the expected value looks like after the server encoded it. */
const wire = <T>(v: T): T => JSON.parse(JSON.stringify(v));

function polPlan(submissionYear: number, core2030: number, extra: Partial<AnnualPlanInput> = {}): AnnualPlanInput {
  return {
    ally: "POL",
    submissionYear,
    unit: "share",
    years: [
      { year: 2026, corePct: 4.2, relatedPct: 0.5 },
      { year: 2029, corePct: 4.3, relatedPct: 0.8 },
      { year: 2030, corePct: core2030, relatedPct: 1.0 },
      { year: 2035, corePct: core2030 + 0.2, relatedPct: 1.5 },
    ],
    notes: `plan ${submissionYear}`,
    sources: [{ title: "Budget law", url: "https://www.gov.pl/web/obrona-narodowa" }],
    ...extra,
  };
}

async function xlsxRows(bytes: Uint8Array): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error("no sheet");
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

/** The routes the server answers (Hono path syntax). /openapi.json must list every one. */
const ROUTES: [string, string][] = [
  ["get", "/api/v1/health"],
  ["get", "/api/v1/allies"],
  ["get", "/api/v1/indicators"],
  ["get", "/api/v1/vintages"],
  ["get", "/api/v1/sources"],
  ["get", "/api/v1/observations"],
  ["get", "/api/v1/compliance"],
  ["get", "/api/v1/aggregates"],
  ["get", "/api/v1/rankings"],
  ["get", "/api/v1/revisions"],
  ["get", "/api/v1/vintages/diff"],
  ["post", "/api/v1/vintages/import-release"],
  ["get", "/api/v1/comparisons"],
  ["post", "/api/v1/pathways"],
  ["get", "/api/v1/scenarios/presets"],
  ["post", "/api/v1/scenarios/run"],
  ["post", "/api/v1/scenarios"],
  ["get", "/api/v1/scenarios/{id}"],
  ["post", "/api/v1/simulations"],
  ["get", "/api/v1/affordability"],
  ["get", "/api/v1/burden"],
  ["get", "/api/v1/eu-instruments"],
  ["post", "/api/v1/forecasts"],
  ["get", "/api/v1/outturns"],
  ["get", "/api/v1/backtest"],
  ["post", "/api/v1/claims/check"],
  ["get", "/api/v1/plans"],
  ["post", "/api/v1/plans"],
  ["get", "/api/v1/plans/{id}"],
  ["post", "/api/v1/plans/{id}/versions"],
  ["post", "/api/v1/plans/{id}/withdraw"],
  ["get", "/api/v1/plans/{id}/assessment"],
  ["post", "/api/v1/plans/import"],
  ["post", "/api/v1/classifications"],
  ["post", "/api/v1/auth/login"],
  ["post", "/api/v1/auth/logout"],
  ["get", "/api/v1/auth/me"],
  ["get", "/api/v1/tokens"],
  ["post", "/api/v1/tokens"],
  ["delete", "/api/v1/tokens/{id}"],
  ["get", "/api/v1/users"],
  ["post", "/api/v1/users"],
  ["get", "/api/v1/audit"],
];

describe.each(DIALECTS)("HTTP API on %s", (dialect) => {
  let s: TestServer;
  beforeAll(async () => {
    // Rate limits are tested in security.test.ts; here they are loose enough never to interfere.
    s = await startTestServer(dialect, {
      maxSimulationPaths: 5000,
      maxConcurrentSimulations: 1,
      rateLimits: { read: 60_000, compute: 6000, write: 6000, login: 600 },
    });
  });
  afterAll(async () => {
    await s?.stop();
  });

  describe("data", () => {
    it("health names the database", async () => {
      const r = await s.api("/api/v1/health");
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ status: "ok", database: dialect, publicReads: true });
    });

    it("allies: the 32 allies of the dataset", async () => {
      const r = await s.api("/api/v1/allies");
      expect(r.status).toBe(200);
      expect(r.json.allies).toHaveLength(32);
      expect(r.json.allies.map((a: { iso3: string }) => a.iso3)).toEqual(ds.allies.map((a) => a.iso3));
    });

    it("indicators, vintages and sources mirror the dataset", async () => {
      const ind = await s.api("/api/v1/indicators");
      expect(ind.json.indicators.map((i: { id: string }) => i.id)).toEqual(INDICATORS.map((i) => i.id));
      const vin = await s.api("/api/v1/vintages");
      expect(vin.json.vintages.map((v: { id: string }) => v.id)).toEqual(ds.vintages.map((v) => v.id));
      const src = await s.api("/api/v1/sources");
      expect(src.json.sources.map((x: { id: string }) => x.id)).toEqual(ds.sources.map((x) => x.id));
    });

    it("observations: ally by ISO2, ISO3 or name; indicator list; year range; vintage; limit/offset/total", async () => {
      const indicators = ["defexp_share_gdp_pct", INDICATORS.find((i) => i.id !== "defexp_share_gdp_pct")?.id as string];
      const expected = ds.observations.filter(
        (o) => o.entity === "POL" && indicators.includes(o.indicator) && o.vintageId === "2024-06" && o.year >= 2018 && o.year <= 2022,
      );
      expect(expected.length).toBeGreaterThan(5);
      const q = `indicator=${indicators.join(",")}&vintage=2024-06&from=2018&to=2022`;
      const byIso2 = await s.api(`/api/v1/observations?ally=PL&${q}`);
      expect(byIso2.status).toBe(200);
      expect(byIso2.json.total).toBe(expected.length);
      expect(
        byIso2.json.observations.map((o: { year: number; indicator: string; value: number }) => [o.indicator, o.year, o.value]),
      ).toEqual(expected.map((o) => [o.indicator, o.year, o.value]));
      for (const o of byIso2.json.observations) {
        expect(o.entity).toBe("POL");
        expect(o.vintage).toBe("2024-06");
      }
      const byName = await s.api(`/api/v1/observations?ally=poland&${q}`);
      const byIso3 = await s.api(`/api/v1/observations?ally=POL&${q}`);
      expect(byName.json.observations).toEqual(byIso2.json.observations);
      expect(byIso3.json.observations).toEqual(byIso2.json.observations);

      const page = await s.api(`/api/v1/observations?ally=PL&${q}&limit=3&offset=2`);
      expect(page.json).toMatchObject({ total: expected.length, limit: 3, offset: 2 });
      expect(page.json.observations).toEqual(byIso2.json.observations.slice(2, 5));

      const all = await s.api("/api/v1/observations?limit=1");
      expect(all.json.total).toBe(ds.observations.length);
    });

    it("observations: an unknown ally or an inverted range is a 400 naming the field", async () => {
      const a = await s.api("/api/v1/observations?ally=Atlantis");
      expect(a.status).toBe(400);
      expect(a.json.error.field).toBe("ally");
      const r = await s.api("/api/v1/observations?from=2022&to=2018");
      expect(r.status).toBe(400);
      expect(r.json.error.field).toBe("from");
      const l = await s.api("/api/v1/observations?limit=0");
      expect(l.status).toBe(400);
      expect(l.json.error.field).toBe("limit");
    });

    it("compliance 2024 in vintage 2024-06: the oracle's count at 2%, the members of 2024, gaps in their own columns", async () => {
      const r = await s.api("/api/v1/compliance?year=2024&vintage=2024-06");
      expect(r.status).toBe(200);
      const rows = r.json.compliance as Record<string, unknown>[];
      const met = rows.filter((x) => x.gdp2_status === "met").map((x) => x.ally);
      expect(met).toHaveLength(golden.counts["2024-06"][2024].met);
      expect(rows).toHaveLength(golden.counts["2024-06"][2024].members);
      expect(r.json.membership.members).toBe(golden.counts["2024-06"][2024].members);
      const esp = rows.find((x) => x.ally === "ESP") as Record<string, unknown>;
      expect(esp.gdp2_gap_usd_current_m).toBe(Math.round(golden.gapTo2Pct.ESP2024.usd * 100) / 100);
      expect(esp.gdp2_gap_nc_current_m).toBe(Math.round(golden.gapTo2Pct.ESP2024.nc * 100) / 100);
      // Iceland: numbers absent (null, never "n/a" in a numeric field), its status says why.
      const isl = rows.find((x) => x.ally === "ISL") as Record<string, unknown>;
      expect(isl.share_of_gdp_pct).toBeNull();
      expect(isl.gdp2_status).toBe("not_applicable");
      expect(isl.hague_core_status).toBe("not_in_force");
      const csv = await s.api("/api/v1/compliance?year=2024&vintage=2024-06&format=csv");
      const header = csv.text.split("\n")[0]?.split(",") ?? [];
      expect(header).toContain("gdp2_gap_usd_current_m");
      expect(header).toContain("share_estimate");
      const core = allianceStatus(ds, 2024, "2024-06");
      expect(met).toEqual(core.filter((st) => st.checks.find((k) => k.guidelineId === "gdp2")?.status === "met").map((st) => st.ally));
      expect(rows.map((x) => x.share_of_gdp_pct)).toEqual(core.map((st) => st.shareOfGdpPct?.value ?? null));
    });

    it("aggregates: one row per year; the US 2024 figure is 967,707 $m", async () => {
      const r = await s.api("/api/v1/aggregates?vintage=2024-06");
      expect(r.status).toBe(200);
      const rows = r.json.aggregates as Record<string, number | null>[];
      expect(rows.map((x) => x.year)).toEqual([...ds.years("2024-06")]);
      const y2024 = rows.find((x) => x.year === 2024) as Record<string, number | null>;
      expect(y2024.us_usd_current_m).toBe(967_707);
      const core = allianceAggregates(ds, 2024, "2024-06");
      expect(y2024.nato_total_usd_current_m).toBe(core.natoTotalUsdCurrentM?.value ?? null);
      expect(y2024.gdp2_met_count).toBe(golden.counts["2024-06"][2024].met);
      const y2014 = rows.find((x) => x.year === 2014) as Record<string, number | null>;
      expect(y2014.gdp2_met_count).toBe(golden.counts["2024-06"][2014].met);
    });

    it("rankings: JSON, CSV (by ?format and by Accept) and XLSX all equal rankAllies", async () => {
      const expected = rankAllies(ds, "defexp_share_gdp_pct", 2024, "2024-06");
      const path = "/api/v1/rankings?indicator=defexp_share_gdp_pct&year=2024&vintage=2024-06";
      const j = await s.api(path);
      expect(j.status).toBe(200);
      expect(j.json.rankings).toEqual(wire(expected));

      const csv = await s.api(`${path}&format=csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
      expect(csv.text.split("\n")[0]).toBe("rank,ally,name,value,estimate");
      const records = parseCsv(csv.text, { columns: true }) as Record<string, string>[];
      expect(records).toEqual(
        expected.map((x) => ({ rank: String(x.rank), ally: x.ally, name: x.name, value: String(x.value), estimate: String(x.estimate) })),
      );

      const accept = await s.api(path, { headers: { accept: "text/csv" } });
      expect(accept.headers.get("content-type")).toMatch(/^text\/csv/);
      expect(accept.text).toBe(csv.text);

      const xlsx = await s.api(`${path}&format=xlsx`);
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers.get("content-type")).toBe(XLSX_TYPE);
      const rows = await xlsxRows(xlsx.bytes);
      expect(rows[0]).toEqual(["rank", "ally", "name", "value", "estimate"]);
      expect(rows.slice(1)).toEqual(expected.map((x) => [x.rank, x.ally, x.name, x.value, x.estimate]));

      const bad = await s.api(`${path}&format=pdf`);
      expect(bad.status).toBe(400);
      expect(bad.json.error.field).toBe("format");
    });

    it("vintages/diff: what July 2026 changed in June 2024's figures, Poland's 2024 share down 0.37 points", async () => {
      const r = await s.api("/api/v1/vintages/diff?from=2024-06&to=2026-07&ally=POL&indicator=defexp_share_gdp_pct");
      expect(r.status).toBe(200);
      const rows = r.json["vintage-diff"] as Record<string, unknown>[];
      // By hand: 4.12 (June 2024, 2024e) → 3.75 (July 2026), at 2 decimals: −0.37, down; 2025 and 2026 are new years.
      expect(rows.find((x) => x.kind === "revised" && x.year === 2024)).toMatchObject({ change: -0.37, direction: "down" });
      expect(rows.filter((x) => x.kind === "new_year").map((x) => x.year)).toEqual([2025, 2026]);
      const csv = await s.api("/api/v1/vintages/diff?from=2024-06&to=weo-2026-04");
      expect(csv.status).toBe(400);
    });

    it("revisions: only changes beyond the less precise release's rounding, largest first, with change columns", async () => {
      const r = await s.api("/api/v1/revisions?from=2024-06&to=2026-07&ally=POL");
      expect(r.status).toBe(200);
      const rows = r.json.revisions as Record<string, unknown>[];
      const pol2024 = golden.revisions.find((g) => g.ally === "POL" && g.year === 2024);
      expect(rows[0]).toMatchObject({ ally: "POL", year: 2024, change: pol2024?.change });
      const changes = rows.map((x) => Math.abs(x.change as number));
      expect(changes).toEqual([...changes].sort((a, b) => b - a));
      expect(rows.every((x) => x.revised === true)).toBe(true);
      const alb = await s.api("/api/v1/revisions?from=2024-06&to=2026-07&ally=ALB&year=2021");
      expect(alb.json.revisions).toEqual([]);
      expect(alb.json.compared).toBe(1);
      const all = await s.api("/api/v1/revisions?from=2024-06&to=2026-07&ally=ALB&year=2021&all=true");
      expect(all.json.revisions[0]).toMatchObject({ revised: false, change: 0 });
      const csv = await s.api("/api/v1/revisions?from=2024-06&to=2026-07&ally=POL&format=csv");
      expect(csv.text.split("\n")[0]).toMatch(/,change,change_pct$/);
    });

    it("comparisons after SIPRI's last year: NATO's own total, flagged, and the comparators absent with the reason", async () => {
      const r = await s.api("/api/v1/comparisons?year=2025");
      expect(r.status).toBe(200);
      const nato = r.json.military_expenditure.find((x: { iso3: string }) => x.iso3 === "NATO");
      expect(nato.source).toBe("nato");
      expect(nato.milex_usd_current_m).toBe(ds.get("2026-07", "NATO_TOTAL", "defexp_usd_current", 2025)?.value);
      const rus = r.json.military_expenditure.find((x: { iso3: string }) => x.iso3 === "RUS");
      expect(rus.milex_usd_current_m).toBeNull();
      expect(rus.note).toMatch(/ends in 2024/);
    });

    it("comparisons: NATO against Russia, China and Ukraine", async () => {
      const r = await s.api("/api/v1/comparisons");
      expect(r.status).toBe(200);
      const sipri = resolveSeriesVintage(ds, undefined, "sipri");
      const year = resolveVintageYear(ds, sipri, undefined);
      const core = adversaryComparison(ds, year, sipri.id);
      expect(r.json.year).toBe(year);
      const rows = r.json.military_expenditure as { iso3: string; nato_multiple: number | null }[];
      expect(rows.filter((k) => k.iso3 !== "NATO" && k.iso3 !== "WLD").map((k) => [k.iso3, k.nato_multiple])).toEqual(
        core.comparators.map((k) => [k.iso3, k.natoMultiple === null ? null : Math.round(k.natoMultiple * 100) / 100]),
      );
      expect(rows.map((k) => k.iso3)).toEqual(expect.arrayContaining(["RUS", "CHN", "UKR"]));
    });

    it("ETag: a cached read and /dataset.json answer 304 to If-None-Match", async () => {
      for (const path of ["/api/v1/allies", "/api/v1/rankings?year=2024&vintage=2024-06", "/dataset.json"]) {
        const first = await s.api(path);
        expect(first.status, path).toBe(200);
        const etag = first.headers.get("etag");
        expect(etag, path).toMatch(/^"[^"]+"$/);
        expect(first.headers.get("cache-control"), path).toBeTruthy();
        const again = await s.api(path, { headers: { "if-none-match": etag as string } });
        expect(again.status, path).toBe(304);
        expect(again.text).toBe("");
        const other = await s.api(path, { headers: { "if-none-match": '"something-else"' } });
        expect(other.status, path).toBe(200);
      }
      const ds1 = await s.api("/dataset.json");
      expect(ds1.json.format ?? ds1.json).toBeTruthy();
    });
  });

  describe("compute", () => {
    it("POST /pathways equals runPathwayRequest", async () => {
      const body = { allies: ["POL", "DEU", "ESP"], target: { corePct: 3.5, shape: "linear" } };
      const r = await s.api("/api/v1/pathways", { body });
      expect(r.status).toBe(200);
      const set = runPathwayRequest(ds, PathwayRequestSchema.parse(body));
      // JSON: each ally's path as parallel arrays; the same numbers as the rows.
      expect(r.json.pathways).toEqual(wire(pathwaySeries(set)));
      expect(r.json.summary).toEqual(wire(pathwaySummary(set)));
      expect(r.json.alliance).toEqual(wire(allianceRows(set)));
      const rows = pathwayRows(set);
      const fromSeries = (r.json.pathways as { ally: string; years: number[]; columns: Record<string, number[]> }[]).flatMap((p) =>
        p.years.map((year, i) => ({ ally: p.ally, year, core: p.columns.core_share_pct?.[i], usd: p.columns.core_usd_current_m?.[i] })),
      );
      expect(fromSeries).toEqual(rows.map((x) => ({ ally: x.ally, year: x.year, core: x.core_share_pct, usd: x.core_usd_current_m })));

      // CSV: one row per ally and year, equal to pathwayRows.
      const csv = await s.api("/api/v1/pathways?format=csv", { body });
      expect(csv.status).toBe(200);
      const records = parseCsv(csv.text, { columns: true }) as Record<string, string>[];
      expect(records).toHaveLength(rows.length);
      expect(records).toEqual(
        rows.map((x) => Object.fromEntries(Object.entries(x).map(([k, v]) => [k, v === null || v === undefined ? "" : String(v)]))),
      );

      const all = await s.api("/api/v1/pathways", { body: {} });
      expect(all.json.pathways).toEqual(wire(pathwaySeries(runPathwayRequest(ds, PathwayRequestSchema.parse({})))));

      const bad = await s.api("/api/v1/pathways", { body: { target: { corePct: -1 } } });
      expect(bad.status).toBe(400);
      expect(bad.json.error.field).toBe("target.corePct");
    });

    it("scenario presets; run with compare; rupture carries the gap cover", async () => {
      const presets = await s.api("/api/v1/scenarios/presets");
      expect(presets.json.presets.map((p: { id: string }) => p.id)).toEqual(SCENARIO_PRESETS.map((p) => p.id));
      const r = await s.api("/api/v1/scenarios/run", { body: { scenario: "rupture", compare: ["hague-2035"], years: [2030, 2035] } });
      expect(r.status).toBe(200);
      const d = defaultVintages(ds);
      const results = ["rupture", "hague-2035"].map((id) =>
        runScenario(ds, findPreset(id) as Scenario, { imfVintageId: d.imf, defaultVintageId: d.nato }),
      );
      const expected = compareScenarios(results, [2030, 2035]).map((x) => ({
        scenario: x.scenario,
        ally: x.ally,
        year: x.year,
        core_share_pct: x.coreSharePct,
        core_usd_current_m: x.coreUsdCurrentM,
        total_share_pct: x.totalSharePct,
      }));
      expect(r.json.comparison).toEqual(wire(expected));
      const [rupture, hague] = r.json.scenarios;
      expect(rupture.scenario.id).toBe("rupture");
      expect(rupture.gap_cover).toBeTruthy();
      expect(rupture.gap_cover.us_gap_usd_current_m.length).toBe(rupture.gap_cover.years.length);
      expect(rupture.gap_cover).toEqual(wire(publishedGapCover(results[0]?.gapCover as GapCover)));
      expect(hague.gap_cover ?? null).toBeNull();

      const unknown = await s.api("/api/v1/scenarios/run", { body: { scenario: "no-such-preset" } });
      expect(unknown.status).toBe(400);
      expect(unknown.json.error.field).toBe("scenario");
    });

    it("saved scenarios: the same body gets the same id, readable by id", async () => {
      const body = { id: "my-test", name: "Test scenario", target: { corePct: 3.0, targetYear: 2032 } };
      const a = await s.api("/api/v1/scenarios", { body, token: s.reader.token });
      expect(a.status).toBe(201);
      const b = await s.api("/api/v1/scenarios", { body, token: s.editor.token });
      expect(b.status).toBe(201);
      expect(b.json.id).toBe(a.json.id);
      const got = await s.api(`/api/v1/scenarios/${a.json.id}`);
      expect(got.status).toBe(200);
      expect(JSON.stringify(got.json)).toContain("Test scenario");
      const other = await s.api("/api/v1/scenarios", { body: { ...body, name: "Another" }, token: s.reader.token });
      expect(other.json.id).not.toBe(a.json.id);
      const missing = await s.api("/api/v1/scenarios/zzzzzzzzzzzz");
      expect(missing.status).toBe(404);
    });

    it("simulations: probabilities in [0, 1], the same seed gives the same body, too many paths → 413", async () => {
      const body = { request: { allies: ["POL", "DEU", "ITA"] }, paths: 500, seed: 7 };
      const a = await s.api("/api/v1/simulations", { body });
      expect(a.status).toBe(200);
      expect(a.json.paths).toBe(500);
      expect(a.json.probabilities.map((p: { ally: string }) => p.ally).sort()).toEqual(["DEU", "ITA", "POL"]);
      let checked = 0;
      for (const p of a.json.probabilities)
        for (const [k, v] of Object.entries(p as Record<string, unknown>)) {
          if (!k.startsWith("p_") || v === null) continue;
          expect(v as number, k).toBeGreaterThanOrEqual(0);
          expect(v as number, k).toBeLessThanOrEqual(1);
          checked++;
        }
      expect(checked).toBeGreaterThanOrEqual(3 * 3);
      // Two computations, not one cached answer read twice: a second server has its own compute cache.
      const other = await s.restart();
      const b = await fetch(`${other.url}/api/v1/simulations`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(b.status).toBe(200);
      expect(await b.text()).toBe(a.text);
      const differentSeed = await s.api("/api/v1/simulations", { body: { ...body, seed: 8 } });
      expect(differentSeed.text).not.toBe(a.text);
      const big = await s.api("/api/v1/simulations", { body: { ...body, paths: 5001 } });
      expect(big.status).toBe(413);
      expect(big.json.error.field).toBe("paths");
    });

    it("forecasts: three models per ally, by ≥ in, the same seed the same body, bounded like simulations", async () => {
      const body = { request: { allies: ["DEU", "SVN"] }, paths: 500, seed: 7 };
      const a = await s.api("/api/v1/forecasts", { body });
      expect(a.status).toBe(200);
      const probs = a.json.probabilities as { model: string; ally: string; p_by_target_year: number; p_in_target_year: number }[];
      expect(probs.filter((p) => p.model === "path").map((p) => p.ally)).toEqual(["DEU", "SVN"]);
      expect(probs.filter((p) => p.model === "trajectory").map((p) => p.ally)).toEqual(["DEU", "SVN"]);
      // The plan model runs for an ally with a plan in the registry; any other is listed as left out, with why.
      const leftOut = (a.json.left_out.plan as { ally: string }[]).map((m) => m.ally);
      for (const ally of ["DEU", "SVN"])
        expect(probs.some((p) => p.model === "plan" && p.ally === ally) !== leftOut.includes(ally)).toBe(true);
      for (const p of probs) expect(p.p_in_target_year).toBeLessThanOrEqual(p.p_by_target_year);
      expect(Object.keys(a.json.assumptions)).toEqual(["path", "trajectory", "plan"]);
      const again = await s.api("/api/v1/forecasts", { body });
      expect(again.text).toBe(a.text);
      const big = await s.api("/api/v1/forecasts", { body: { ...body, paths: 5001 } });
      expect(big.status).toBe(413);
      expect(big.json.error.field).toBe("paths");
      const bad = await s.api("/api/v1/forecasts", { body: { ...body, models: ["hope"] } });
      expect(bad.status).toBe(400);
    });

    it("outturns and backtest answer their published tables", async () => {
      const o = await s.api("/api/v1/outturns?ally=BGR");
      expect(o.status).toBe(200);
      const bgr = (o.json.estimate_outturn as { year: number; revision_pct: number }[]).find((r) => r.year === 2024);
      expect(bgr?.revision_pct).toBeGreaterThan(-7);
      expect(bgr?.revision_pct).toBeLessThan(-5);
      expect((o.json.summary as { estimate_of: string }[]).map((r) => r.estimate_of)).toContain("budget year");
      const b = await s.api("/api/v1/backtest");
      expect(b.status).toBe(200);
      expect((b.json.backtest as { rule: string }[]).some((r) => r.rule === "trajectory")).toBe(true);
      expect(b.json.default_model).toBe("trajectory");
    });

    it("simulations beyond maxConcurrentSimulations (1) are refused with 503", async () => {
      const body = { paths: 5000, seed: 1 };
      const answers = await Promise.all([1, 2, 3].map(() => s.api("/api/v1/simulations", { body })));
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toContain(200);
      expect(statuses).toContain(503);
      for (const a of answers) if (a.status === 503) expect(a.json.error.code).toBe("busy");
      // Afterwards the slot is free again.
      expect((await s.api("/api/v1/simulations", { body: { paths: 100 } })).status).toBe(200);
    });
  });

  describe("claims", () => {
    // Sentence from news.err.ee, 18 June 2024 (test/fixtures/claims/corpus.json).
    const sentence = "Lithuania is just behind on 2.85 percent of GDP.";

    it("checks a sentence against every release, as the core does", async () => {
      const r = await s.api("/api/v1/claims/check", { body: { sentence, published: "2024-06-18" } });
      expect(r.status).toBe(200);
      expect(r.json).toEqual(wire(checkSentence(ds, { sentence, published: "2024-06-18" })));
      // Hand-checked: Lithuania 2024 is 2.85% in the June 2024 release and 3.07% in the July 2026 one.
      const verdicts = r.json.claims[0].results.map((x: { vintage: string; verdict: string }) => `${x.vintage}:${x.verdict}`);
      expect(verdicts).toEqual(["2024-06:consistent", "2025-08:not_checkable", "2026-07:close"]);
    });

    it("refuses an empty, over-long or malformed request naming the field", async () => {
      const empty = await s.api("/api/v1/claims/check", { body: { sentence: "  " } });
      expect(empty.status).toBe(400);
      expect(empty.json.error.field).toBe("sentence");
      const long = await s.api("/api/v1/claims/check", { body: { sentence: "x".repeat(1001) } });
      expect(long.status).toBe(400);
      expect(long.json.error.field).toBe("sentence");
      const date = await s.api("/api/v1/claims/check", { body: { sentence, published: "18 June 2024" } });
      expect(date.status).toBe(400);
      expect(date.json.error.field).toBe("published");
      const vintage = await s.api("/api/v1/claims/check", { body: { sentence, vintage: "1999-01" } });
      expect(vintage.status).toBe(400);
      expect(vintage.json.error.field).toBe("vintage");
    });
  });

  describe("affordability and burden sharing", () => {
    it("GET /affordability answers the core's rows and summary, financing stated, for one ally by name", async () => {
      const r = await s.api("/api/v1/affordability?ally=Poland&financing=revenue");
      expect(r.status).toBe(200);
      const scenario = findPreset("hague-2035") as Scenario;
      const set = runAffordability(
        ds,
        scenario,
        { financing: "revenue", interestBeyondWeoPct: null, allies: ["POL"] },
        loadEuInstruments(),
      );
      expect(r.json.affordability).toEqual(wire(affordabilityYearRows(set)));
      expect(r.json.summary).toEqual(wire(affordabilitySummaryRows(set)));
      expect(r.json.financing).toBe("revenue");
      expect(r.json.assumptions.join(" ")).toMatch(/no interest series, so the effective rate is derived/);
    });

    it("GET /affordability refuses an unknown financing or preset, naming the field", async () => {
      const bad = await s.api("/api/v1/affordability?financing=printing");
      expect(bad.status).toBe(400);
      expect(bad.json.error.field).toBe("financing");
      const preset = await s.api("/api/v1/affordability?scenario=nowhere");
      expect(preset.status).toBe(400);
      expect(preset.json.error.field).toBe("scenario");
    });

    it("GET /burden answers the core's parts and gap with the statement of every choice; CSV has the same rows", async () => {
      const q = "usSharePct=2&byYear=2029&against=path&key=effort&coverPct=50";
      const r = await s.api(`/api/v1/burden?${q}`);
      expect(r.status).toBe(200);
      const expected = runBurden(
        ds,
        BurdenParamsSchema.parse({ usSharePct: 2, byYear: 2029, against: "path", key: "effort", coverPct: 50 }),
      );
      expect(r.json.shares).toEqual(wire(burdenAllyRows(expected)));
      expect(r.json.gap).toEqual(wire(burdenGapRows(expected)));
      expect(r.json.statement).toBe(expected.statement);
      const csv = await s.api(`/api/v1/burden?${q}&format=csv`);
      expect(parseCsv(csv.text, { columns: true })).toHaveLength(expected.allies.length * expected.years.length);
      const bad = await s.api("/api/v1/burden?byYear=1999");
      expect(bad.status).toBe(400);
      expect(bad.json.error.field).toBe("byYear");
    });

    it("GET /eu-instruments lists the escape clause and the tentative SAFE allocations with their caveats", async () => {
      const r = await s.api("/api/v1/eu-instruments");
      expect(r.status).toBe(200);
      expect(r.json.safe).toHaveLength(19);
      expect(r.json.caveats.join(" ")).toMatch(/tentative/);
    });
  });

  describe("documents", () => {
    it("/openapi.json is OpenAPI 3.1 and lists every route the server answers", async () => {
      const r = await s.api("/openapi.json");
      expect(r.status).toBe(200);
      expect(r.json.openapi).toMatch(/^3\.1\./);
      const listed = new Set(
        Object.entries(r.json.paths as Record<string, object>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)),
      );
      for (const [m, p] of ROUTES) expect(listed.has(`${m} ${p}`), `${m} ${p}`).toBe(true);
      // And every path it lists is answered by some route (not the API's 404).
      for (const entry of listed) {
        const [method, path] = entry.split(" ") as [string, string];
        const url = path.replace("{id}", path.includes("plans") ? "POL-2099" : path.includes("tokens") ? "0123456789abcdef" : "abcd");
        const a = await s.api(url, { method: method.toUpperCase(), ...(method === "get" ? {} : { body: {} }) });
        expect(a.json?.error?.message ?? "", entry).not.toMatch(/^no endpoint/);
      }
    });

    it("/docs is an HTML page", async () => {
      const r = await s.api("/docs");
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toMatch(/^text\/html/);
      expect(r.text).toMatch(/<html|<!doctype html/i);
    });
  });

  describe("plans", () => {
    it("a POL editor creates a plan (201); it is listed and readable with its history", async () => {
      const plan = polPlan(2025, 4.5);
      const r = await s.api("/api/v1/plans", { body: plan, token: s.editor.token });
      expect(r.status).toBe(201);
      expect(r.json).toMatchObject({ planId: "POL-2025", version: 1, status: "active", createdBy: "pol-editor" });
      expect(AnnualPlanSchema.parse(plan)).toMatchObject({ years: r.json.years, notes: r.json.notes });

      const again = await s.api("/api/v1/plans", { body: plan, token: s.editor.token });
      expect(again.status).toBe(409);

      const list = await s.api("/api/v1/plans?ally=POL");
      expect(list.status).toBe(200);
      expect(list.json.plans.map((p: { planId: string }) => p.planId)).toContain("POL-2025");

      const got = await s.api("/api/v1/plans/POL-2025");
      expect(got.status).toBe(200);
      expect(got.json.history).toHaveLength(1);
      expect(got.json.latest.years).toEqual(plan.years);
    });

    it("adding a version keeps the old one; withdrawal is a version too", async () => {
      const v2 = await s.api("/api/v1/plans/POL-2025/versions", { body: polPlan(2025, 4.6), token: s.editor.token });
      expect(v2.status).toBe(201);
      expect(v2.json.version).toBe(2);

      const other = await s.api("/api/v1/plans", { body: polPlan(2026, 4.8), token: s.editor.token });
      expect(other.status).toBe(201);
      const w = await s.api("/api/v1/plans/POL-2026/withdraw", { body: { note: "superseded" }, token: s.editor.token });
      expect(w.status).toBe(201);
      expect(w.json).toMatchObject({ version: 2, status: "withdrawn" });
      const got = await s.api("/api/v1/plans/POL-2026");
      expect(got.json.history.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
        [1, "active"],
        [2, "withdrawn"],
      ]);
      expect(got.json.history[0].years).toEqual(polPlan(2026, 4.8).years);
      const twice = await s.api("/api/v1/plans/POL-2026/withdraw", { body: {}, token: s.editor.token });
      expect(twice.status).toBe(409);
      const missing = await s.api("/api/v1/plans/POL-2031/versions", { body: polPlan(2031, 4), token: s.editor.token });
      expect(missing.status).toBe(404);
    });

    it("assessment: incremental, reaches 3.5% by 2035, back-loading, against actuals and the previous plan", async () => {
      const first = await s.api("/api/v1/plans/POL-2025/assessment");
      expect(first.status).toBe(200);
      const a = first.json.assessment;
      expect(a.incremental).toBe(true);
      expect(a.reachesCore35By2035).toBe(true);
      expect(typeof a.backLoaded === "boolean" || a.backLoaded === null).toBe(true);
      expect(Array.isArray(a.vsActuals)).toBe(true);
      expect(first.json.previousPlan).toBeNull();
      expect(a.vsPrevious).toEqual([]);

      // A plan submitted in 2024 becomes POL-2025's previous plan.
      const older = polPlan(2024, 5.0, { years: [2026, 2029, 2030, 2035].map((year) => ({ year, corePct: 5.0, relatedPct: 1 })) });
      expect((await s.api("/api/v1/plans", { body: older, token: s.editor.token })).status).toBe(201);
      const second = await s.api("/api/v1/plans/POL-2025/assessment");
      expect(second.json.previousPlan).toEqual({ planId: "POL-2024", version: 1 });
      const vsPrevious = second.json.assessment.vsPrevious as { year: number; corePp: number }[];
      expect(vsPrevious.map((x) => x.year)).toEqual([2026, 2029, 2030, 2035]);
      // Latest POL-2025 (version 2) plans 4.2 in 2026 against 5.0: slipping by 0.8 points.
      expect(vsPrevious[0]?.corePp).toBeCloseTo(4.2 - 5.0, 9);

      // A falling plan is not incremental and does not reach 3.5 %.
      const falling = polPlan(2027, 3.0, {
        years: [
          { year: 2026, corePct: 3.4 },
          { year: 2030, corePct: 3.0 },
          { year: 2035, corePct: 3.1 },
        ],
      });
      expect((await s.api("/api/v1/plans", { body: falling, token: s.admin.token })).status).toBe(201);
      const f = (await s.api("/api/v1/plans/POL-2027/assessment")).json.assessment;
      expect(f.incremental).toBe(false);
      expect(f.fallingYears).toEqual([2030]);
      expect(f.reachesCore35By2035).toBe(false);
    });

    it("import CSV: a valid file writes every plan; a malformed one is a 400 report and writes nothing", async () => {
      const dry = await s.api("/api/v1/plans/import?dryRun=true", {
        body: VALID_CSV,
        token: s.admin.token,
        headers: { "content-type": "text/csv" },
      });
      expect(dry.status).toBe(200);
      expect(dry.json).toMatchObject({ dryRun: true, plans: 2 });
      expect((await s.api("/api/v1/plans/DNK-2025")).status).toBe(404);

      const r = await s.api("/api/v1/plans/import?file=valid.csv", {
        body: VALID_CSV,
        token: s.admin.token,
        headers: { "content-type": "text/csv" },
      });
      expect(r.status).toBe(200);
      const written = [...r.json.created, ...r.json.versioned].map((v: { planId: string }) => v.planId).sort();
      expect(written).toEqual(["DNK-2025", "POL-2025"]);
      const dnk = await s.api("/api/v1/plans/DNK-2025");
      expect(dnk.json.latest).toMatchObject({ unit: "amount", version: 1 });
      expect(dnk.json.latest.years.map((y: { year: number }) => y.year)).toEqual([2026, 2027, 2030]);
      const pol = await s.api("/api/v1/plans/POL-2025");
      expect(pol.json.latest.version).toBe(3);
      expect(pol.json.latest.notes).toBe('Budget law 2025; "Armed Forces Support Fund" included');
      expect(pol.json.latest.years.map((y: { corePct: number }) => y.corePct)).toEqual([4.48, 4.7, 5.0, 5.0]);

      const before = (await s.api("/api/v1/plans?limit=500")).json.plans;
      const bad = await s.api("/api/v1/plans/import?file=malformed.csv", {
        body: MALFORMED_CSV,
        token: s.admin.token,
        headers: { "content-type": "text/csv" },
      });
      expect(bad.status).toBe(400);
      const report = bad.json.report as { row: number; column: string; reason: string }[];
      expect(report.length).toBeGreaterThanOrEqual(6);
      for (const i of report) {
        expect(i.row).toBeGreaterThanOrEqual(2);
        expect(typeof i.column).toBe("string");
        expect(i.reason.length).toBeGreaterThan(0);
      }
      // Rows the report must name: the ISO3 in lower case (row 4), "3,5" (row 5), year 2051 (row 8), a URL without a title (row 9).
      const rows = new Set(report.map((i) => i.row));
      for (const row of [4, 5, 8, 9]) expect(rows.has(row), `row ${row} reported`).toBe(true);
      expect(report.find((i) => i.row === 5)?.column).toBe("core_pct");
      expect(report.find((i) => i.row === 9)?.column).toBe("source_title");
      expect(bad.json.error.issues.length).toBe(report.length);
      const after = (await s.api("/api/v1/plans?limit=500")).json.plans;
      expect(after).toEqual(before);
      for (const id of ["EST-2025", "LVA-2025"]) expect((await s.api(`/api/v1/plans/${id}`)).status).toBe(404);
    });

    it("import XLSX built from the valid CSV rows", async () => {
      const records = parseCsv(VALID_CSV) as string[][];
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("plans");
      const header = records[0] as string[];
      ws.addRow(header);
      for (const rec of records.slice(1))
        ws.addRow(
          rec.map((cell, i) =>
            header[i] === "submission_year" ? 2028 : cell === "" ? null : /^\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell,
          ),
        );
      const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
      const r = await s.api("/api/v1/plans/import?file=plans.xlsx", {
        body: bytes,
        token: s.admin.token,
        headers: { "content-type": XLSX_TYPE },
      });
      expect(r.status, r.text).toBe(200);
      expect(r.json.created.map((v: { planId: string }) => v.planId).sort()).toEqual(["DNK-2028", "POL-2028"]);
      const dnk = await s.api("/api/v1/plans/DNK-2028");
      const fromCsv = await s.api("/api/v1/plans/DNK-2025");
      expect(dnk.json.latest.years).toEqual(fromCsv.json.latest.years);
      expect(dnk.json.latest.notes).toBe(fromCsv.json.latest.notes);
    });

    it("plans list as CSV gives one row per plan and year", async () => {
      const r = await s.api("/api/v1/plans?ally=DNK&format=csv");
      expect(r.status).toBe(200);
      const records = parseCsv(r.text, { columns: true }) as Record<string, string>[];
      expect(records.map((x) => `${x.plan_id} ${x.year}`).sort()).toEqual(
        ["DNK-2025", "DNK-2028"].flatMap((id) => [2026, 2027, 2030].map((y) => `${id} ${y}`)).sort(),
      );
    });

    it("audit log: the admin sees every write with before and after; an editor gets 403", async () => {
      const r = await s.api("/api/v1/audit?entity=plan&entityId=POL-2025", { token: s.admin.token });
      expect(r.status).toBe(200);
      const entries = (r.json.entries as { action: string; actor: string; before: unknown; after: unknown }[]).reverse();
      expect(entries.map((e) => [e.action, e.actor])).toEqual([
        ["plan.create", "pol-editor"],
        ["plan.version", "pol-editor"],
        ["plan.version", "admin"],
      ]);
      expect(entries[0]?.before).toBeNull();
      expect(entries[0]?.after).toMatchObject({ version: 1, years: polPlan(2025, 4.5).years });
      expect(entries[1]?.before).toMatchObject({ version: 1 });
      expect(entries[1]?.after).toMatchObject({ version: 2, years: polPlan(2025, 4.6).years });
      const w = await s.api("/api/v1/audit?entityId=POL-2026", { token: s.admin.token });
      expect(w.json.entries[0]).toMatchObject({ action: "plan.withdraw", before: { status: "active" }, after: { status: "withdrawn" } });
      expect((await s.api("/api/v1/audit", { token: s.editor.token })).status).toBe(403);
      expect((await s.api("/api/v1/audit")).status).toBe(401);
    });
  });

  describe("accounts", () => {
    it("login sets an HttpOnly, SameSite=Strict session cookie; /auth/me; logout", async () => {
      const wrong = await s.api("/api/v1/auth/login", { body: { name: "pol-editor", password: "wrong password!!" } });
      expect(wrong.status).toBe(401);
      const r = await fetch(`${s.url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "pol-editor", password: PASSWORD }),
      });
      expect(r.status).toBe(200);
      const body = (await r.json()) as { user: { name: string }; csrfToken: string };
      expect(body.user.name).toBe("pol-editor");
      const cookies = r.headers.getSetCookie();
      const session = cookies.find((c) => c.startsWith("pledge_session=")) as string;
      expect(session).toBeTruthy();
      expect(session).toMatch(/;\s*HttpOnly/i);
      expect(session).toMatch(/;\s*SameSite=Strict/i);
      const csrf = cookies.find((c) => c.startsWith("pledge_csrf=")) as string;
      expect(csrf).not.toMatch(/HttpOnly/i);
      const cookie = cookies.map((c) => c.split(";")[0]).join("; ");

      const me = await s.api("/api/v1/auth/me", { headers: { cookie } });
      expect(me.json).toMatchObject({ user: { name: "pol-editor", role: "editor", allies: ["POL"] }, via: "session" });
      const anon = await s.api("/api/v1/auth/me");
      expect(anon.json).toEqual({ user: null, via: "anonymous" });

      const out = await s.api("/api/v1/auth/logout", { method: "POST", headers: { cookie, "x-csrf-token": body.csrfToken } });
      expect(out.status).toBe(204);
      const after = await s.api("/api/v1/auth/me", { headers: { cookie } });
      expect(after.json.user).toBeNull();
    });

    it("tokens: create, use, list (no secrets), revoke", async () => {
      const t = await s.api("/api/v1/tokens", { body: { label: "ci" }, token: s.reader.token });
      expect(t.status).toBe(201);
      expect((await s.api("/api/v1/auth/me", { token: t.json.token })).json.user.name).toBe("reader");
      const list = await s.api("/api/v1/tokens", { token: s.reader.token });
      expect(list.json.tokens.map((x: { id: string }) => x.id)).toContain(t.json.id);
      expect(list.text).not.toContain(t.json.token);
      expect((await s.api(`/api/v1/tokens/${t.json.id}`, { method: "DELETE", token: s.reader.token })).status).toBe(200);
      expect((await s.api("/api/v1/auth/me", { token: t.json.token })).status).toBe(401);
    });
  });
});

describe.each(DIALECTS)("migrations from an empty database on %s", (dialect) => {
  it("a server on a fresh, empty database creates its schema; health and a write work", async () => {
    const s = await startTestServer(dialect, { seed: false });
    try {
      expect((await s.api("/api/v1/health")).json).toMatchObject({ status: "ok", database: dialect });
      const { createApiToken, createUser } = await import("../store/index.ts");
      const store = await s.openStore();
      const admin = await createUser(store, { name: "first-admin", password: PASSWORD, role: "admin" }, "setup");
      const { token } = await createApiToken(store, admin.id, "t", "setup");
      const r = await s.api("/api/v1/plans", { body: polPlan(2025, 4), token });
      expect(r.status).toBe(201);
      expect((await s.api("/api/v1/plans/POL-2025")).json.latest.version).toBe(1);
      const users = await s.api("/api/v1/users", { token });
      expect(users.json.users.map((u: { name: string }) => u.name)).toEqual(["first-admin"]);
    } finally {
      await s.stop();
    }
  });
});
