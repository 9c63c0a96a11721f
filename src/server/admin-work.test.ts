/**
 * Issue 15, item 11: an admin's daily work, from the command line (on the database a real server
 * uses) and through the API of that server, on each database; and the audit log records sign-ins,
 * failed sign-ins and refused writes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../test/support/fake-io.ts";
import { DIALECTS } from "../../test/support/stores.ts";
import { PASSWORD, startTestServer, type TestServer } from "../../test/support/test-server.ts";

const NEW_PASSWORD = "another long passphrase 42";

describe.each(DIALECTS)("%s", (dialect) => {
  let s: TestServer;
  let cli: string[];
  beforeAll(async () => {
    s = await startTestServer(dialect, { rateLimits: { read: 0, compute: 0, write: 0, login: 0, loginPerAccount: 0 } });
    cli = s.databaseUrl ? ["--database-url", s.databaseUrl] : ["--data-dir", s.dataDir];
  });
  afterAll(() => s?.stop());

  const signIn = (name: string, password: string) => s.api("/api/v1/auth/login", { body: { name, password } });

  it("pledge user list | disable | enable | set-role | set-password act on the server's accounts", async () => {
    const list = await runCli(["user", "list", ...cli]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^pol-editor\teditor\tPOL\tenabled\t/m);
    expect(list.stdout).toMatch(/^reader\treader\t-\tenabled\t/m);

    expect((await runCli(["user", "disable", "reader", ...cli])).code).toBe(0);
    expect((await signIn("reader", PASSWORD)).status).toBe(401);
    expect((await s.api("/api/v1/auth/me", { token: s.reader.token })).status).toBe(401);
    expect((await runCli(["user", "enable", "reader", ...cli])).code).toBe(0);
    expect((await signIn("reader", PASSWORD)).status).toBe(200);

    const role = await runCli(["user", "set-role", "reader", "editor", "--allies", "ltu", ...cli]);
    expect(role.code, role.stderr).toBe(0);
    const me = await s.api("/api/v1/auth/me", { token: s.reader.token });
    expect(me.json.user).toMatchObject({ role: "editor", allies: ["LTU"] });
    expect((await runCli(["user", "set-role", "reader", "reader", ...cli])).code).toBe(0);

    const session = await signIn("reader", PASSWORD);
    const cookie = (session.headers.get("set-cookie") ?? "").split(";")[0] as string;
    const pw = await runCli(["user", "set-password", "reader", "--password-stdin", ...cli], { stdin: `${NEW_PASSWORD}\n` });
    expect(pw.code, pw.stderr).toBe(0);
    expect((await s.api("/api/v1/auth/me", { headers: { cookie } })).json.user).toBeNull();
    expect((await signIn("reader", PASSWORD)).status).toBe(401);
    expect((await signIn("reader", NEW_PASSWORD)).status).toBe(200);

    const unknown = await runCli(["user", "disable", "nobody", ...cli]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/no user "nobody"/);
  });

  it("a user changes their own password with the current one; their sessions end", async () => {
    const first = await signIn("est-editor", PASSWORD);
    const cookie = (first.headers.get("set-cookie") ?? "").split(";")[0] as string;
    const wrong = await s.api("/api/v1/auth/password", {
      body: { currentPassword: "not my password", newPassword: NEW_PASSWORD },
      token: s.estEditor.token,
    });
    expect(wrong.status).toBe(403);
    const ok = await s.api("/api/v1/auth/password", {
      body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      token: s.estEditor.token,
    });
    expect(ok.status, ok.text).toBe(204);
    expect((await s.api("/api/v1/auth/me", { headers: { cookie } })).json.user).toBeNull();
    expect((await signIn("est-editor", NEW_PASSWORD)).status).toBe(200);
  });

  it("admins list and end a user's sessions, and purge expired ones", async () => {
    await signIn("pol-editor", PASSWORD);
    await signIn("pol-editor", PASSWORD);
    const listed = await s.api(`/api/v1/users/${s.editor.id}/sessions`, { token: s.admin.token });
    expect(listed.status).toBe(200);
    expect(listed.json.sessions.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(listed.json)).not.toMatch(/[0-9a-f]{40}/);
    const ended = await s.api(`/api/v1/users/${s.editor.id}/sessions`, { method: "DELETE", token: s.admin.token });
    expect(ended.json.ended).toBe(listed.json.sessions.length);
    expect((await s.api(`/api/v1/users/${s.editor.id}/sessions`, { token: s.admin.token })).json.sessions).toEqual([]);
    const store = await s.openStore();
    await store.db
      .insertInto("sessions")
      .values({
        id: "e".repeat(64),
        user_id: s.editor.id,
        csrf_token: "c".repeat(64),
        created_at: "2020-01-01T00:00:00.000Z",
        expires_at: "2020-01-02T00:00:00.000Z",
      })
      .execute();
    const purged = await s.api("/api/v1/sessions/purge", { method: "POST", token: s.admin.token });
    expect(purged.json.deleted).toBe(1);
    const patched = await s.api(`/api/v1/users/${s.admin.id}`, { method: "PATCH", body: { disabled: true }, token: s.admin.token });
    expect(patched.status).toBe(409);
  });

  it("the audit log records sign-ins, failed sign-ins and refused writes", async () => {
    await signIn("pol-editor", "wrong password!");
    await signIn("pol-editor", PASSWORD);
    await s.api("/api/v1/plans", {
      body: { ally: "EST", submissionYear: 2030, unit: "share", years: [{ year: 2030, corePct: 3 }] },
      token: s.editor.token,
    });
    const audit = (await s.api("/api/v1/audit?limit=50", { token: s.admin.token })).json.entries as {
      action: string;
      actor: string;
      entityId: string;
    }[];
    expect(audit.some((e) => e.action === "auth.login_failed" && e.actor === "pol-editor")).toBe(true);
    expect(audit.some((e) => e.action === "auth.login" && e.actor === "pol-editor")).toBe(true);
    expect(audit.some((e) => e.action === "write.refused" && e.actor === "pol-editor" && e.entityId === "POST /api/v1/plans")).toBe(true);
  });
});
