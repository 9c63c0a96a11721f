import type { User } from "../model/plan.ts";
import type { Store } from "./database.ts";
import { randomSecret, secretMatches, sha256Hex } from "./secrets.ts";
import { StoreError } from "./store-error.ts";
import { userFromRow } from "./users-repository.ts";

/** What the browser gets once: the session cookie value and the CSRF token for forms. */
export interface NewSession {
  sessionId: string;
  csrfToken: string;
  expiresAt: string;
}

export interface ActiveSession {
  user: User;
  expiresAt: string;
  /** sha256 of the CSRF token; compare with `csrfMatches`. */
  csrfTokenHash: string;
}

/**
 * Starts a session; both secrets are stored only as sha256 hashes. `now` is passed in (no hidden
 * clock), and so is the lifetime. Logins are not audited: the audit log records changes to data.
 */
export async function createSession(store: Store, userId: string, options: { now: Date; ttlMs: number }): Promise<NewSession> {
  if (!(options.ttlMs > 0)) throw new StoreError("invalid", "must be > 0", "ttlMs");
  const sessionId = randomSecret();
  const csrfToken = randomSecret();
  const expiresAt = new Date(options.now.getTime() + options.ttlMs).toISOString();
  const user = await store.db.selectFrom("users").select("id").where("id", "=", userId).executeTakeFirst();
  if (!user) throw new StoreError("not_found", `no user ${userId}`, "userId");
  await store.db
    .insertInto("sessions")
    .values({
      id: sha256Hex(sessionId),
      user_id: userId,
      csrf_token: sha256Hex(csrfToken),
      created_at: options.now.toISOString(),
      expires_at: expiresAt,
    })
    .execute();
  return { sessionId, csrfToken, expiresAt };
}

/** The session when it exists, has not expired at `now` and its user is enabled; otherwise null. */
export async function verifySession(store: Store, sessionId: string, now: Date): Promise<ActiveSession | null> {
  if (typeof sessionId !== "string" || sessionId.length < 20 || sessionId.length > 200) return null;
  const row = await store.db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .selectAll("u")
    .select(["s.expires_at", "s.csrf_token"])
    .where("s.id", "=", sha256Hex(sessionId))
    .executeTakeFirst();
  if (!row || row.expires_at <= now.toISOString() || Number(row.disabled) !== 0) return null;
  return { user: userFromRow(row), expiresAt: row.expires_at, csrfTokenHash: row.csrf_token };
}

/** Constant-time check of a submitted CSRF token against the session's. */
export function csrfMatches(session: Pick<ActiveSession, "csrfTokenHash">, submitted: string | undefined): boolean {
  return (
    typeof submitted === "string" && submitted.length > 0 && submitted.length <= 200 && secretMatches(submitted, session.csrfTokenHash)
  );
}

export async function deleteSession(store: Store, sessionId: string): Promise<void> {
  await store.db.deleteFrom("sessions").where("id", "=", sha256Hex(sessionId)).execute();
}

/** Removes sessions expired at `now`; returns how many. */
export async function deleteExpiredSessions(store: Store, now: Date): Promise<number> {
  const result = await store.db.deleteFrom("sessions").where("expires_at", "<=", now.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A user's session as an admin sees it: never the secret, only its hash's first 12 hex digits as an id. */
export interface SessionInfo {
  id: string;
  createdAt: string;
  expiresAt: string;
}

/** A user's sessions that have not expired at `now`, newest first (at most 500). */
export async function listUserSessions(store: Store, userId: string, now: Date): Promise<SessionInfo[]> {
  const rows = await store.db
    .selectFrom("sessions")
    .select(["id", "created_at", "expires_at"])
    .where("user_id", "=", userId)
    .where("expires_at", ">", now.toISOString())
    .orderBy("created_at", "desc")
    .limit(500)
    .execute();
  return rows.map((r) => ({ id: r.id.slice(0, 12), createdAt: r.created_at, expiresAt: r.expires_at }));
}

/** Ends every session of a user (an admin's action, or a password change); returns how many. */
export async function deleteUserSessions(store: Store, userId: string): Promise<number> {
  const result = await store.db.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
