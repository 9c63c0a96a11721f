/**
 * Security of the HTTP surface against a real running server, on SQLite and on PostgreSQL: who may
 * write what, CSRF, body limits, malformed and hostile input, path traversal, headers, rate limits,
 * private reads. Every answer is also checked for stack traces, SQL and 500s.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/stores.ts";
import {
  type ApiAnswer,
  type ApiOptions,
  leaksInternals,
  PASSWORD,
  startTestServer,
  type TestServer,
} from "../../test/support/test-server.ts";
import type { AnnualPlanInput } from "../model/plan.ts";
import { createApiToken, revokeApiToken } from "../store/index.ts";

const root = join(import.meta.dirname, "../..");
const VALID_CSV = readFileSync(join(root, "test/fixtures/plans/valid.csv"), "utf8");
const SQL_NOTE = "'); DROP TABLE plans; --";
const SQL_QUERY = "' OR 1=1 --";

function plan(ally: string, submissionYear = 2025, notes = "", core = 3.6): AnnualPlanInput {
  return {
    ally,
    submissionYear,
    unit: "share",
    years: [
      { year: 2026, corePct: core, relatedPct: 0.4 },
      { year: 2030, corePct: core + 0.2, relatedPct: 1 },
    ],
    notes,
    sources: [],
  };
}

/** A GET with the path sent byte for byte (fetch would resolve the dots first). */
function rawGet(base: string, path: string): Promise<{ status: number; text: string; headers: Record<string, unknown> }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method: "GET" }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
  });
}

/**
 * A dashboard build of our own (the real web/dist may be rebuilt while the tests run): the only files a
 * static request may ever return.
 */
const webDir = mkdtempSync(join(tmpdir(), "pledge-web-"));
mkdirSync(join(webDir, "assets"));
writeFileSync(
  join(webDir, "index.html"),
  '<!doctype html><html><head><script src="/assets/app-AbCdEf12.js"></script></head><body>site</body></html>',
);
writeFileSync(join(webDir, "assets", "app-AbCdEf12.js"), "console.log('dashboard');");
afterAll(() => rmSync(webDir, { recursive: true, force: true }));

function siteFiles(): Set<string> {
  const out = new Set<string>();
  for (const entry of readdirSync(webDir, { recursive: true, encoding: "utf8" })) {
    const full = join(webDir, entry);
    if (statSync(full).isFile()) out.add(readFileSync(full, "utf8"));
  }
  return out;
}

describe.each(DIALECTS)("security on %s", (dialect) => {
  let s: TestServer;
  const seen: { what: string; status: number; text: string }[] = [];
  /** s.api, recording every answer for the leak checks at the end. */
  const api = async (path: string, options?: ApiOptions): Promise<ApiAnswer> => {
    const r = await s.api(path, options);
    seen.push({ what: `${options?.method ?? (options?.body === undefined ? "GET" : "POST")} ${path}`, status: r.status, text: r.text });
    return r;
  };
  const csv = { "content-type": "text/csv" };

  beforeAll(async () => {
    s = await startTestServer(dialect, {
      webDir,
      maxBodyBytes: 64 * 1024,
      rateLimits: { read: 60_000, compute: 6000, write: 6000, login: 600 },
    });
    // An EST plan for the cross-ally checks, written by EST's own editor.
    const r = await s.api("/api/v1/plans", { body: plan("EST"), token: s.estEditor.token });
    expect(r.status).toBe(201);
  });
  afterAll(async () => {
    await s?.stop();
  });

  describe("authentication and roles", () => {
    it("a write without a token is 401", async () => {
      const r = await api("/api/v1/plans", { body: plan("POL") });
      expect(r.status).toBe(401);
      expect(r.json.error.code).toBe("unauthenticated");
      expect((await api("/api/v1/scenarios", { body: { id: "x", name: "x" } })).status).toBe(401);
      expect((await api("/api/v1/plans/import", { body: VALID_CSV, headers: csv })).status).toBe(401);
    });

    it("a bad, malformed or revoked token is 401, even on reads", async () => {
      for (const authorization of [`Bearer ${"A".repeat(43)}`, "Bearer short", "Basic YWRtaW46YWRtaW4=", `Bearer ${s.admin.token}x`]) {
        const r = await api("/api/v1/plans", { body: plan("POL"), headers: { authorization } });
        expect(r.status, authorization).toBe(401);
        expect((await api("/api/v1/allies", { headers: { authorization } })).status).toBe(401);
      }
      const store = await s.openStore();
      const t = await createApiToken(store, s.admin.id, "to revoke", "test");
      expect((await api("/api/v1/auth/me", { token: t.token })).json.user.name).toBe("admin");
      await revokeApiToken(store, t.id, "test");
      expect((await api("/api/v1/plans", { body: plan("POL"), token: t.token })).status).toBe(401);
      expect((await api("/api/v1/plans/POL-2025")).status).toBe(404);
    });

    it("a reader writing a plan is 403", async () => {
      const r = await api("/api/v1/plans", { body: plan("POL"), token: s.reader.token });
      expect(r.status).toBe(403);
      expect(r.json.error.code).toBe("forbidden");
      expect((await api("/api/v1/plans/import", { body: VALID_CSV, headers: csv, token: s.reader.token })).status).toBe(403);
      expect((await api("/api/v1/users", { token: s.reader.token })).status).toBe(403);
      expect((await api("/api/v1/audit", { token: s.reader.token })).status).toBe(403);
    });

    it("the POL editor cannot write EST's plans: create, add a version (either body), withdraw, import", async () => {
      const before = await api("/api/v1/plans/EST-2025");
      const create = await api("/api/v1/plans", { body: plan("EST", 2026), token: s.editor.token });
      expect(create.status).toBe(403);
      expect(create.json.error.field).toBe("ally");
      const estBody = await api("/api/v1/plans/EST-2025/versions", { body: plan("EST", 2025, "hijack"), token: s.editor.token });
      expect(estBody.status).toBe(403);
      const polBody = await api("/api/v1/plans/EST-2025/versions", { body: plan("POL", 2025, "hijack"), token: s.editor.token });
      expect(polBody.status).toBe(403);
      const withdraw = await api("/api/v1/plans/EST-2025/withdraw", { body: {}, token: s.editor.token });
      expect(withdraw.status).toBe(403);

      const list = (await api("/api/v1/plans?limit=500")).json.plans;
      const mixed = `${VALID_CSV}EST,2027,2030,3.9,,,,,,\n`;
      const imported = await api("/api/v1/plans/import", { body: mixed, headers: csv, token: s.editor.token });
      expect(imported.status).toBe(403);
      expect(imported.json.error.message).toContain("EST");
      expect((await api("/api/v1/plans?limit=500")).json.plans).toEqual(list);
      expect((await api("/api/v1/plans/EST-2027")).status).toBe(404);
      expect((await api("/api/v1/plans/POL-2025")).status).toBe(404);
      expect((await api("/api/v1/plans/EST-2025")).json).toEqual(before.json);

      // The EST editor may: the refusals were about the ally, not the route.
      expect((await api("/api/v1/plans/EST-2025/versions", { body: plan("EST", 2025, "v2"), token: s.estEditor.token })).status).toBe(201);
    });
  });

  describe("CSRF", () => {
    it("a cookie-authenticated write needs the session's X-CSRF-Token", async () => {
      const login = await fetch(`${s.url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "pol-editor", password: PASSWORD }),
      });
      expect(login.status).toBe(200);
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const cookie = login.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ");

      const none = await api("/api/v1/plans", { body: plan("POL", 2030), headers: { cookie } });
      expect(none.status).toBe(403);
      expect(none.json.error.code).toBe("csrf");
      const wrong = await api("/api/v1/plans", {
        body: plan("POL", 2030),
        headers: { cookie, "x-csrf-token": `${csrfToken.slice(0, -2)}xx` },
      });
      expect(wrong.status).toBe(403);
      expect(wrong.json.error.code).toBe("csrf");
      expect((await api("/api/v1/plans/POL-2030")).status).toBe(404);

      const right = await api("/api/v1/plans", { body: plan("POL", 2030), headers: { cookie, "x-csrf-token": csrfToken } });
      expect(right.status).toBe(201);
      expect(right.json.createdBy).toBe("pol-editor");
      // Reads with the cookie need no CSRF token.
      expect((await api("/api/v1/auth/me", { headers: { cookie } })).json.via).toBe("session");
    });
  });

  describe("hostile bodies", () => {
    it("an oversized JSON body is 413, and the server still answers afterwards", async () => {
      const body = JSON.stringify({ ...plan("POL", 2031), notes: "x".repeat(100 * 1024) });
      let status = 0;
      let text = "";
      try {
        const r = await fetch(`${s.url}/api/v1/plans`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${s.editor.token}` },
          body,
        });
        status = r.status;
        text = await r.text();
      } catch (e) {
        // The server may close the connection before the client finished sending; it must have answered 413 first.
        throw new Error(`the oversized request got no answer: ${String(e)}`);
      }
      expect(status).toBe(413);
      expect(JSON.parse(text).error.code).toBe("too_large");
      seen.push({ what: "oversized", status, text });
      expect((await api("/api/v1/health")).status).toBe(200);
      expect((await api("/api/v1/plans", { body: plan("POL", 2031), token: s.editor.token })).status).toBe(201);
      expect((await api("/api/v1/plans/POL-2031")).json.latest.notes).toBe("");
    });

    it("an oversized body sent chunked (no Content-Length) is 413 too", async () => {
      const { hostname, port } = new URL(s.url);
      const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = httpRequest(
          {
            host: hostname,
            port,
            path: "/api/v1/plans",
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${s.editor.token}` },
          },
          (res) => {
            let text = "";
            res.on("data", (c: Buffer) => {
              text += c.toString();
            });
            res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
          },
        );
        req.on("error", reject);
        req.write('{"notes":"');
        let n = 0;
        const next = () => (n++ < 40 ? req.write("x".repeat(4096), () => setImmediate(next)) : req.end('"}'));
        next();
      });
      seen.push({ what: "oversized chunked", ...answer });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.text).error.code).toBe("too_large");
      expect((await api("/api/v1/health")).status).toBe(200);
    });

    it("a declared Content-Length over the limit is refused before a byte of the body arrives", async () => {
      const { hostname, port } = new URL(s.url);
      const socket = connect(Number(port), hostname);
      const answer = await new Promise<string>((resolve, reject) => {
        let text = "";
        socket.on("data", (c: Buffer) => {
          text += c.toString();
          if (text.includes("\r\n\r\n") && text.includes("too_large")) resolve(text);
        });
        socket.on("error", reject);
        socket.on("close", () => resolve(text));
        // Headers only: a server that waited for 50 MB would never answer.
        socket.write(
          `POST /api/v1/pathways HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\ncontent-length: 50000000\r\n\r\n`,
        );
      });
      socket.destroy();
      expect(answer).toMatch(/^HTTP\/1\.1 413/);
      expect(answer).toContain("too_large");
      expect((await api("/api/v1/health")).status).toBe(200);
    });

    it("malformed JSON is 400 malformed_json", async () => {
      for (const body of ['{"ally": "POL",', "not json", "{'single': 'quotes'}", "\u0000"]) {
        const r = await api("/api/v1/plans", { body, headers: { "content-type": "application/json" }, token: s.editor.token });
        expect(r.status, body).toBe(400);
        expect(r.json.error.code, body).toBe("malformed_json");
      }
      const empty = await api("/api/v1/pathways", { method: "POST", body: "", headers: { "content-type": "application/json" } });
      expect(empty.status).toBe(400);
    });

    it("wrong shapes and types are 400 naming the field, never 500", async () => {
      const cases: [string, unknown, string][] = [
        ["/api/v1/plans", { ...plan("POL", 2032), years: "all" }, "years"],
        ["/api/v1/plans", { ...plan("POL", 2032), ally: "pol" }, "ally"],
        ["/api/v1/plans", { ...plan("POL", 2032), extra: 1 }, ""],
        ["/api/v1/plans", [], ""],
        ["/api/v1/plans", null, ""],
        ["/api/v1/pathways", { target: { corePct: "3.5" } }, "target.corePct"],
        ["/api/v1/simulations", { paths: 1e300 }, "paths"],
        ["/api/v1/forecasts", { paths: 1e300 }, "paths"],
        ["/api/v1/forecasts", { models: [] }, "models"],
        ["/api/v1/forecasts", { models: ["path", "path", "path", "path"] }, "models"],
        ["/api/v1/scenarios/run", { scenario: { id: "UPPER" } }, "scenario"],
      ];
      for (const [path, body, field] of cases) {
        const r = await api(path, { body: JSON.stringify(body), headers: { "content-type": "application/json" }, token: s.admin.token });
        expect(r.status, `${path} ${JSON.stringify(body)}`).toBe(400);
        if (field) expect(r.json.error.field, `${path} ${JSON.stringify(body)}`).toContain(field);
      }
      const plain = await api("/api/v1/plans", {
        body: JSON.stringify(plan("POL", 2032)),
        headers: { "content-type": "text/plain" },
        token: s.admin.token,
      });
      expect(plain.status).toBeGreaterThanOrEqual(400);
      expect(plain.status).toBeLessThan(500);
      const wrongImport = await api("/api/v1/plans/import", {
        body: "{}",
        headers: { "content-type": "application/json" },
        token: s.admin.token,
      });
      expect(wrongImport.status).toBe(415);
      const notXlsx = await api("/api/v1/plans/import", {
        body: new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]),
        headers: { "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        token: s.admin.token,
      });
      expect(notXlsx.status).toBe(400);
    });
  });

  describe("SQL-looking input", () => {
    it("query parameters are refused (400) or matched literally, never run", async () => {
      const q = encodeURIComponent(SQL_QUERY);
      for (const path of [
        `/api/v1/observations?ally=${q}`,
        `/api/v1/observations?indicator=${q}`,
        `/api/v1/observations?vintage=${q}`,
        `/api/v1/rankings?indicator=${q}`,
        `/api/v1/compliance?vintage=${q}`,
        `/api/v1/plans?ally=${q}`,
        `/api/v1/plans/${encodeURIComponent("POL-2025' OR '1'='1")}`,
        `/api/v1/scenarios/${encodeURIComponent("x' OR 1=1 --")}`,
      ]) {
        const r = await api(path);
        expect([400, 404], path).toContain(r.status);
      }
      // Free-text filters are bound parameters: the injection matches nothing instead of everything.
      const audit = await api(`/api/v1/audit?actor=${q}`, { token: s.admin.token });
      expect(audit.status).toBe(200);
      expect(audit.json.entries).toEqual([]);
      const byEntity = await api(`/api/v1/audit?entityId=${encodeURIComponent("x' OR 'a'='a")}`, { token: s.admin.token });
      expect(byEntity.json.entries).toEqual([]);
      const login = await api("/api/v1/auth/login", { body: { name: "admin' --", password: SQL_QUERY } });
      expect(login.status).toBe(400);
      const login2 = await api("/api/v1/auth/login", { body: { name: "admin", password: SQL_QUERY } });
      expect(login2.status).toBe(401);
    });

    it("plan notes and sources holding SQL are stored and read back verbatim; the table is still there", async () => {
      const body = {
        ...plan("POL", 2033, SQL_NOTE),
        sources: [{ title: `Robert'); DROP TABLE plan_versions;--`, url: "https://example.org/?q=' OR 1=1" }],
      };
      const r = await api("/api/v1/plans", { body, token: s.editor.token });
      expect(r.status).toBe(201);
      const got = await api("/api/v1/plans/POL-2033");
      expect(got.json.latest.notes).toBe(SQL_NOTE);
      expect(got.json.latest.sources).toEqual(body.sources);
      const list = await api("/api/v1/plans?limit=500");
      expect(list.status).toBe(200);
      expect(list.json.plans.map((p: { planId: string }) => p.planId)).toEqual(
        expect.arrayContaining(["EST-2025", "POL-2030", "POL-2033"]),
      );
      const csvImport = `${"ally,submission_year,year,core_pct,related_pct,core_nc_m,related_nc_m,notes,source_title,source_url"}\nPOL,2034,2026,4,,,,"${SQL_NOTE}",,\n`;
      const imp = await api("/api/v1/plans/import", { body: csvImport, headers: csv, token: s.editor.token });
      expect(imp.status).toBe(200);
      expect((await api("/api/v1/plans/POL-2034")).json.latest.notes).toBe(SQL_NOTE);
      // A scenario's name too.
      const sc = await api("/api/v1/scenarios", { body: { id: "sql-test", name: SQL_NOTE }, token: s.reader.token });
      expect(sc.status).toBe(201);
      expect((await api(`/api/v1/scenarios/${sc.json.id}`)).text).toContain(JSON.stringify(SQL_NOTE).slice(1, -1));
    });
  });

  describe("path traversal", () => {
    const passwd = readFileSync("/etc/passwd", "utf8").split("\n")[0] as string;
    const pkg = readFileSync(join(root, "package.json"), "utf8");
    it("static paths never return a file from outside web/dist", async () => {
      const site = siteFiles();
      // The site itself is served, so the refusals below are not for want of a site.
      expect((await rawGet(s.url, "/assets/app-AbCdEf12.js")).text).toBe("console.log('dashboard');");
      expect((await rawGet(s.url, "/")).text).toContain("<body>site</body>");
      for (const path of [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/..%2f..%2fetc/passwd",
        "/assets/..%2f..%2fpackage.json",
        "/assets/../../package.json",
        "/assets/%2e%2e/%2e%2e/package.json",
        "/..%5c..%5cpackage.json",
        "/dataset.json/../../package.json",
        "/api/v1/../../../package.json",
        "/package.json",
        "/assets/app-AbCdEf12.js/../../../package.json",
        "/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json",
        "/src/server/app.ts",
        "//etc/passwd",
        "/%00/etc/passwd",
      ]) {
        const r = await rawGet(s.url, path);
        seen.push({ what: `GET ${path}`, status: r.status, text: r.text });
        expect(r.status, path).not.toBe(500);
        expect(r.text, path).not.toContain(passwd);
        expect(r.text.includes(pkg) || r.text.includes('"name": "pledge"'), path).toBe(false);
        expect(r.text, path).not.toContain("import { createRoute");
        if (r.status === 200 && !r.headers["content-type"]?.toString().includes("json"))
          expect(site.has(r.text), `${path}: a 200 must be a file of the site`).toBe(true);
      }
    });

    it("the import's file parameter is a name only: ../../etc/passwd is a 400 naming field file", async () => {
      for (const file of ["../../etc/passwd", "/etc/passwd", "..\\..\\windows", "a/b.csv"]) {
        const r = await api(`/api/v1/plans/import?file=${encodeURIComponent(file)}`, {
          body: VALID_CSV,
          headers: csv,
          token: s.admin.token,
        });
        expect(r.status, file).toBe(400);
        expect(r.json.error.field, file).toBe("file");
        expect(r.text).not.toContain(passwd);
      }
      expect((await api("/api/v1/plans/DNK-2025")).status).toBe(404);
    });
  });

  describe("headers and errors", () => {
    it("security headers on API answers, errors, documents and the dashboard", async () => {
      for (const path of ["/api/v1/health", "/api/v1/allies", "/api/v1/nope", "/openapi.json", "/docs", "/", "/dataset.json"]) {
        const r = await api(path);
        const csp = r.headers.get("content-security-policy") ?? "";
        expect(csp, path).toMatch(/default-src 'self'/);
        expect(r.headers.get("x-content-type-options"), path).toBe("nosniff");
        expect(r.headers.get("x-frame-options") !== null || /frame-ancestors 'none'/.test(csp), path).toBe(true);
      }
    });

    it("an unknown route under /api is a JSON 404", async () => {
      for (const path of ["/api/v1/nope", "/api/v2/allies", "/api", "/api/v1/plans/POL-2025/nothing"]) {
        const r = await api(path);
        expect(r.status, path).toBe(404);
        expect(r.headers.get("content-type"), path).toMatch(/application\/json/);
        expect(r.json.error.code, path).toBe("not_found");
      }
      // Methods no route answers too (these used to fall through to a text/plain "404 Not Found").
      for (const [method, path] of [
        ["DELETE", "/api/v1/allies"],
        ["PUT", "/api/v1/plans/POL-2025"],
        ["POST", "/api/v1/nope"],
      ] as const) {
        const r = await api(path, { method });
        expect(r.status, `${method} ${path}`).toBe(404);
        expect(r.headers.get("content-type"), `${method} ${path}`).toMatch(/application\/json/);
        expect(r.json.error.code, `${method} ${path}`).toBe("not_found");
      }
    });

    it("no answer in this suite held a stack trace, SQL or a 500", () => {
      expect(seen.length).toBeGreaterThan(50);
      for (const r of seen) {
        expect(r.status, r.what).not.toBe(500);
        expect(leaksInternals(r.text), `${r.what}: ${r.text.slice(0, 300)}`).toBeNull();
      }
      // Nothing went wrong inside the server either (errors are logged with their stack).
      expect(s.logs.filter((l) => l.startsWith("error"))).toEqual([]);
    });
  });
});

describe.each(DIALECTS)("rate limits and private reads on %s", (dialect) => {
  it("write limit 3 a minute: a burst of writes from one token gets 429 with Retry-After; other tokens and reads go on", async () => {
    const s = await startTestServer(dialect, { rateLimits: { write: 3 } });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 5; i++) {
        const r = await s.api("/api/v1/scenarios", { body: { id: `rl-${i}`, name: `rate ${i}` }, token: s.reader.token });
        statuses.push(r.status);
        if (r.status === 429) {
          retryAfter = r.headers.get("retry-after");
          expect(r.json.error.code).toBe("rate_limited");
        }
      }
      expect(statuses[0]).toBe(201);
      expect(statuses.slice(3)).toEqual([429, 429]);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number.isInteger(Number(retryAfter))).toBe(true);
      // Per token: another user is not limited by the reader's writes; reads have their own budget.
      expect((await s.api("/api/v1/scenarios", { body: { id: "rl-x", name: "other" }, token: s.editor.token })).status).toBe(201);
      expect((await s.api("/api/v1/allies", { token: s.reader.token })).status).toBe(200);
    } finally {
      await s.stop();
    }
  });

  it("publicReads false: reads need a token; health stays open", async () => {
    const s = await startTestServer(dialect, { publicReads: false });
    try {
      const anon = await s.api("/api/v1/allies");
      expect(anon.status).toBe(401);
      expect(anon.json.error.code).toBe("unauthenticated");
      expect((await s.api("/api/v1/allies", { token: s.reader.token })).status).toBe(200);
      const health = await s.api("/api/v1/health");
      expect(health.status).toBe(200);
      // The dashboard reads this to show its sign-in before asking for any figure.
      expect(health.json.publicReads).toBe(false);
      expect((await s.api("/dataset.json")).status).toBe(401);
      expect((await s.api("/dataset.json", { token: s.reader.token })).status).toBe(200);
      expect((await s.api("/api/v1/plans")).status).toBe(401);
      const cached = await s.api("/api/v1/allies", { token: s.reader.token });
      expect(cached.headers.get("cache-control")).toMatch(/private/);
      // A private server can still be signed in to.
      expect((await s.api("/api/v1/auth/login", { body: { name: "reader", password: PASSWORD } })).status).toBe(200);
    } finally {
      await s.stop();
    }
  });
});
