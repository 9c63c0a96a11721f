/**
 * Permissions pinned as one table (issue 15): every write route that /openapi.json lists × role ×
 * credential, with the expected status written down, against a real server on each database. A route
 * added without a row here fails the first test. Each case starts from a known state (its plan, its
 * victim token), so a status never depends on the order the cases run in.
 *
 * Roles: anonymous, reader, the editor of the ally (POL), the editor of another ally (EST), an editor
 * with no allies, admin. Credentials: bearer token, session cookie with its CSRF token, session cookie
 * without it, a revoked bearer token. A cookie without its CSRF token is refused (403) on every write,
 * and a revoked token (401) everywhere, whatever the role: those two columns follow from the rule and
 * are asserted for every route too.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/stores.ts";
import { PASSWORD, startTestServer, type TestServer } from "../../test/support/test-server.ts";
import { createApiToken, createSession, createUser, revokeApiToken, type Store } from "../store/index.ts";
import { CSRF_HEADER, SESSION_COOKIE } from "./auth.ts";

type Role = "anonymous" | "reader" | "editorOfAlly" | "editorOfOther" | "editorNoAllies" | "admin";
const ROLES: Role[] = ["anonymous", "reader", "editorOfAlly", "editorOfOther", "editorNoAllies", "admin"];
type Credential = "bearer" | "cookie+csrf" | "cookie without csrf" | "revoked bearer";
const CREDENTIALS: Credential[] = ["bearer", "cookie+csrf", "cookie without csrf", "revoked bearer"];

interface Case {
  method: string;
  /** The OpenAPI path (`/api/v1/plans/{id}`). */
  route: string;
  /** Expected status per role with a valid credential (bearer, or cookie with its CSRF token). */
  expect: Record<Role, number>;
}

const EXTRACT = readFileSync(join(import.meta.dirname, "../../test/fixtures/data-extract/nato/2026-07/nato_defexp_2026_edition.csv"));
const RELEASE = readFileSync(join(import.meta.dirname, "../../test/fixtures/releases/nato-2024-tables-extract.xlsx"));
const PLAN_CSV = "ally,submission_year,year,core_pct\nPOL,2030,2030,3.5\n";

// biome-ignore format: one route per line reads as the table it is
const GRID: Case[] = [
  //                                                              anon  reader edOfAlly edOther edNone admin
  { method: "POST", route: "/api/v1/auth/login",              expect: row(200, 200, 200, 200, 200, 200) },
  { method: "POST", route: "/api/v1/auth/logout",             expect: row(204, 204, 204, 204, 204, 204) },
  { method: "POST", route: "/api/v1/tokens",                  expect: row(401, 201, 201, 201, 201, 201) },
  { method: "DELETE", route: "/api/v1/tokens/{id}",           expect: row(401, 404, 404, 404, 404, 200) },
  { method: "POST", route: "/api/v1/users",                   expect: row(401, 403, 403, 403, 403, 201) },
  { method: "PATCH", route: "/api/v1/users/{id}",             expect: row(401, 403, 403, 403, 403, 200) },
  { method: "PUT", route: "/api/v1/users/{id}/password",      expect: row(401, 403, 403, 403, 403, 204) },
  { method: "DELETE", route: "/api/v1/users/{id}/sessions",   expect: row(401, 403, 403, 403, 403, 200) },
  { method: "POST", route: "/api/v1/sessions/purge",          expect: row(401, 403, 403, 403, 403, 200) },
  { method: "POST", route: "/api/v1/auth/password",           expect: row(401, 204, 204, 204, 204, 204) },
  { method: "POST", route: "/api/v1/scenarios",               expect: row(401, 201, 201, 201, 201, 201) },
  { method: "POST", route: "/api/v1/pathways",                expect: row(200, 200, 200, 200, 200, 200) },
  { method: "POST", route: "/api/v1/scenarios/run",           expect: row(200, 200, 200, 200, 200, 200) },
  { method: "POST", route: "/api/v1/simulations",             expect: row(200, 200, 200, 200, 200, 200) },
  { method: "POST", route: "/api/v1/forecasts",               expect: row(200, 200, 200, 200, 200, 200) },
  { method: "POST", route: "/api/v1/claims/check",            expect: row(200, 200, 200, 200, 200, 200) },
  { method: "POST", route: "/api/v1/classifications",         expect: row(200, 200, 200, 200, 200, 200) },
  { method: "POST", route: "/api/v1/plans",                   expect: row(401, 403, 201, 403, 403, 201) },
  { method: "POST", route: "/api/v1/plans/{id}/versions",     expect: row(401, 403, 201, 403, 403, 201) },
  { method: "POST", route: "/api/v1/plans/{id}/withdraw",     expect: row(401, 403, 201, 403, 403, 201) },
  { method: "POST", route: "/api/v1/plans/import",            expect: row(401, 403, 200, 403, 403, 200) },
  // Admins only; the admin's answer is 409 because the dry run's vintage id is taken: the role check passed.
  { method: "POST", route: "/api/v1/vintages/import",         expect: row(401, 403, 403, 403, 403, 409) },
  { method: "POST", route: "/api/v1/vintages/import-release", expect: row(401, 403, 403, 403, 403, 409) },
];

function row(anonymous: number, reader: number, editorOfAlly: number, editorOfOther: number, editorNoAllies: number, admin: number) {
  return { anonymous, reader, editorOfAlly, editorOfOther, editorNoAllies, admin };
}

const plan = (note: string) => ({ ally: "POL", submissionYear: 2030, unit: "share", years: [{ year: 2030, corePct: 3.5 }], notes: note });

describe.each(DIALECTS)("permission grid on %s", (dialect) => {
  let s: TestServer;
  let store: Store;
  const ids: Record<Exclude<Role, "anonymous">, { id: string; token: string; revoked: string }> = {} as never;
  let victimId = "";
  let counter = 0;

  beforeAll(async () => {
    s = await startTestServer(dialect, { rateLimits: { read: 0, write: 0, compute: 0, login: 0, loginPerAccount: 0 } });
    store = await s.openStore();
    const noAllies = await createUser(store, { name: "no-allies", password: PASSWORD, role: "editor", allies: [] }, "test");
    const victim = await createUser(store, { name: "victim", password: PASSWORD, role: "reader", allies: [] }, "test");
    victimId = victim.id;
    const accounts: [Exclude<Role, "anonymous">, string][] = [
      ["reader", s.reader.id],
      ["editorOfAlly", s.editor.id],
      ["editorOfOther", s.estEditor.id],
      ["editorNoAllies", noAllies.id],
      ["admin", s.admin.id],
    ];
    for (const [role, id] of accounts) {
      const token = (await createApiToken(store, id, "grid", "test")).token;
      const revoked = await createApiToken(store, id, "grid revoked", "test");
      await revokeApiToken(store, revoked.id, "test");
      ids[role] = { id, token, revoked: revoked.token };
    }
  });
  afterAll(() => s?.stop());

  /** Puts the database in the state the case needs and returns the request's URL and body. */
  async function prepare(c: Case): Promise<{ path: string; body?: unknown; headers?: Record<string, string> }> {
    counter++;
    if (c.route.startsWith("/api/v1/plans")) {
      // A fresh POL-2030 with one active version (absent for POST /plans).
      await store.db.deleteFrom("plan_versions").where("plan_id", "=", "POL-2030").execute();
      await store.db.deleteFrom("plans").where("id", "=", "POL-2030").execute();
      if (c.route !== "/api/v1/plans" && c.route !== "/api/v1/plans/import") {
        const r = await s.api("/api/v1/plans", { body: plan("v1"), token: s.admin.token });
        expect(r.status, r.text).toBe(201);
      }
    }
    switch (c.route) {
      case "/api/v1/auth/login":
        return { path: c.route, body: { name: "victim", password: PASSWORD } };
      case "/api/v1/auth/logout":
        return { path: c.route };
      case "/api/v1/tokens":
        return { path: c.route, body: { label: `grid ${counter}` } };
      case "/api/v1/tokens/{id}": {
        // Another user's token: only an admin may revoke it.
        const t = await createApiToken(store, victimId, `victim ${counter}`, "test");
        return { path: `/api/v1/tokens/${t.id}` };
      }
      case "/api/v1/users":
        return { path: c.route, body: { name: `grid-user-${counter}`, password: PASSWORD, role: "reader" } };
      case "/api/v1/users/{id}":
        return { path: `/api/v1/users/${victimId}`, body: { disabled: false } };
      case "/api/v1/users/{id}/password":
        return { path: `/api/v1/users/${victimId}/password`, body: { password: PASSWORD } };
      case "/api/v1/users/{id}/sessions":
        return { path: `/api/v1/users/${victimId}/sessions` };
      case "/api/v1/sessions/purge":
        return { path: c.route };
      case "/api/v1/auth/password":
        return { path: c.route, body: { currentPassword: PASSWORD, newPassword: PASSWORD } };
      case "/api/v1/scenarios":
        return { path: c.route, body: { id: `grid-${counter}`, name: "Grid", target: { corePct: 3, targetYear: 2032 } } };
      case "/api/v1/pathways":
        return { path: c.route, body: { allies: ["POL"] } };
      case "/api/v1/scenarios/run":
        return { path: c.route, body: { scenario: "hague-2035", years: [2030] } };
      case "/api/v1/simulations":
        return { path: c.route, body: { request: { allies: ["POL"] }, paths: 100, seed: 1 } };
      case "/api/v1/forecasts":
        return { path: c.route, body: { request: { allies: ["POL"] }, models: ["trajectory"], paths: 100, seed: 1 } };
      case "/api/v1/claims/check":
        return { path: c.route, body: { sentence: "Poland spent 4.12% of GDP on defence in 2024.", published: "2024-06-18" } };
      case "/api/v1/classifications":
        return {
          path: `${c.route}?ally=CAN&year=2023&file=grid.csv`,
          body: "id,name,amount\nA,Military personnel,100\n",
          headers: { "content-type": "text/csv" },
        };
      case "/api/v1/plans":
        return { path: c.route, body: plan("new") };
      case "/api/v1/plans/{id}/versions":
        return { path: "/api/v1/plans/POL-2030/versions", body: plan(`v${counter}`) };
      case "/api/v1/plans/{id}/withdraw":
        return { path: "/api/v1/plans/POL-2030/withdraw", body: {} };
      case "/api/v1/plans/import":
        return { path: `${c.route}?dryRun=true`, body: PLAN_CSV, headers: { "content-type": "text/csv" } };
      case "/api/v1/vintages/import":
        return {
          path: `${c.route}?vintage=2026-07&series=nato&source=nato-defexp-2026&label=x&published=2026-07-01&dryRun=true`,
          body: EXTRACT,
          headers: { "content-type": "text/csv" },
        };
      case "/api/v1/vintages/import-release":
        return {
          path: `${c.route}?vintage=2024-06&dryRun=true&file=grid.xlsx`,
          body: RELEASE,
          headers: { "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        };
    }
    throw new Error(`no preparation for ${c.method} ${c.route}: add it with the route's row`);
  }

  async function send(c: Case, role: Role, credential: Credential): Promise<{ status: number; text: string }> {
    const { path, body, headers = {} } = await prepare(c);
    const h: Record<string, string> = { ...headers };
    if (role !== "anonymous") {
      const account = ids[role];
      if (credential === "bearer") h.authorization = `Bearer ${account.token}`;
      else if (credential === "revoked bearer") h.authorization = `Bearer ${account.revoked}`;
      else {
        const session = await createSession(store, account.id, { now: new Date(), ttlMs: 3_600_000 });
        h.cookie = `${SESSION_COOKIE}=${session.sessionId}`;
        if (credential === "cookie+csrf") h[CSRF_HEADER] = session.csrfToken;
      }
    }
    const r = await s.api(path, { method: c.method, body, headers: h });
    return { status: r.status, text: r.text };
  }

  it("the grid has one row for every write route in /openapi.json, and no other", async () => {
    const doc = (await s.api("/openapi.json")).json as { paths: Record<string, Record<string, unknown>> };
    const writes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ["post", "put", "patch", "delete"].includes(m))
        .map((m) => `${m.toUpperCase()} ${path.startsWith("/api/v1") ? path : `/api/v1${path}`}`),
    );
    expect(GRID.map((c) => `${c.method} ${c.route}`).sort()).toEqual(writes.sort());
  });

  for (const c of GRID)
    it(`${c.method} ${c.route}`, async () => {
      const failures: string[] = [];
      for (const role of ROLES)
        for (const credential of role === "anonymous" ? (["bearer"] as const) : CREDENTIALS) {
          const expected = credential === "revoked bearer" ? 401 : credential === "cookie without csrf" ? 403 : (c.expect[role] as number);
          const got = await send(c, role, credential);
          if (got.status !== expected)
            failures.push(`${role} with ${credential}: expected ${expected}, got ${got.status} ${got.text.slice(0, 160)}`);
        }
      expect(failures).toEqual([]);
    });

  it("methods a write route does not declare answer 404, whoever asks", async () => {
    const declared = new Set(GRID.map((c) => `${c.method} ${c.route}`));
    for (const c of GRID)
      for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
        if (declared.has(`${method} ${c.route}`)) continue;
        const path = c.route.replace("{id}", c.route.startsWith("/api/v1/tokens") ? "0123456789abcdef" : "POL-2030");
        const r = await s.api(path, { method, body: {}, token: ids.admin.token });
        expect(r.status, `${method} ${path}`).toBe(404);
      }
  });
});
