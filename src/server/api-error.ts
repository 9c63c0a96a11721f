import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ParameterError } from "../core/parameter-error.ts";
import { WorkbookLimitError } from "../data/workbook/bounded-xlsx.ts";
import { isDatabaseUnavailable, StoreError } from "../store/store-error.ts";

/** The one error body every endpoint answers with: a code, a message for people, and the field to blame. */
export interface ApiErrorBody {
  error: { code: string; message: string; field?: string; issues?: { field: string; message: string }[] };
}

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly issues?: { field: string; message: string }[],
  ) {
    super(message);
  }
}

const STORE_STATUS: Record<StoreError["code"], ContentfulStatusCode> = {
  invalid: 400,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  unavailable: 503,
};

/** What a client is told to wait when the database is unavailable. */
export const RETRY_AFTER_SECONDS = 2;

/** Maps what the core and the store throw to a status; anything else is a 500 with no detail (logged, never sent). */
export function errorResponse(c: Context, e: unknown, log: (line: string) => void): Response {
  let status: ContentfulStatusCode = 500;
  let body: ApiErrorBody;
  if (e instanceof ApiError) {
    status = e.status;
    body = {
      error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}), ...(e.issues ? { issues: e.issues } : {}) },
    };
  } else if (e instanceof ParameterError) {
    status = 400;
    body = { error: { code: "invalid", message: e.message, field: e.field } };
  } else if (e instanceof WorkbookLimitError) {
    // A workbook that unpacks to more than the server reads (a zip bomb, a sheet too wide or too long).
    status = 413;
    body = { error: { code: "too_large", message: `the uploaded workbook: ${e.message}`, field: "body" } };
  } else if (isDatabaseUnavailable(e)) {
    // A database restart, failover or a held SQLite file: the client should simply come back.
    status = 503;
    c.header("retry-after", String(RETRY_AFTER_SECONDS));
    const detail = e instanceof StoreError ? e.message : "the database is unavailable";
    if (!(e instanceof StoreError)) log(`database unavailable on ${c.req.method} ${new URL(c.req.url).pathname}: ${(e as Error).message}`);
    body = { error: { code: "unavailable", message: `${detail}; retry in ${RETRY_AFTER_SECONDS} s` } };
  } else if (e instanceof StoreError) {
    status = STORE_STATUS[e.code];
    body = {
      error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}), ...(e.issues.length ? { issues: e.issues } : {}) },
    };
  } else {
    const id = crypto.randomUUID();
    log(`error ${id} ${c.req.method} ${new URL(c.req.url).pathname}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    body = { error: { code: "internal", message: `internal error (reference ${id})` } };
  }
  return c.json(body, status);
}
