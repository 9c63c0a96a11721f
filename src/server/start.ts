import { existsSync, readFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createAdaptorServer } from "@hono/node-server";
import { type PathwayContext, preparePathwayContext } from "../core/pathway-context.ts";
import { type Calibration, defaultCalibration } from "../core/simulation-calibration.ts";
import { type Bundle, decodeBundle } from "../data/bundle.ts";
import { BUNDLE_FILE, findDataDir } from "../data/load-dataset.ts";
import { createDataset } from "../model/dataset.ts";
import { openStore } from "../store/index.ts";
import { createApp } from "./app.ts";
import { type ServerConfigInput, ServerConfigSchema } from "./config.ts";
import { ResponseCache } from "./response-cache.ts";
import type { ServerDeps } from "./server-env.ts";

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** The built dashboard beside the package: web/dist from source or from dist/. */
export function defaultWebDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, "web", "dist");
    if (existsSync(join(candidate, "index.html"))) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

/** Options of `pledge serve`, plus what tests pass: port 0 for a free port, a log sink. */
export type StartOptions = ServerConfigInput & { log?: (line: string) => void; dataRoot?: string };

/**
 * Opens the store (creating and migrating it on first start), loads the bundled dataset and listens.
 * `close()` stops accepting connections, lets requests in flight finish (at most 10 s), then closes the store.
 */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const { log = (line: string) => process.stderr.write(`${line}\n`), dataRoot, ...input } = options;
  const config = ServerConfigSchema.parse({ ...input, webDir: input.webDir ?? defaultWebDir() });
  const bundlePath = join(dataRoot ?? findDataDir(), BUNDLE_FILE);
  const datasetJson = new Uint8Array(readFileSync(bundlePath));
  const decoded = decodeBundle(JSON.parse(new TextDecoder().decode(datasetJson)) as Bundle, bundlePath);
  const ds = createDataset(decoded.parts, decoded.series);
  const store = await openStore({ ...(config.databaseUrl ? { url: config.databaseUrl } : {}), dataDir: resolve(config.dataDir) });
  const calibrations = new Map<string, Calibration>();
  const contexts = new Map<string, PathwayContext>();
  const deps: ServerDeps = {
    ds,
    store,
    config,
    log,
    datasetJson,
    calibration(nato, imf) {
      const key = `${nato}|${imf}`;
      let cal = calibrations.get(key);
      if (!cal) {
        cal = defaultCalibration(ds, nato, imf);
        calibrations.set(key, cal);
      }
      return cal;
    },
    prepareContext(data, opts) {
      const key = JSON.stringify(opts);
      let ctx = contexts.get(key);
      if (!ctx) {
        ctx = preparePathwayContext(data, opts);
        // Bounded: economic assumptions are free-form numbers, so keys are too.
        if (contexts.size >= 64) contexts.delete(contexts.keys().next().value as string);
        contexts.set(key, ctx);
      }
      return ctx;
    },
    computeCache: new ResponseCache(500, 64 * 1024 * 1024),
    simulations: { running: 0 },
  };
  const app = createApp(deps);
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(config.port, config.host, () => ok());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    close() {
      closing ??= (async () => {
        await new Promise<void>((done) => {
          const force = setTimeout(() => server.closeAllConnections(), 10_000);
          server.close(() => {
            clearTimeout(force);
            done();
          });
          server.closeIdleConnections();
        });
        await store.close();
      })();
      return closing;
    },
  };
}
