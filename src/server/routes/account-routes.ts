import { createRoute, z } from "@hono/zod-openapi";
import { NewUserSchema, RoleSchema, UserNameSchema, UserSchema } from "../../model/plan.ts";
import {
  authenticate,
  createApiToken,
  createSession,
  createUser,
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  getUser,
  listApiTokens,
  listAudit,
  listUserSessions,
  listUsers,
  recordAccess,
  revokeApiToken,
  setPassword,
  updateUser,
} from "../../store/index.ts";
import { MAX_INT32 } from "../../store/transaction.ts";
import { ApiError } from "../api-error.ts";
import { clearSessionCookies, requireUser, setSessionCookies, userOf } from "../auth.ts";
import { clientAddress } from "../client-address.ts";
import { takeToken } from "../rate-limit.ts";
import { type Api, ERRORS, jsonAnswer, jsonBody, NOT_FOUND } from "./route-kit.ts";

/** Sign-in for the dashboard, API tokens, users (admins) and the audit log (admins). */
export function registerAccountRoutes(api: Api): void {
  api.openapi(
    createRoute({
      method: "post",
      path: "/auth/login",
      tags: ["Accounts"],
      summary: "Sign in with name and password: sets an HttpOnly session cookie and returns the CSRF token for writes",
      request: { body: jsonBody(z.object({ name: UserNameSchema, password: z.string().min(1).max(1024) })) },
      responses: { 200: jsonAnswer("Signed in", z.object({ user: UserSchema, csrfToken: z.string(), expiresAt: z.string() })), ...ERRORS },
    }),
    async (c) => {
      const { store, config } = c.get("deps");
      const { name, password } = c.req.valid("json");
      // Per account as well as per address: many addresses guessing one password share one allowance.
      const wait = await takeToken({ store, config }, "loginPerAccount", `account:${name.toLowerCase()}`);
      if (wait > 0) {
        c.header("retry-after", String(wait));
        throw new ApiError(429, "rate_limited", `too many sign-in attempts on this account; retry in ${wait} s`);
      }
      const user = await authenticate(store, name, password);
      const address = clientAddress(c);
      await recordAccess(store, {
        actor: name,
        action: user ? "auth.login" : "auth.login_failed",
        entity: "user",
        entityId: user?.id ?? name,
        after: { address },
      });
      if (!user) throw new ApiError(401, "unauthenticated", "wrong name or password", "password");
      const ttlMs = config.sessionTtlMinutes * 60_000;
      const session = await createSession(store, user.id, { now: store.clock(), ttlMs });
      setSessionCookies(c, session, config.secureCookies, ttlMs / 1000);
      return c.json({ user, csrfToken: session.csrfToken, expiresAt: session.expiresAt }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/auth/logout",
      tags: ["Accounts"],
      summary: "End the session (needs the X-CSRF-Token header)",
      responses: { 204: { description: "Signed out" }, ...ERRORS },
    }),
    async (c) => {
      const p = c.get("principal");
      if (p.kind === "session") await deleteSession(c.get("deps").store, p.sessionId);
      clearSessionCookies(c, c.get("deps").config.secureCookies);
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/auth/me",
      tags: ["Accounts"],
      summary: "Who the request is authenticated as (null when anonymous)",
      responses: { 200: jsonAnswer("The user or null", z.object({ user: UserSchema.nullable(), via: z.string() })) },
    }),
    (c) => c.json({ user: userOf(c), via: c.get("principal").kind }, 200),
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/tokens",
      tags: ["Accounts"],
      summary: "Your API tokens (never the secrets)",
      responses: { 200: jsonAnswer("Tokens"), ...ERRORS },
    }),
    async (c) => {
      const user = requireUser(c);
      return c.json({ tokens: await listApiTokens(c.get("deps").store, user.id) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/tokens",
      tags: ["Accounts"],
      summary: "Create an API token for yourself; the secret is shown once",
      request: { body: jsonBody(z.object({ label: z.string().trim().min(1).max(200) })) },
      responses: { 201: jsonAnswer("The token, with its secret"), ...ERRORS },
    }),
    async (c) => {
      const user = requireUser(c);
      const t = await createApiToken(c.get("deps").store, user.id, c.req.valid("json").label, user.name);
      return c.json(t, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "delete",
      path: "/tokens/{id}",
      tags: ["Accounts"],
      summary: "Revoke one of your tokens (admins: any token)",
      request: { params: z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, "a token id") }) },
      responses: { 200: jsonAnswer("The revoked token"), ...ERRORS },
    }),
    async (c) => {
      const user = requireUser(c);
      const { store } = c.get("deps");
      const { id } = c.req.valid("param");
      if (user.role !== "admin" && !(await listApiTokens(store, user.id)).some((t) => t.id === id))
        throw new ApiError(404, "not_found", `no API token ${id} of yours`, "id");
      return c.json(await revokeApiToken(store, id, user.name), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/users",
      tags: ["Accounts"],
      summary: "Every account (admins)",
      responses: { 200: jsonAnswer("Users"), ...ERRORS },
    }),
    async (c) => {
      requireUser(c, ["admin"]);
      return c.json({ users: await listUsers(c.get("deps").store) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/users",
      tags: ["Accounts"],
      summary: "Create an account (admins)",
      request: { body: jsonBody(NewUserSchema) },
      responses: { 201: jsonAnswer("The user", UserSchema), ...ERRORS, 409: { description: "The name is taken" } },
    }),
    async (c) => {
      const admin = requireUser(c, ["admin"]);
      return c.json(await createUser(c.get("deps").store, c.req.valid("json"), admin.name), 201);
    },
  );

  const UserParam = z.object({ id: z.string().uuid("a user id (GET /api/v1/users)") });
  const Password = z.string().min(12, "at least 12 characters").max(1024);

  api.openapi(
    createRoute({
      method: "patch",
      path: "/users/{id}",
      tags: ["Accounts"],
      summary: "Change an account's role, allies, or disable / enable it (admins)",
      request: {
        params: UserParam,
        body: jsonBody(
          z
            .object({
              role: RoleSchema.optional(),
              allies: z
                .array(z.string().regex(/^[A-Z]{3}$/))
                .max(40)
                .optional(),
              disabled: z.boolean().optional(),
            })
            .strict(),
        ),
      },
      responses: { 200: jsonAnswer("The user", UserSchema), ...ERRORS, ...NOT_FOUND },
    }),
    async (c) => {
      const admin = requireUser(c, ["admin"]);
      const { id } = c.req.valid("param");
      const changes = c.req.valid("json");
      if (id === admin.id && (changes.disabled === true || (changes.role !== undefined && changes.role !== "admin")))
        throw new ApiError(409, "conflict", "an admin cannot disable or demote their own account", "id");
      return c.json(await updateUser(c.get("deps").store, id, changes, admin.name), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "put",
      path: "/users/{id}/password",
      tags: ["Accounts"],
      summary: "Set an account's password (admins); its sessions end",
      request: { params: UserParam, body: jsonBody(z.object({ password: Password })) },
      responses: { 204: { description: "Set" }, ...ERRORS, ...NOT_FOUND },
    }),
    async (c) => {
      const admin = requireUser(c, ["admin"]);
      await setPassword(c.get("deps").store, c.req.valid("param").id, c.req.valid("json").password, admin.name);
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/auth/password",
      tags: ["Accounts"],
      summary: "Change your own password (the current one is required); every session of yours ends",
      request: { body: jsonBody(z.object({ currentPassword: z.string().min(1).max(1024), newPassword: Password })) },
      responses: { 204: { description: "Changed; sign in again" }, ...ERRORS },
    }),
    async (c) => {
      const user = requireUser(c);
      const { store, config } = c.get("deps");
      const { currentPassword, newPassword } = c.req.valid("json");
      if (!(await authenticate(store, user.name, currentPassword)))
        throw new ApiError(403, "forbidden", "the current password is wrong", "currentPassword");
      await setPassword(store, user.id, newPassword, user.name);
      clearSessionCookies(c, config.secureCookies);
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/users/{id}/sessions",
      tags: ["Accounts"],
      summary: "An account's open sessions (admins)",
      request: { params: UserParam },
      responses: { 200: jsonAnswer("Sessions"), ...ERRORS, ...NOT_FOUND },
    }),
    async (c) => {
      requireUser(c, ["admin"]);
      const { store } = c.get("deps");
      const { id } = c.req.valid("param");
      if (!(await getUser(store, id))) throw new ApiError(404, "not_found", `no user ${id}`, "id");
      return c.json({ sessions: await listUserSessions(store, id, store.clock()) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "delete",
      path: "/users/{id}/sessions",
      tags: ["Accounts"],
      summary: "End every session of an account (admins)",
      request: { params: UserParam },
      responses: { 200: jsonAnswer("How many ended"), ...ERRORS, ...NOT_FOUND },
    }),
    async (c) => {
      const admin = requireUser(c, ["admin"]);
      const { store } = c.get("deps");
      const { id } = c.req.valid("param");
      if (!(await getUser(store, id))) throw new ApiError(404, "not_found", `no user ${id}`, "id");
      const ended = await deleteUserSessions(store, id);
      await recordAccess(store, { actor: admin.name, action: "user.sessions_end", entity: "user", entityId: id, after: { ended } });
      return c.json({ ended }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/sessions/purge",
      tags: ["Accounts"],
      summary: "Delete every expired session (admins)",
      responses: { 200: jsonAnswer("How many were deleted"), ...ERRORS },
    }),
    async (c) => {
      const admin = requireUser(c, ["admin"]);
      const { store } = c.get("deps");
      const deleted = await deleteExpiredSessions(store, store.clock());
      await recordAccess(store, {
        actor: admin.name,
        action: "sessions.purge",
        entity: "session",
        entityId: "expired",
        after: { deleted },
      });
      return c.json({ deleted }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/audit",
      tags: ["Accounts"],
      summary: "The audit log of every write: who, when, what, before and after (admins), newest first",
      request: {
        query: z.object({
          entity: z.string().max(40).optional(),
          entityId: z.string().max(80).optional(),
          actor: z.string().max(80).optional(),
          beforeId: z.coerce.number().int().min(1).max(MAX_INT32).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
      responses: { 200: jsonAnswer("One page of entries"), ...ERRORS },
    }),
    async (c) => {
      requireUser(c, ["admin"]);
      const q = c.req.valid("query");
      const filter = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined));
      return c.json(await listAudit(c.get("deps").store, filter), 200);
    },
  );
}
