/**
 * Optimistic concurrency for plan versions over HTTP: `GET /plans/{id}` sends the latest version as an
 * entity tag (`ETag: "POL-2025.v3"`), and a write that sends it back in `If-Match` is applied only if
 * that is still the latest version, else `412 Precondition Failed` (RFC 9110 §13.1.1). Two editors who
 * both opened version 3 can then never silently overwrite each other: the second gets 412 and reloads.
 */
import { z } from "@hono/zod-openapi";
import { StoreError } from "../store/index.ts";
import { ApiError } from "./api-error.ts";

export const planEtag = (v: { planId: string; version: number }): string => `"${v.planId}.v${v.version}"`;

export const IfMatchHeaders = z.object({
  "if-match": z
    .string()
    .max(200)
    .optional()
    .describe('The ETag of the version the change was made from (`"POL-2025.v3"`), or `*`; a plan since changed answers 412'),
});

/** The version `If-Match` requires, or undefined when absent or `*` (any current version). */
export function versionFromIfMatch(header: string | undefined, planId: string): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === "*") return undefined;
  // Strong comparison only (If-Match never matches a weak W/ tag); one tag, as this API hands out.
  const m = /^"([A-Z]{3}-\d{4})\.v(\d{1,9})"$/.exec(value);
  if (!m)
    throw new ApiError(
      400,
      "invalid",
      `If-Match: expected one entity tag such as "${planId}.v1" or *, got ${JSON.stringify(value.slice(0, 60))}`,
      "If-Match",
    );
  if (m[1] !== planId) throw new ApiError(412, "precondition_failed", `If-Match names plan ${m[1]}, not ${planId}`, "If-Match");
  return Number(m[2]);
}

/** Runs a write under `If-Match`: the store's version conflict becomes 412 naming the header. */
export async function underIfMatch<T>(expected: number | undefined, write: (expected: number | undefined) => Promise<T>): Promise<T> {
  try {
    return await write(expected);
  } catch (error) {
    if (expected !== undefined && error instanceof StoreError && error.code === "conflict" && error.field === "expectedVersion")
      throw new ApiError(
        412,
        "precondition_failed",
        `${error.message.replace(/^expectedVersion: /, "")} (If-Match): reload the plan and apply the change to its latest version`,
        "If-Match",
      );
    throw error;
  }
}
