import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { canEditAlly, type Role, type User } from "../model/plan.ts";
import { csrfMatches, type NewSession, verifyApiToken, verifySession } from "../store/index.ts";
import { ApiError } from "./api-error.ts";
import { clientAddress } from "./client-address.ts";
import { takeToken } from "./rate-limit.ts";
import type { AppEnv, Principal } from "./server-env.ts";

export const SESSION_COOKIE = "pledge_session";
/** Readable by the dashboard's script, which echoes it in X-CSRF-Token (double submit, checked against the session's hash). */
export const CSRF_COOKIE = "pledge_csrf";
export const CSRF_HEADER = "x-csrf-token";

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Works out who is asking. A bearer token that does not verify is refused outright (a client that
 * sends credentials wants to be that user, not anonymous); a stale session cookie just falls back to
 * anonymous, as a browser would after its session expired.
 */
export function identify(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { store, config } = c.get("deps");
    let principal: Principal = { kind: "anonymous" };
    const auth = c.req.header("authorization");
    if (auth !== undefined) {
      const m = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(auth.trim());
      const user = m ? await verifyApiToken(store, m[1] as string) : null;
      if (!user) {
        // A refused token is a guess like a wrong password: it counts against the address's sign-in limit.
        const wait = await takeToken({ store, config }, "login", `ip:${clientAddress(c)}`);
        if (wait > 0) {
          c.header("retry-after", String(wait));
          throw new ApiError(429, "rate_limited", `too many refused credentials; retry in ${wait} s`);
        }
        throw new ApiError(401, "unauthenticated", "the API token is invalid, revoked or belongs to a disabled user", "authorization");
      }
      principal = { kind: "token", user, tokenKey: `user:${user.id}` };
    } else {
      const sid = getCookie(c, SESSION_COOKIE);
      if (sid) {
        const session = await verifySession(store, sid, store.clock());
        if (session) principal = { kind: "session", user: session.user, sessionId: sid, csrfTokenHash: session.csrfTokenHash };
        else clearSessionCookies(c, config.secureCookies);
      }
    }
    c.set("principal", principal);
    // Cookie-authenticated writes must prove they come from the dashboard's own page.
    if (principal.kind === "session" && WRITE_METHODS.has(c.req.method) && !csrfMatches(principal, c.req.header(CSRF_HEADER)))
      throw new ApiError(403, "csrf", "a cookie-authenticated write needs the X-CSRF-Token header of its session", CSRF_HEADER);
    await next();
  };
}

export function userOf(c: Context<AppEnv>): User | null {
  const p = c.get("principal");
  return p.kind === "anonymous" ? null : p.user;
}

/** The signed-in user, with one of `roles` when given; 401 without credentials, 403 with the wrong role. */
export function requireUser(c: Context<AppEnv>, roles?: readonly Role[]): User {
  const user = userOf(c);
  if (!user) throw new ApiError(401, "unauthenticated", "sign in or send an API token (Authorization: Bearer …)", "authorization");
  if (roles && !roles.includes(user.role))
    throw new ApiError(403, "forbidden", `this needs the role ${roles.join(" or ")}; ${user.name} is ${user.role}`);
  return user;
}

export function requireEditorOf(c: Context<AppEnv>, ally: string): User {
  const user = requireUser(c, ["admin", "editor"]);
  if (!canEditAlly(user, ally)) throw new ApiError(403, "forbidden", `${user.name} may not edit ${ally}'s plans`, "ally");
  return user;
}

/** Reads are public unless the server is configured private. */
export function requireReader(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!c.get("deps").config.publicReads) requireUser(c);
    await next();
  };
}

export function setSessionCookies(c: Context<AppEnv>, session: NewSession, secure: boolean, ttlSeconds: number): void {
  const common = { path: "/", sameSite: "Strict" as const, secure, maxAge: ttlSeconds };
  setCookie(c, SESSION_COOKIE, session.sessionId, { ...common, httpOnly: true });
  setCookie(c, CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(c: Context<AppEnv>, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure, sameSite: "Strict" });
  deleteCookie(c, CSRF_COOKIE, { path: "/", secure, sameSite: "Strict" });
}

/** The key rate limits count against: the user for authenticated calls, else the client address. */
export function clientKey(c: Context<AppEnv>, address: string): string {
  const p = c.get("principal");
  return p.kind === "anonymous" ? `ip:${address}` : `user:${p.user.id}`;
}
