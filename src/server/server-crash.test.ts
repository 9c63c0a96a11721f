/**
 * The server as a real process (`pledge serve`), killed with SIGKILL in the middle of HTTP writes:
 * every version the server acknowledged with 201 must be in the database afterwards, intact, and no
 * half-written version may exist. And SIGTERM lets a slow request in flight finish, then exits 0.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { freshPostgresDatabase } from "../../test/support/postgres.ts";
import { spawnServer } from "../../test/support/server-process.ts";
import { request } from "../../test/support/test-server.ts";
import { type AnnualPlan, type AnnualPlanInput, AnnualPlanSchema, PlanVersionSchema } from "../model/plan.ts";
import { createApiToken, createUser, getPlan, listAudit, openStore, type Store, type StoreDialect } from "../store/index.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const ALLIES = ["POL", "EST", "LTU"];

function planFor(ally: string, i: number): AnnualPlanInput {
  return {
    ally,
    submissionYear: 2025,
    unit: "share",
    years: Array.from({ length: 11 }, (_, k) => ({ year: 2025 + k, corePct: 2 + k * 0.15 + (i % 997) / 1000, relatedPct: 0.1 * k })),
    // A long note makes each payload span several database pages, so a torn write would show.
    notes: `http iteration ${i} `.repeat(220).slice(0, 4900),
    sources: [{ title: `iteration ${i}`, url: `https://example.org/plan/${i}` }],
  };
}

interface Target {
  dialect: StoreDialect;
  args: string[];
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

async function target(dialect: StoreDialect): Promise<Target> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "pledge-server-crash-"));
    dirs.push(dir);
    return { dialect, args: ["--data-dir", dir], open: () => openStore({ dataDir: dir }), cleanup: async () => {} };
  }
  const db = await freshPostgresDatabase();
  return { dialect, args: ["--database-url", db.url], open: () => openStore({ url: db.url }), cleanup: () => db.drop() };
}

/** Starts `pledge serve`, drives writes from `writers` loops, SIGKILLs it after `killAfter` acknowledgements. */
async function writeAndKill(t: Target, token: string, round: number, killAfter: number) {
  const server = await spawnServer([...t.args, "--no-rate-limits"]);
  const acked = new Map<string, AnnualPlan>();
  let killed = false;
  let failedBeforeKill: string | null = null;
  try {
    for (const ally of ALLIES) {
      if (round > 0) continue;
      const r = await request(server.url, "/api/v1/plans", { body: planFor(ally, 0), token });
      expect(r.status, r.text).toBe(201);
      acked.set(`${ally}-2025 1`, AnnualPlanSchema.parse(planFor(ally, 0)));
    }
    let counter = round * 100_000;
    const kill = new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (acked.size >= killAfter) {
          clearInterval(check);
          // A little later still, so that writes are in flight at the kill.
          setTimeout(
            () => {
              killed = true;
              server.child.kill("SIGKILL");
              resolve();
            },
            5 + Math.floor(Math.random() * 20),
          );
        }
      }, 2);
    });
    const writer = async (w: number) => {
      while (!killed) {
        const i = ++counter;
        const ally = ALLIES[(i + w) % ALLIES.length] as string;
        const body = planFor(ally, i);
        let r: Awaited<ReturnType<typeof request>>;
        try {
          r = await request(server.url, `/api/v1/plans/${ally}-2025/versions`, { body, token });
        } catch (e) {
          // The connection died with the server: this write was never acknowledged.
          if (!killed) failedBeforeKill = String(e);
          return;
        }
        if (r.status !== 201) {
          failedBeforeKill ??= `${r.status} ${r.text}`;
          return;
        }
        acked.set(`${r.json.planId} ${r.json.version}`, AnnualPlanSchema.parse(body));
      }
    };
    await Promise.all([kill, ...[0, 1, 2, 3].map(writer)]);
    const { signal } = await server.exited;
    expect(signal).toBe("SIGKILL");
    expect(failedBeforeKill).toBeNull();
  } finally {
    if (!killed) server.child.kill("SIGKILL");
  }
  return acked;
}

/** Every version in the database, parsed (a torn payload would fail), by `planId version`. */
async function storedVersions(store: Store): Promise<Map<string, AnnualPlan>> {
  const out = new Map<string, AnnualPlan>();
  for (const ally of ALLIES) {
    const record = await getPlan(store, `${ally}-2025`);
    expect(record, `${ally}-2025`).not.toBeNull();
    const versions = record?.history ?? [];
    // Versions run 1..n without a gap: nothing half-inserted, nothing lost in the middle.
    expect(versions.map((v) => v.version)).toEqual(versions.map((_, i) => i + 1));
    for (const v of versions) {
      PlanVersionSchema.parse(v);
      const { planId, version, status: _s, createdAt: _c, createdBy: _b, ...content } = v;
      out.set(`${planId} ${version}`, AnnualPlanSchema.parse(content));
    }
  }
  // Raw rows too: every stored payload is complete JSON.
  const rows = await store.db.selectFrom("plan_versions").select(["plan_id", "version", "payload"]).execute();
  for (const r of rows) expect(() => JSON.parse(r.payload), `${r.plan_id} ${r.version}`).not.toThrow();
  expect(rows.length).toBe(out.size);
  return out;
}

async function auditedVersions(store: Store): Promise<Set<string>> {
  const audited = new Set<string>();
  for (let page = await listAudit(store, { entity: "plan", limit: 500 }); ; ) {
    for (const e of page.entries) {
      const after = e.after as { planId: string; version: number };
      audited.add(`${after.planId} ${after.version}`);
    }
    if (page.nextBeforeId === null) break;
    page = await listAudit(store, { entity: "plan", limit: 500, beforeId: page.nextBeforeId });
  }
  return audited;
}

describe.each<StoreDialect>(["sqlite", "postgres"])("a server process killed with SIGKILL under write load (%s)", (dialect) => {
  it("loses no acknowledged version and leaves none half-written, two kills in a row", async () => {
    const t = await target(dialect);
    try {
      let token: string;
      {
        const store = await t.open();
        const admin = await createUser(store, { name: "loader", password: "correct horse battery staple", role: "admin" }, "setup");
        token = (await createApiToken(store, admin.id, "load", "setup")).token;
        await store.close();
      }
      const acknowledged = new Map<string, AnnualPlan>();
      for (let round = 0; round < 2; round++) {
        const acked = await writeAndKill(t, token, round, 40);
        expect(acked.size).toBeGreaterThanOrEqual(40);
        for (const [k, v] of acked) acknowledged.set(k, v);

        const store = await t.open();
        try {
          const stored = await storedVersions(store);
          const missing = [...acknowledged.keys()].filter((k) => !stored.has(k));
          expect(missing, "acknowledged with 201 but not in the database").toEqual([]);
          for (const [k, sent] of acknowledged) expect(stored.get(k), `${k} differs from what was sent`).toEqual(sent);
          // At most the writes in flight at the kill may have committed without their 201 reaching us.
          expect(stored.size - acknowledged.size).toBeLessThanOrEqual(4);
          const audited = await auditedVersions(store);
          expect(
            [...stored.keys()].filter((k) => !audited.has(k)),
            "versions without an audit row",
          ).toEqual([]);
          expect(audited.size).toBe(stored.size);
        } finally {
          await store.close();
        }
      }
      if (dialect === "sqlite") {
        const raw = new SQLite(join(t.args[1] as string, "pledge.sqlite"), { readonly: true });
        try {
          expect(raw.pragma("integrity_check", { simple: true })).toBe("ok");
        } finally {
          raw.close();
        }
      }
    } finally {
      await t.cleanup();
    }
  }, 60_000);
});

describe("graceful shutdown", () => {
  it("SIGTERM while a simulation is running: the request completes with 200, then the process exits 0", async () => {
    const t = await target("sqlite");
    const server = await spawnServer(t.args);
    try {
      // Warm up (calibration, worker bundle), so that the timed run below is the simulation itself.
      expect((await request(server.url, "/api/v1/simulations", { body: { paths: 100 } })).status).toBe(200);
      const started = Date.now();
      const slow = request(server.url, "/api/v1/simulations", { body: { paths: 20_000, seed: 3 } });
      await new Promise((r) => setTimeout(r, 150));
      const signalledAt = Date.now() - started;
      server.child.kill("SIGTERM");
      const answer = await slow;
      const answeredAt = Date.now() - started;
      expect(answer.status).toBe(200);
      expect(answer.json.paths).toBe(20_000);
      // The request was really in flight when the signal came.
      expect(answeredAt).toBeGreaterThan(signalledAt);
      const { code, signal } = await server.exited;
      // Promptly: the client's keep-alive connection does not hold the shutdown for its idle timeout.
      expect(Date.now() - started - answeredAt).toBeLessThan(2000);
      expect(signal).toBeNull();
      expect(code).toBe(0);
      expect(server.stderr()).toContain("SIGTERM");
      // And it no longer accepts connections.
      await expect(request(server.url, "/api/v1/health")).rejects.toThrow();
    } finally {
      server.child.kill("SIGKILL");
    }
  }, 30_000);
});
