/**
 * A PostgreSQL restart under write load (issue 15, item 1). `pledge serve` runs as a real process on a
 * PostgreSQL server of this test's own (never the suite's shared one), which is stopped in fast and then
 * immediate mode while four clients write plan versions. The process must live through both, answer
 * 503 with Retry-After while the database is down (never 500), 2xx once it is back, and keep every
 * version it acknowledged.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OwnPostgres, startOwnPostgres } from "../../test/support/own-postgres.ts";
import { type ServerProcess, spawnServer } from "../../test/support/server-process.ts";
import { request } from "../../test/support/test-server.ts";
import type { AnnualPlanInput } from "../model/plan.ts";
import { createApiToken, createUser, getPlan, openStore } from "../store/index.ts";

const planFor = (i: number): AnnualPlanInput => ({
  ally: "POL",
  submissionYear: 2025,
  unit: "share",
  years: Array.from({ length: 11 }, (_, k) => ({ year: 2025 + k, corePct: 2 + k * 0.15 + (i % 997) / 1000 })),
  notes: `outage iteration ${i}`,
});

let pgServer: OwnPostgres;
let server: ServerProcess;
let token: string;

beforeAll(async () => {
  pgServer = await startOwnPostgres();
  const store = await openStore({ url: pgServer.url });
  try {
    const user = await createUser(store, { name: "admin", password: "correct horse battery staple", role: "admin", allies: [] }, "test");
    token = (await createApiToken(store, user.id, "outage", "test")).token;
  } finally {
    await store.close();
  }
  server = await spawnServer(["--database-url", pgServer.url, "--no-rate-limits"]);
  const first = await request(server.url, "/api/v1/plans", { body: planFor(0), token });
  expect(first.status, first.text).toBe(201);
}, 120_000);

afterAll(async () => {
  server?.child.kill("SIGTERM");
  await server?.exited;
  pgServer?.destroy();
});

describe("a PostgreSQL restart while writes run", () => {
  for (const mode of ["fast", "immediate"] as const) {
    it(`${mode} stop: the server lives, answers 503 with Retry-After during the outage, 2xx after, and loses no acknowledged write`, async () => {
      const acked = new Map<number, string>();
      const statuses = new Map<number, number>();
      const retryAfter = new Set<string | null>();
      let phase: "before" | "down" | "after" = "before";
      const duringOutage: number[] = [];
      const afterOutage: number[] = [];
      let counter = mode === "fast" ? 1_000 : 2_000;
      let stopAt = Number.POSITIVE_INFINITY;
      const writer = async () => {
        // Bounded: each writer stops by itself at the deadline or after 2,000 requests.
        for (let n = 0; n < 2_000 && Date.now() < stopAt; n++) {
          const i = ++counter;
          const r = await request(server.url, "/api/v1/plans/POL-2025/versions", { body: planFor(i), token });
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          if (phase === "down") duringOutage.push(r.status);
          if (phase === "after") afterOutage.push(r.status);
          if (r.status === 503) retryAfter.add(r.headers.get("retry-after"));
          if (r.status === 201) acked.set(r.json.version as number, `outage iteration ${i}`);
          else if (r.status === 503) await new Promise((ok) => setTimeout(ok, 20));
        }
      };
      const writers = Array.from({ length: 4 }, writer);
      await new Promise((ok) => setTimeout(ok, 400));
      phase = "down";
      await pgServer.stop(mode);
      // Stay down long enough for requests to meet the outage.
      await new Promise((ok) => setTimeout(ok, 1_500));
      await pgServer.start();
      phase = "after";
      // Until a write succeeds again (at most 20 s), then a little more load, then stop.
      const backBy = Date.now() + 20_000;
      while (!afterOutage.includes(201) && Date.now() < backBy) await new Promise((ok) => setTimeout(ok, 50));
      stopAt = Date.now() + 300;
      await Promise.all(writers);

      expect(server.child.exitCode, server.stderr()).toBeNull();
      expect(
        [...statuses.keys()].filter((s) => s !== 201 && s !== 503),
        JSON.stringify([...statuses]),
      ).toEqual([]);
      expect(duringOutage.filter((s) => s === 503).length, "some writes met the outage").toBeGreaterThan(0);
      expect([...retryAfter].every((v) => v !== null && Number(v) > 0)).toBe(true);
      expect(afterOutage.includes(201), "writes succeed again after the restart").toBe(true);
      const health = await request(server.url, "/api/v1/health");
      expect(health.status).toBe(200);

      const store = await openStore({ url: pgServer.url });
      try {
        const plan = await getPlan(store, "POL-2025");
        const byVersion = new Map(plan?.history.map((v) => [v.version, v.notes]));
        expect(acked.size).toBeGreaterThan(0);
        for (const [version, notes] of acked) expect(byVersion.get(version), `acknowledged version ${version}`).toBe(notes);
      } finally {
        await store.close();
      }
    }, 90_000);
  }
});
