import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, extname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export interface StaticFile {
  body: Uint8Array;
  gzip: Uint8Array | null;
  type: string;
  etag: string;
  cacheControl: string;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

const MAX_SITE_BYTES = 100_000_000;

/** The built dashboard: web/dist above this module (from src/ or from the dist/ bundle), if built. */
export function findWebDist(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, "web", "dist");
    if (existsSync(join(candidate, "index.html"))) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

export function staticFile(body: Uint8Array, name: string, cacheControl: string): StaticFile {
  const type = TYPES[extname(name)] ?? "application/octet-stream";
  const compressible = /text|json|javascript|svg/.test(type) && body.length > 1024;
  return {
    body,
    gzip: compressible ? new Uint8Array(gzipSync(body, { level: 9 })) : null,
    type,
    etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`,
    cacheControl,
  };
}

/**
 * The built dashboard, read into memory once at start-up. Requests are answered from this map only,
 * so no request path ever reaches the file system: path traversal has nothing to traverse.
 */
export function loadSite(dir: string | undefined): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  if (!dir || !existsSync(join(dir, "index.html"))) return files;
  let total = 0;
  for (const entry of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    const full = join(dir, entry);
    if (!statSync(full).isFile()) continue;
    const body = new Uint8Array(readFileSync(full));
    total += body.length;
    if (total > MAX_SITE_BYTES) throw new Error(`${dir}: the site is larger than ${MAX_SITE_BYTES / 1e6} MB`);
    const path = `/${relative(dir, full).split(sep).join("/")}`;
    // Vite names assets by content hash: they never change, so they may be cached for a year.
    const immutable = path.startsWith("/assets/") && /-[A-Za-z0-9_-]{8,}\./.test(path);
    files.set(path, staticFile(body, path, immutable ? "public, max-age=31536000, immutable" : "no-cache"));
  }
  return files;
}

/** 304 when the client holds the same version; gzip when it accepts it. */
export function serveStatic(f: StaticFile, req: { header(name: string): string | undefined; method: string }): Response {
  const headers = new Headers({ "content-type": f.type, etag: f.etag, "cache-control": f.cacheControl, vary: "accept-encoding" });
  if (req.header("if-none-match") === f.etag) return new Response(null, { status: 304, headers });
  const gzip = f.gzip && /\bgzip\b/.test(req.header("accept-encoding") ?? "");
  if (gzip) headers.set("content-encoding", "gzip");
  const body = gzip ? f.gzip : f.body;
  headers.set("content-length", String(body?.length ?? 0));
  return new Response(req.method === "HEAD" ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers });
}
