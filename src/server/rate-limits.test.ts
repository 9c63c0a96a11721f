/**
 * Issue 15, item 9, against a real server on each database: behind a trusted reverse proxy each client
 * has its own sign-in allowance (read from X-Forwarded-For, which nobody else may set), one account
 * has an allowance of its own whatever the addresses, and refused bearer tokens count as guesses.
 */
import { afterEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/stores.ts";
import { PASSWORD, startTestServer, type TestServer } from "../../test/support/test-server.ts";

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
});

async function server(dialect: (typeof DIALECTS)[number], trustedProxies: string[]) {
  const s = await startTestServer(dialect, {
    trustedProxies,
    rateLimits: { read: 0, compute: 0, write: 0, login: 10, loginPerAccount: 20 },
  });
  servers.push(s);
  return s;
}

const login = (s: TestServer, name: string, password: string, from: string) =>
  s.api("/api/v1/auth/login", { body: { name, password }, headers: { "x-forwarded-for": from } });

describe.each(DIALECTS)("%s", (dialect) => {
  it("behind a trusted proxy, ten bad sign-ins by one client do not lock out the next one", async () => {
    const s = await server(dialect, ["127.0.0.1"]);
    for (let i = 0; i < 10; i++) expect((await login(s, `nobody-${i}`, "wrong password!", "203.0.113.7")).status).toBe(401);
    const eleventh = await login(s, "nobody", "wrong password!", "203.0.113.7");
    expect(eleventh.status).toBe(429);
    expect(Number(eleventh.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await login(s, "reader", PASSWORD, "198.51.100.9")).status).toBe(200);
  });

  it("without a trusted proxy, X-Forwarded-For is ignored: a client cannot pick a fresh address per guess", async () => {
    const s = await server(dialect, []);
    for (let i = 0; i < 10; i++) expect((await login(s, `nobody-${i}`, "wrong password!", `203.0.113.${i}`)).status).toBe(401);
    expect((await login(s, "nobody", "wrong password!", "203.0.113.99")).status).toBe(429);
  });

  it("one account allows 20 guesses at once (then one every 3 s) from any number of addresses", async () => {
    const s = await server(dialect, ["127.0.0.1"]);
    const statuses: number[] = [];
    const started = Date.now();
    for (let i = 0; i < 30; i++) statuses.push((await login(s, "reader", "wrong password!", `192.0.2.${i % 5}`)).status);
    const seconds = (Date.now() - started) / 1000;
    expect(statuses.slice(0, 20).every((x) => x === 401)).toBe(true);
    // A token bucket: 20 at once, then one more every 3 s while the test runs.
    expect(statuses.filter((x) => x === 401).length).toBeLessThanOrEqual(20 + Math.ceil(seconds / 3));
    expect(statuses.filter((x) => x === 429).length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set([401, 429]));
    // Another account is not affected.
    expect((await login(s, "admin", PASSWORD, "192.0.2.200")).status).toBe(200);
  });

  it("refused bearer tokens count against the address's sign-in allowance", async () => {
    const s = await server(dialect, []);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await s.api("/api/v1/auth/me", { token: `not-a-real-token-${String(i).padStart(8, "0")}` })).status);
    expect(statuses.slice(0, 10).every((x) => x === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    // A valid token still works: its user is known, nothing is guessed.
    expect((await s.api("/api/v1/auth/me", { token: s.reader.token })).status).toBe(200);
  });
});
