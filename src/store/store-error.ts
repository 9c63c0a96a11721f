import type { z } from "zod";

/**
 * An error the store reports as a value with a code, a human message and, where one is to blame, the
 * field (dotted path) or the file and row. The edge (CLI, server) decides how to show it; no stack
 * trace or SQL text is ever part of the message.
 */
export type StoreErrorCode = "invalid" | "not_found" | "conflict" | "forbidden" | "unavailable";

export interface FieldIssue {
  field: string;
  message: string;
}

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly field?: string,
    /** Every problem found, for input that failed validation. */
    readonly issues: FieldIssue[] = [],
  ) {
    super(field ? `${field}: ${message}` : message);
    this.name = "StoreError";
  }
}

/** Dotted path of a zod issue: `years.3.corePct`. */
export function issuePath(path: readonly PropertyKey[], prefix = ""): string {
  const joined = path.map(String).join(".");
  return prefix && joined ? `${prefix}.${joined}` : prefix || joined || "(root)";
}

/** A failed zod parse as one StoreError naming the first field and listing every issue. */
export function invalidInput(error: z.ZodError, what: string, prefix = ""): StoreError {
  const issues = error.issues.map((i) => ({ field: issuePath(i.path, prefix), message: i.message }));
  const first = issues[0] ?? { field: prefix || "(root)", message: "invalid" };
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  return new StoreError("invalid", `${first.message}${more} in ${what}`, first.field, issues);
}

/** Contention a transaction may simply run again: SQLite busy/locked, PostgreSQL serialization/deadlock. */
export function isRetryable(error: unknown): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? "");
  return code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED") || code === "40001" || code === "40P01";
}

/** Unique or primary-key violation, in either dialect (SQLite's SQLITE_CONSTRAINT_*, PostgreSQL's 23505). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE";
}

const LOST_CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);

/**
 * The database cannot be reached or is going away (a PostgreSQL restart or failover, SQLite held by a
 * restore): the request may be retried later, so the edge answers 503 with Retry-After, never 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof StoreError) return error.code === "unavailable";
  const code = String((error as { code?: unknown } | null)?.code ?? "");
  if (LOST_CONNECTION_CODES.has(code)) return true;
  // SQLSTATE class 08 (connection exception), 57P01-57P03 (admin/crash shutdown, cannot connect now), 53300 (too many connections).
  if (/^08[0-9A-Z]{3}$/.test(code) || /^57P0[123]$/.test(code) || code === "53300") return true;
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return true;
  const message = error instanceof Error ? error.message : "";
  return /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|the database system is (starting up|shutting down|in recovery mode)|Client was closed and is not queryable/i.test(
    message,
  );
}
