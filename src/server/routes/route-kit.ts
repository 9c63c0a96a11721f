import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ApiError } from "../api-error.ts";
import { clientKey } from "../auth.ts";
import { clientAddress } from "../client-address.ts";
import { takeToken } from "../rate-limit.ts";
import { type AnswerBytes, cachedHeaders, cachedOr } from "../response-cache.ts";
import type { AppEnv } from "../server-env.ts";
import { encodeTable, negotiate, type Table, XLSX_TYPE } from "../tabular.ts";

export type Api = OpenAPIHono<AppEnv>;

export const ErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
    issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});

const errorContent = { "application/json": { schema: ErrorSchema } };
/** The error answers every endpoint may give, declared once for the OpenAPI document. */
export const ERRORS = {
  400: { description: "A parameter or the body is invalid; `error.field` names it", content: errorContent },
  401: { description: "Credentials are needed or were refused", content: errorContent },
  403: { description: "The role, the ally or the CSRF token does not allow this", content: errorContent },
  429: { description: "Too many requests; see Retry-After", content: errorContent },
} as const;
export const NOT_FOUND = { 404: { description: "No such record", content: errorContent } } as const;

/** Any JSON object, for answers whose shape the route's own types already fix. */
export const AnyJson = z.object({}).passthrough();
/** A required JSON body validated by `schema` (without `required`, a body of another type would skip validation). */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } }, required: true });
export const jsonAnswer = (description: string, schema: z.ZodType = AnyJson) => ({
  description,
  content: { "application/json": { schema } },
});

/** The query every file upload takes: a plain name for messages (never a path), and a dry run. */
export const UploadQuery = {
  file: z
    .string()
    .max(120)
    .regex(/^[\w. -]+$/, "a plain file name (letters, digits, dot, dash, space), used only in messages")
    .default("upload"),
  dryRun: z.enum(["true", "false"]).default("false"),
};

/** An uploaded CSV or XLSX file (the body itself), refused with 415 or 400 when it is neither or empty. */
export async function readUpload(c: Context<AppEnv>): Promise<{ kind: "csv" | "xlsx"; body: Uint8Array }> {
  const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim();
  const kind = type === "text/csv" ? "csv" : type === XLSX_TYPE ? "xlsx" : null;
  if (!kind) throw new ApiError(415, "unsupported_media_type", `content-type must be text/csv or ${XLSX_TYPE}`, "content-type");
  const body = new Uint8Array(await c.req.arrayBuffer());
  if (body.length === 0) throw new ApiError(400, "invalid", "the request body is empty: send the CSV or XLSX file", "body");
  return { kind, body };
}

/** Problems an import's error answer lists; the rest are counted (the store stops reading at 1,000). */
export const MAX_REPORTED_ISSUES = 100;

export interface ReportedIssue {
  file: string;
  row: number;
  column: string;
  reason: string;
}

/**
 * The error answer of a refused import: the first 100 problems (in `error.issues` and, with file and
 * row as fields, in `report`), how many were found, and where reading stopped when it did.
 */
export function importReport(
  c: Context<AppEnv>,
  imported: { file: string; issues: ReportedIssue[]; stoppedAtRow?: number },
  status: 400 | 409,
  field: (i: ReportedIssue) => string,
): Response {
  const shown = imported.issues.slice(0, MAX_REPORTED_ISSUES);
  const count = imported.issues.length;
  const stopped = imported.stoppedAtRow === undefined ? "" : `; reading stopped after row ${imported.stoppedAtRow}`;
  const more = count > shown.length ? ` (the first ${shown.length} are listed)` : "";
  return c.json(
    {
      error: {
        code: status === 409 ? "conflict" : "invalid",
        message: `${imported.file}: ${imported.stoppedAtRow === undefined ? "" : "at least "}${count} problem(s)${more}${stopped}; nothing imported`,
        field: shown[0] ? field(shown[0]) : "body",
        issues: shown.map((i) => ({ field: field(i), message: i.reason })),
      },
      report: shown,
      issueCount: count,
      truncated: count > shown.length || imported.stoppedAtRow !== undefined,
      ...(imported.stoppedAtRow === undefined ? {} : { stoppedAtRow: imported.stoppedAtRow }),
    },
    status,
  );
}

/**
 * Runs an upload's parsing when fewer than maxConcurrentImports are running, else answers 503 with
 * Retry-After: the CPU and memory that imports take at once is bounded whatever clients send.
 */
export async function withImportSlot<T>(c: Context<AppEnv>, work: () => Promise<T>): Promise<T> {
  const deps = c.get("deps");
  if (deps.imports.running >= deps.config.maxConcurrentImports) {
    c.header("retry-after", "2");
    throw new ApiError(503, "busy", "the server is reading as many uploads as it allows; retry shortly");
  }
  deps.imports.running++;
  try {
    return await work();
  } finally {
    deps.imports.running--;
  }
}

export const FormatQuery = z
  .enum(["json", "csv", "xlsx"])
  .optional()
  .describe("json (default), csv or xlsx; the Accept header is used when absent");
const Year = z.string().regex(/^\d{4}$/, "a four-digit year");
export const YearQuery = Year.optional().describe("calendar year (default: the vintage's latest)");
export const VintageQuery = z.string().max(40).optional().describe("vintage id, e.g. 2024-06 (default: the newest official NATO release)");
export const AllyQuery = z.string().min(1).max(64).describe("ISO3, ISO2 or English name, case-insensitive");
export const IndicatorQuery = z.string().min(1).max(64).describe("indicator id (GET /api/v1/indicators)");

/** The three representations of a tabular answer, for the OpenAPI document. */
export const tabularContent = (schema: z.ZodType) => ({
  "application/json": { schema },
  "text/csv": { schema: z.string() },
  [XLSX_TYPE]: { schema: z.string().describe("binary XLSX workbook") },
});

/**
 * What a table answer costs against the read limit, in requests: one, plus one per 500 rows of JSON or
 * CSV, plus one per 20 rows of XLSX (a 10,000-row workbook takes about 0.7 s of CPU to build, as much
 * as hundreds of ordinary reads). Answers served from the response cache cost one.
 */
export function tableCost(rows: number, format: "json" | "csv" | "xlsx"): number {
  return 1 + Math.floor(rows / (format === "xlsx" ? 20 : 500));
}

/** Workbooks built at once; more get 503 busy (each is CPU-heavy). */
const MAX_CONCURRENT_WORKBOOKS = 2;

/** Answers a table in the format the client asked for, after charging its cost to the read limit. */
export async function respondTable(c: Context<AppEnv>, table: Table, extra: Record<string, unknown> = {}): Promise<Response> {
  const format = negotiate(c);
  const cost = tableCost(table.rows.length, format);
  const deps = c.get("deps");
  const perMinute = deps.config.rateLimits.read;
  if (cost > 1 && perMinute > 1) {
    // The rate-limit middleware took one already; an answer dearer than a whole minute's allowance
    // needs a full bucket (it is never refused forever).
    const wait = await takeToken(deps, "read", `read:${clientKey(c, clientAddress(c))}`, Math.min(cost - 1, perMinute - 1));
    if (wait > 0) {
      c.header("retry-after", String(wait));
      throw new ApiError(
        429,
        "rate_limited",
        `this answer costs ${cost} reads (${table.rows.length} rows as ${format}); retry in ${wait} s`,
      );
    }
  }
  if (format === "xlsx" && deps.workbooks.running >= MAX_CONCURRENT_WORKBOOKS) {
    c.header("retry-after", "1");
    throw new ApiError(503, "busy", "the server is building as many workbooks as it allows; retry shortly");
  }
  if (format === "xlsx") deps.workbooks.running++;
  let encoded: Awaited<ReturnType<typeof encodeTable>>;
  try {
    encoded = await encodeTable(table, format, extra);
  } finally {
    if (format === "xlsx") deps.workbooks.running--;
  }
  const { body, type } = encoded;
  const headers: Record<string, string> = { "content-type": type };
  if (format !== "json") headers["content-disposition"] = `attachment; filename="${table.name}.${format}"`;
  return new Response(body as BodyInit, { status: 200, headers });
}

/**
 * Compute endpoints are pure functions of their validated input (simulations are seeded), so a repeat
 * of the same request is answered from a bounded cache instead of being computed again.
 */
export async function memoised(
  c: Context<AppEnv>,
  input: unknown,
  produce: () => Response | AnswerBytes | Promise<Response | AnswerBytes>,
): Promise<Response> {
  const cache = c.get("deps").computeCache;
  const key = `${c.req.path}|${negotiate(c)}|${JSON.stringify(input)}`;
  const answer = await cachedOr(cache, key, async () => produce());
  if (answer instanceof Response) return answer;
  return new Response(answer.body as Uint8Array<ArrayBuffer>, { status: 200, headers: cachedHeaders(answer) });
}

/** What a Monte Carlo route answers past its limits (POST /simulations, POST /forecasts). */
export const SIMULATION_LIMITS = {
  413: { description: "More paths than this server allows" },
  503: { description: "Too many simulations running, or the time limit was reached" },
} as const;

/** Refuses more paths than the server runs (413), pointing to the CLI command that has no such limit. */
export function checkSimulationPaths(config: { maxSimulationPaths: number }, paths: number, cliCommand: string): void {
  if (paths > config.maxSimulationPaths)
    throw new ApiError(
      413,
      "too_large",
      `paths: ${paths} is more than this server runs (${config.maxSimulationPaths}); use the CLI (${cliCommand}) for larger runs`,
      "paths",
    );
}

/** What an upload route answers past its limits (readUpload's bytes and workbook reader, withImportSlot). */
export const UPLOAD_LIMITS = {
  413: { description: "The file, or the workbook unpacked, is larger than the server accepts" },
  503: { description: "As many uploads as the server reads at once are being read; see Retry-After" },
} as const;
