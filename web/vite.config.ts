import { createReadStream, existsSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import preact from "@preact/preset-vite";
import { defineConfig, type Plugin } from "vite";

const root = import.meta.dirname;
const bundle = join(root, "../data/generated/dataset.json");

/**
 * In development the dataset is served from data/generated/ (never copied into web/): the same
 * relative URL `./dataset.json` that `pledge serve` and a `pledge build-site` folder answer.
 */
function devDataset(): Plugin {
  return {
    name: "pledge-dev-dataset",
    configureServer(server) {
      server.middlewares.use(serveBundle);
    },
    configurePreviewServer(server) {
      server.middlewares.use(serveBundle);
    },
  };
}

function serveBundle(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  if (!req.url?.split("?")[0]?.endsWith("/dataset.json")) return next();
  if (!existsSync(bundle)) {
    res.statusCode = 404;
    res.end("data/generated/dataset.json is missing: run npm run build:data");
    return;
  }
  res.setHeader("content-type", "application/json; charset=utf-8");
  createReadStream(bundle).pipe(res);
}

export default defineConfig({
  root,
  // Relative asset URLs: the built site works from any folder of any static host.
  base: "./",
  plugins: [preact(), devDataset()],
  build: {
    outDir: join(root, "dist"),
    emptyOutDir: true,
    target: "es2022",
    // The map's TopoJSON is fetched as a file, never inlined into the JavaScript.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 600,
  },
  worker: { format: "es" },
});
