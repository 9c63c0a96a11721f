import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { recordAccess } from "../store/index.ts";
import { ApiError, errorResponse } from "./api-error.ts";
import { clientKey, identify, requireReader } from "./auth.ts";
import { clientAddress } from "./client-address.ts";
import { renderDocsPage } from "./docs-page.ts";
import { takeToken } from "./rate-limit.ts";
import { cachedHeaders, cachedOr, type ResponseCache } from "./response-cache.ts";
import { registerAccountRoutes } from "./routes/account-routes.ts";
import { registerAffordabilityRoutes } from "./routes/affordability-routes.ts";
import { registerAidRoutes } from "./routes/aid-routes.ts";
import { registerClaimRoutes } from "./routes/claim-routes.ts";
import { registerClassificationRoutes } from "./routes/classification-routes.ts";
import { registerComputeRoutes } from "./routes/compute-routes.ts";
import { registerDataRoutes } from "./routes/data-routes.ts";
import { registerForecastRoutes } from "./routes/forecast-routes.ts";
import { registerPlanRoutes } from "./routes/plan-routes.ts";
import { registerVintageImportRoutes } from "./routes/vintage-import-routes.ts";
import type { AppEnv, ServerDeps } from "./server-env.ts";
import { loadSite, type StaticFile, serveStatic, staticFile } from "./static-site.ts";
import { storableInput } from "./storable-input.ts";
import { negotiate } from "./tabular.ts";

export const API_PREFIX = "/api/v1";
const VERSION = "0.1.0";

/** Reads whose answer depends only on the bundled data and the URL: answered from the response cache. */
const CACHED_READS =
  /^\/api\/v1\/(allies|indicators|vintages|sources|observations|compliance|aggregates|rankings|revisions|comparisons|scenarios\/presets)$/;
// Budget classifications take a file too, so they get the import body limit.
const IMPORTS = /^\/api\/v1\/((plans|vintages)\/import|vintages\/import-release|classifications)$/;
const COMPUTE = /^\/api\/v1\/(pathways|scenarios\/run|simulations|classifications|claims\/check)$/;
/** Computations asked for with GET (their parameters fit a query string): limited as computations, not reads. */
const GET_COMPUTE = /^\/api\/v1\/(affordability|burden)$/;

function rateLimits(deps: ServerDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const path = c.req.path;
    const method = c.req.method;
    const address = clientAddress(c);
    let wait: number;
    // Liveness is never limited: a balancer's probe must not be refused, nor wait for the database.
    if (path === `${API_PREFIX}/health`) return next();
    if (path === `${API_PREFIX}/auth/login`) wait = await takeToken(deps, "login", `ip:${address}`);
    else {
      const kind = GET_COMPUTE.test(path)
        ? "compute"
        : method === "GET" || method === "HEAD"
          ? "read"
          : COMPUTE.test(path)
            ? "compute"
            : "write";
      wait = await takeToken(deps, kind, `${kind}:${clientKey(c, address)}`);
    }
    if (wait > 0) {
      c.header("retry-after", String(wait));
      throw new ApiError(429, "rate_limited", `too many requests; retry in ${wait} s`);
    }
    await next();
  };
}

function responseCache(cache: ResponseCache): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== "GET" || !CACHED_READS.test(c.req.path)) return next();
    const key = `${c.req.url}|${negotiate(c)}`;
    const cacheControl = c.get("deps").config.publicReads ? "public, max-age=60" : "private, max-age=60";
    const answer = await cachedOr(cache, key, async () => {
      await next();
      return c.res;
    });
    if (answer instanceof Response) return;
    const headers = { ...cachedHeaders(answer), etag: answer.etag, "cache-control": cacheControl };
    c.res =
      c.req.header("if-none-match") === answer.etag
        ? new Response(null, { status: 304, headers })
        : new Response(answer.body as Uint8Array<ArrayBuffer>, { status: 200, headers });
  };
}

function tooLarge(limit: number) {
  return (c: Context): Response => {
    // The rest of the body is never read: the connection cannot be reused for another request.
    c.header("connection", "close");
    throw new ApiError(413, "too_large", `the request body is larger than ${limit} bytes`, "body");
  };
}

/**
 * The whole HTTP surface: API under /api/v1, its OpenAPI document and docs page, the dataset bundle
 * and the built dashboard. Routes are thin: they validate, call src/core or src/store, and encode.
 */
export function createApp(deps: ServerDeps): OpenAPIHono<AppEnv> {
  const { config, log } = deps;
  const app = new OpenAPIHono<AppEnv>({
    // Every validation failure becomes the one error shape, naming the first offending field.
    defaultHook: (result, c) => {
      if (result.success) return;
      const issues = result.error.issues.map((i) => ({ field: i.path.join(".") || result.target, message: i.message }));
      const first = issues[0] as { field: string; message: string };
      return c.json({ error: { code: "invalid", message: `${first.field}: ${first.message}`, field: first.field, issues } }, 400);
    },
  });

  app.onError((e, c) => {
    if (e instanceof HTTPException && !(e instanceof ApiError)) {
      const malformed = /json/i.test(e.message);
      const media = e.status === 415;
      const code = malformed ? "malformed_json" : media ? "unsupported_media_type" : "invalid";
      const message = malformed ? "the body is not valid JSON" : media ? "send the body as application/json" : e.message;
      return c.json({ error: { code, message, field: media ? "content-type" : "body" } }, e.status);
    }
    return errorResponse(c, e, log);
  });

  app.use("*", async (c, next) => {
    c.set("deps", deps);
    await next();
  });
  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        workerSrc: ["'self'", "blob:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      crossOriginEmbedderPolicy: false,
    }),
  );

  app.use(`${API_PREFIX}/*`, async (c, next) => {
    await next();
    // Refused writes go to the audit log too (failed sign-ins are recorded by the sign-in itself).
    const status = c.res.status;
    if ((status !== 401 && status !== 403) || c.req.method === "GET" || c.req.method === "HEAD") return;
    if (c.req.path === `${API_PREFIX}/auth/login`) return;
    const p = c.get("principal");
    await recordAccess(deps.store, {
      actor: p && p.kind !== "anonymous" ? p.user.name : "anonymous",
      action: "write.refused",
      entity: "request",
      entityId: `${c.req.method} ${c.req.path}`,
      after: { status, address: clientAddress(c) },
    }).catch((e: unknown) => log(`could not record a refused write: ${e instanceof Error ? e.message : String(e)}`));
  });

  const api = new OpenAPIHono<AppEnv>({ defaultHook: app.defaultHook });
  api.use("*", identify());
  api.use("*", rateLimits(deps));
  api.use("*", async (c, next) => {
    // Health and sign-in stay open so that a private server can still be signed in to.
    if (c.req.path === `${API_PREFIX}/health` || c.req.path.startsWith(`${API_PREFIX}/auth/`)) return next();
    return requireReader()(c, next);
  });
  const importLimit = bodyLimit({ maxSize: config.maxImportBytes, onError: tooLarge(config.maxImportBytes) });
  const jsonLimit = bodyLimit({ maxSize: config.maxBodyBytes, onError: tooLarge(config.maxBodyBytes) });
  api.use("*", async (c, next) => {
    // Only methods with a body: looking at a GET's body would build a full fetch Request for nothing.
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const importing = IMPORTS.test(c.req.path);
    // With a Content-Length and no Transfer-Encoding, Node's parser never delivers more than the
    // declared bytes, so the declared length decides, and the body is left to the adapter's fast
    // read. Counting it as a stream (hono's bodyLimit, kept for chunked bodies) builds a full fetch
    // Request first: measured, a sixth of the time of a POST /pathways.
    const declared = c.req.header("content-length");
    if (declared !== undefined && c.req.header("transfer-encoding") === undefined) {
      const limit = importing ? config.maxImportBytes : config.maxBodyBytes;
      if (!/^\d{1,15}$/.test(declared) || Number(declared) > limit) return tooLarge(limit)(c);
      return next();
    }
    return (importing ? importLimit : jsonLimit)(c, next);
  });
  api.use("*", storableInput());
  api.use("*", responseCache(deps.readCache));
  api.openapi(
    createRoute({
      method: "get",
      path: "/health",
      tags: ["Server"],
      summary: "Liveness: the version, the database in use, and whether reads need an account (open even on a private server)",
      responses: {
        200: {
          description: "The server is up",
          content: {
            "application/json": {
              schema: z.object({
                status: z.literal("ok"),
                version: z.string(),
                database: z.enum(["sqlite", "postgres"]),
                publicReads: z.boolean(),
              }),
            },
          },
        },
      },
    }),
    (c) => c.json({ status: "ok" as const, version: VERSION, database: deps.store.dialect, publicReads: config.publicReads }, 200),
  );
  registerDataRoutes(api);
  registerAidRoutes(api);
  registerComputeRoutes(api);
  registerAffordabilityRoutes(api);
  registerForecastRoutes(api);
  registerClaimRoutes(api);
  registerPlanRoutes(api);
  registerAccountRoutes(api);
  registerVintageImportRoutes(api);
  registerClassificationRoutes(api);
  api.notFound((c) => c.json({ error: { code: "not_found", message: `no endpoint ${c.req.method} ${c.req.path}` } }, 404));
  app.route(API_PREFIX, api);
  // A sub-app's notFound is not used once it is mounted: methods no route answers (DELETE /api/v1/allies,
  // POST /x) end here, and get the one JSON error shape too.
  app.notFound((c) => c.json({ error: { code: "not_found", message: `no endpoint ${c.req.method} ${c.req.path}` } }, 404));

  const doc = app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Pledge API",
      version: VERSION,
      description:
        "NATO allies' defence spending against the alliance's guidelines: official figures by vintage, compliance, pathways to the Hague 2035 targets, scenarios, Monte Carlo, and the registry of annual plans. Tabular endpoints answer JSON, CSV or XLSX (?format= or Accept). Writes need an API token (Authorization: Bearer) or a dashboard session with the X-CSRF-Token header.",
    },
    servers: [{ url: "/" }],
  });
  doc.components = {
    ...doc.components,
    securitySchemes: {
      bearer: { type: "http", scheme: "bearer", description: "pledge token create <user>" },
      session: { type: "apiKey", in: "cookie", name: "pledge_session" },
    },
  };
  const files = new Map<string, StaticFile>([
    ["/openapi.json", staticFile(new TextEncoder().encode(JSON.stringify(doc)), "openapi.json", "no-cache")],
    ["/docs", staticFile(new TextEncoder().encode(renderDocsPage(doc as never)), "docs.html", "no-cache")],
  ]);
  // Rebuilt only when an import replaced the bundle.
  let dataset = staticFile(deps.datasetJson, "dataset.json", "no-cache");
  let datasetFrom = deps.datasetJson;
  const site = loadSite(config.webDir);

  app.get("/dataset.json", identify(), requireReader(), (c) => {
    if (datasetFrom !== deps.datasetJson) {
      dataset = staticFile(deps.datasetJson, "dataset.json", "no-cache");
      datasetFrom = deps.datasetJson;
    }
    return serveStatic(dataset, c.req);
  });
  app.on(["GET", "HEAD"], "*", (c) => {
    const path = c.req.path;
    if (path === "/api" || path.startsWith("/api/"))
      return c.json({ error: { code: "not_found", message: `no endpoint ${c.req.method} ${path}` } }, 404);
    const own = files.get(path) ?? site.get(path === "/" ? "/index.html" : path);
    if (own) return serveStatic(own, c.req);
    const index = site.get("/index.html");
    // The dashboard routes in the browser: paths without a file extension are its pages.
    if (index && !/\.[a-z0-9]+$/i.test(path)) return serveStatic(index, c.req);
    if (path === "/")
      return c.html(
        '<!doctype html><meta charset="utf-8"><title>Pledge</title><p>The dashboard is not built (npm run build). The API is at <a href="/docs">/docs</a>.</p>',
      );
    return c.json({ error: { code: "not_found", message: `no file ${path}` } }, 404);
  });
  return app;
}
