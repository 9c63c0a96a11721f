import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS, openTestStore, type TestStore } from "../../test/support/stores.ts";
import { canEditAlly } from "../model/plan.ts";
import { listAudit } from "./audit-repository.ts";
import { createSession, csrfMatches, deleteExpiredSessions, deleteSession, verifySession } from "./sessions-repository.ts";
import { createApiToken, listApiTokens, revokeApiToken, verifyApiToken } from "./tokens-repository.ts";
import { authenticate, createUser, getUserByName, listUsers, setPassword, updateUser } from "./users-repository.ts";

const password = "correct horse battery";

describe.each(DIALECTS)("users, tokens and sessions on %s", (dialect) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(dialect);
  });
  afterEach(async () => {
    await t?.cleanup();
  });

  it("creates users with roles; editors carry their allies; names are unique", async () => {
    const editor = await createUser(t.store, { name: "kasia", password, role: "editor", allies: ["POL", "EST", "POL"] }, "root");
    expect(editor).toMatchObject({ name: "kasia", role: "editor", allies: ["EST", "POL"], disabled: false });
    expect(canEditAlly(editor, "POL")).toBe(true);
    expect(canEditAlly(editor, "DEU")).toBe(false);
    await expect(createUser(t.store, { name: "kasia", password, role: "reader" }, "root")).rejects.toMatchObject({
      code: "conflict",
      field: "name",
    });
    await expect(createUser(t.store, { name: "r", password, role: "reader", allies: ["POL"] }, "root")).rejects.toMatchObject({
      code: "invalid",
      field: "name",
    });
    await expect(createUser(t.store, { name: "reader1", password, role: "reader", allies: ["POL"] }, "root")).rejects.toMatchObject({
      code: "invalid",
      field: "allies",
    });
    await expect(createUser(t.store, { name: "shorty", password: "short", role: "admin" }, "root")).rejects.toMatchObject({
      field: "password",
    });
    expect((await listUsers(t.store)).map((u) => u.name)).toEqual(["kasia"]);
  });

  it("the password hash is stored but never audited", async () => {
    const user = await createUser(t.store, { name: "kasia", password, role: "admin" }, "root");
    const row = await t.store.db.selectFrom("users").select("password_hash").where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    const audit = JSON.stringify((await listAudit(t.store)).entries);
    expect(audit).not.toContain("scrypt");
    expect(audit).not.toContain(password);
  });

  it("authenticates by name and password; a disabled user or wrong password gets nothing", async () => {
    const user = await createUser(t.store, { name: "kasia", password, role: "admin" }, "root");
    expect((await authenticate(t.store, "kasia", password))?.id).toBe(user.id);
    expect(await authenticate(t.store, "kasia", "wrong password!")).toBeNull();
    expect(await authenticate(t.store, "nobody", password)).toBeNull();
    await updateUser(t.store, user.id, { disabled: true }, "root");
    expect(await authenticate(t.store, "kasia", password)).toBeNull();
    await updateUser(t.store, user.id, { disabled: false }, "root");
    await setPassword(t.store, user.id, "another long password", "root");
    expect(await authenticate(t.store, "kasia", password)).toBeNull();
    expect(await authenticate(t.store, "kasia", "another long password")).not.toBeNull();
  });

  it("updates role and allies with a before/after audit entry; a reader keeps no allies", async () => {
    const user = await createUser(t.store, { name: "kasia", password, role: "editor", allies: ["POL"] }, "root");
    const reader = await updateUser(t.store, user.id, { role: "reader" }, "root");
    expect(reader).toMatchObject({ role: "reader", allies: [] });
    await expect(updateUser(t.store, user.id, { allies: ["POL"] }, "root")).rejects.toMatchObject({ field: "allies" });
    const { entries } = await listAudit(t.store, { entity: "user", entityId: user.id });
    expect(entries[0]).toMatchObject({
      action: "user.update",
      before: { role: "editor", allies: ["POL"] },
      after: { role: "reader", allies: [] },
    });
    expect((await getUserByName(t.store, "kasia"))?.role).toBe("reader");
  });

  it("API tokens: shown once, stored as sha256, verified until revoked", async () => {
    const user = await createUser(t.store, { name: "kasia", password, role: "editor", allies: ["POL"] }, "root");
    const created = await createApiToken(t.store, user.id, "ci", "kasia");
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await t.store.db.selectFrom("api_tokens").selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(created.token);
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await verifyApiToken(t.store, created.token))?.name).toBe("kasia");
    const altered = created.token.slice(0, -1) + (created.token.endsWith("A") ? "B" : "A");
    expect(await verifyApiToken(t.store, altered)).toBeNull();
    await revokeApiToken(t.store, created.id, "kasia");
    expect(await verifyApiToken(t.store, created.token)).toBeNull();
    expect((await listApiTokens(t.store, user.id))[0]?.revokedAt).toBe("2025-06-01T00:00:02.000Z");
    const other = await createApiToken(t.store, user.id, "laptop", "kasia");
    await updateUser(t.store, user.id, { disabled: true }, "root");
    expect(await verifyApiToken(t.store, other.token)).toBeNull();
    await expect(createApiToken(t.store, "no-such-user", "x", "root")).rejects.toMatchObject({ code: "not_found", field: "userId" });
    expect((await listAudit(t.store, { entity: "api_token" })).entries.map((e) => e.action)).toEqual([
      "token.create",
      "token.revoke",
      "token.create",
    ]);
  });

  it("sessions: hashed id and CSRF token, expiry judged at the `now` passed in", async () => {
    const user = await createUser(t.store, { name: "kasia", password, role: "reader" }, "root");
    const now = new Date("2025-07-01T12:00:00.000Z");
    const s = await createSession(t.store, user.id, { now, ttlMs: 60_000 });
    expect(s.expiresAt).toBe("2025-07-01T12:01:00.000Z");
    const stored = await t.store.db.selectFrom("sessions").selectAll().executeTakeFirstOrThrow();
    expect([stored.id, stored.csrf_token]).not.toContain(s.sessionId);
    expect([stored.id, stored.csrf_token]).not.toContain(s.csrfToken);
    const active = await verifySession(t.store, s.sessionId, new Date("2025-07-01T12:00:59.999Z"));
    expect(active?.user.name).toBe("kasia");
    expect(csrfMatches(active as NonNullable<typeof active>, s.csrfToken)).toBe(true);
    expect(csrfMatches(active as NonNullable<typeof active>, s.sessionId)).toBe(false);
    expect(csrfMatches(active as NonNullable<typeof active>, undefined)).toBe(false);
    expect(await verifySession(t.store, s.sessionId, new Date("2025-07-01T12:01:00.000Z"))).toBeNull();
    expect(await verifySession(t.store, "x".repeat(43), now)).toBeNull();

    const s2 = await createSession(t.store, user.id, { now, ttlMs: 3_600_000 });
    await deleteSession(t.store, s2.sessionId);
    expect(await verifySession(t.store, s2.sessionId, now)).toBeNull();
    const s3 = await createSession(t.store, user.id, { now, ttlMs: 3_600_000 });
    expect(await deleteExpiredSessions(t.store, new Date("2025-07-01T12:30:00.000Z"))).toBe(1);
    expect(await verifySession(t.store, s3.sessionId, now)).not.toBeNull();
    await setPassword(t.store, user.id, "another long password", "root");
    expect(await verifySession(t.store, s3.sessionId, now)).toBeNull();
  });
});
