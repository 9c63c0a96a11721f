import { apiUrl } from "./data.ts";

/**
 * The dashboard's session with the Pledge API: sign-in, sign-out, who is signed in, and the one
 * request helper every write goes through (same-origin cookies plus the X-CSRF-Token header).
 * Deliberately free of zod and the model's schemas: this file is part of the first load.
 */

export type Role = "admin" | "editor" | "reader";

export interface SessionUser {
  id: string;
  name: string;
  role: Role;
  allies: string[];
  createdAt: string;
  disabled: boolean;
}

/** An answer of the API that is not a success, with the API's own message and the field to blame. */
export class ApiFailure extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly field: string | null,
    /** Seconds, from Retry-After on 429. */
    readonly retryAfter: number | null = null,
    /** Every validation issue of a 400 answer (`error.issues`). */
    readonly issues?: { field: string; message: string }[],
  ) {
    super(message);
    this.name = "ApiFailure";
  }
}

export const CSRF_COOKIE = "pledge_csrf";
export const CSRF_HEADER = "X-CSRF-Token";

/** The value of a readable cookie of this page (document.cookie), or null. */
export function readCookie(name: string, cookies: string = document.cookie): string | null {
  for (const part of cookies.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return null;
}

/** Turns an unsuccessful response into an ApiFailure carrying the API's `error.message` and `error.field`. */
export async function failureOf(res: Response): Promise<ApiFailure> {
  let code = "http";
  let message = `HTTP ${res.status}`;
  let field: string | null = null;
  let issues: { field: string; message: string }[] | undefined;
  try {
    const body = (await res.json()) as {
      error?: { code?: string; message?: string; field?: string; issues?: { field: string; message: string }[] };
    };
    if (Array.isArray(body.error?.issues)) issues = body.error.issues;
    if (body.error?.message) message = body.error.message;
    if (body.error?.code) code = body.error.code;
    if (body.error?.field) field = body.error.field;
  } catch {
    // Not JSON: keep the status.
  }
  const retry = res.headers.get("retry-after");
  const retryAfter = retry !== null && /^\d+$/.test(retry) ? Number(retry) : null;
  if (res.status === 429 && retryAfter !== null && !/retry/i.test(message)) message = `${message} (retry in ${retryAfter} s)`;
  return new ApiFailure(message, res.status, code, field, retryAfter, issues);
}

/**
 * A JSON request to `./api/v1/<path>`. Writes (anything but GET) send the JSON body and the session's
 * CSRF token from the `pledge_csrf` cookie; without that header the server refuses a cookie-authenticated write.
 */
export async function apiJson<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<T> {
  const method = init.method ?? (init.body === undefined ? "GET" : "POST");
  const headers: Record<string, string> = { ...init.headers, accept: "application/json" };
  if (method !== "GET" && method !== "HEAD") {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }
  let body: string | undefined;
  if (init.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(init.body);
  }
  const res = await fetch(apiUrl(path), {
    method,
    headers,
    credentials: "same-origin",
    ...(body !== undefined ? { body } : {}),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  if (!res.ok) throw await failureOf(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export async function signIn(name: string, password: string): Promise<SessionUser> {
  const r = await apiJson<{ user: SessionUser; csrfToken: string }>("auth/login", { method: "POST", body: { name, password } });
  return r.user;
}

export async function signOut(): Promise<void> {
  await apiJson<void>("auth/logout", { method: "POST" });
}

/** Who the browser's session cookie belongs to; null when anonymous (or when the API cannot say). */
export async function whoAmI(): Promise<SessionUser | null> {
  try {
    return (await apiJson<{ user: SessionUser | null }>("auth/me")).user;
  } catch {
    return null;
  }
}

/** Admins edit every ally's plans, editors only their own allies' (the server's canEditAlly, without zod). */
export function canEdit(user: SessionUser | null, ally: string): boolean {
  if (!user || user.disabled) return false;
  if (user.role === "admin") return true;
  return user.role === "editor" && user.allies.includes(ally);
}

export function describeUser(u: SessionUser): string {
  const allies = u.role === "admin" ? "all allies" : u.allies.length ? u.allies.join(", ") : "no allies";
  return `${u.role}, ${allies}`;
}
