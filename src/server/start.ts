import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { createAdaptorServer } from "@hono/node-server";
import { rememberedContexts } from "../core/pathway-context.ts";
import { type Calibration, defaultCalibration } from "../core/simulation-calibration.ts";
import { type Bundle, decodeBundle, encodeBundle } from "../data/bundle.ts";
import { BUNDLE_FILE, findDataDir } from "../data/load-dataset.ts";
import { createDataset } from "../model/dataset.ts";
import {
  type ImportedVintage,
  importedVintageIds,
  listImportedVintages,
  markServing,
  openStore,
  purgeIdleBuckets,
} from "../store/index.ts";
import { seedFreshRegistry } from "../store/seed-plans-on-start.ts";
import { createApp } from "./app.ts";
import { type ServerConfigInput, ServerConfigSchema } from "./config.ts";
import { listenForImports } from "./import-listener.ts";
import { ResponseCache } from "./response-cache.ts";
import type { ServerDeps } from "./server-env.ts";
import { findWebDist } from "./static-site.ts";

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Options of `pledge serve`, plus what tests pass: port 0 for a free port, a log sink. */
export type StartOptions = ServerConfigInput & {
  log?: (line: string) => void;
  dataRoot?: string;
  /** Load the allies' published statements into a registry that has never held a plan (default true). */
  seedPlans?: boolean;
};

/**
 * Opens the store (creating and migrating it on first start), loads the bundled dataset and listens.
 * `close()` stops accepting connections, lets requests in flight finish (at most 10 s), then closes the store.
 */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const { log = (line: string) => process.stderr.write(`${line}\n`), dataRoot, seedPlans = true, ...input } = options;
  const config = ServerConfigSchema.parse({ ...input, webDir: input.webDir ?? findWebDist() });
  const bundlePath = join(dataRoot ?? findDataDir(), BUNDLE_FILE);
  const bundleBytes = new Uint8Array(readFileSync(bundlePath));
  const bundle = JSON.parse(new TextDecoder().decode(bundleBytes)) as Bundle;
  const decoded = decodeBundle(bundle, bundlePath);
  const store = await openStore({ ...(config.databaseUrl ? { url: config.databaseUrl } : {}), dataDir: resolve(config.dataDir) });
  if (seedPlans)
    await seedFreshRegistry(store, dataRoot ?? findDataDir(), log).catch(async (error: unknown) => {
      await store.close(); // a start that fails leaves no pool or file handle behind
      throw error;
    });
  const calibrations = new Map<string, Calibration>();

  /** The bundle alone, or the bundle with the imported vintages (and a bundle for the dashboard that holds them too). */
  const assemble = (imports: readonly ImportedVintage[]) => {
    if (imports.length === 0) return { ds: createDataset(decoded.parts, decoded.series), json: bundleBytes };
    const parts = {
      ...decoded.parts,
      vintages: [...decoded.parts.vintages, ...imports.map((i) => i.vintage)],
      observations: [...decoded.parts.observations, ...imports.flatMap((i) => i.observations)],
    };
    const inputs = `${bundle.inputsSha256}+${imports.map((i) => i.vintage.id).join("+")}`;
    return { ds: createDataset(parts), json: new TextEncoder().encode(JSON.stringify(encodeBundle(parts, inputs))) };
  };
  const firstImports = await listImportedVintages(store);
  const initial = assemble(firstImports);
  let knownImports = firstImports
    .map((i) => i.vintage.id)
    .sort()
    .join("|");

  const deps: ServerDeps = {
    ds: initial.ds,
    store,
    config,
    log,
    datasetJson: initial.json,
    calibration(nato, imf) {
      const key = `${nato}|${imf}`;
      let cal = calibrations.get(key);
      if (!cal) {
        cal = defaultCalibration(deps.ds, nato, imf);
        calibrations.set(key, cal);
      }
      return cal;
    },
    prepareContext: rememberedContexts(64),
    readCache: new ResponseCache(),
    // Answers to POST: no HTTP cache revalidates them, so no ETag is computed.
    computeCache: new ResponseCache(500, 64 * 1024 * 1024, false, true),
    async reloadImports() {
      const imports = await listImportedVintages(store);
      knownImports = imports
        .map((i) => i.vintage.id)
        .sort()
        .join("|");
      const next = assemble(imports);
      deps.ds = next.ds;
      deps.datasetJson = next.json;
      calibrations.clear();
      deps.readCache.clear();
      deps.computeCache.clear();
    },
    simulations: { running: 0 },
    imports: { running: 0 },
    workbooks: { running: 0 },
  };
  const app = createApp(deps);
  // Another instance on the same database may import a vintage: notice it within importPollSeconds.
  const poll =
    config.importPollSeconds > 0
      ? setInterval(() => {
          importedVintageIds(store)
            .then((ids) => (ids.sort().join("|") === knownImports ? undefined : deps.reloadImports()))
            .catch((e: unknown) => log(`checking for imported vintages failed: ${e instanceof Error ? e.message : String(e)}`));
        }, config.importPollSeconds * 1000)
      : undefined;
  poll?.unref();
  // On PostgreSQL an import is announced to every instance at once; the poll stays as a safety net.
  const checkImports = () => {
    importedVintageIds(store)
      .then((ids) => (ids.sort().join("|") === knownImports ? undefined : deps.reloadImports()))
      .catch((e: unknown) => log(`checking for imported vintages failed: ${e instanceof Error ? e.message : String(e)}`));
  };
  const listener = store.dialect === "postgres" && config.databaseUrl ? listenForImports(config.databaseUrl, checkImports, log) : undefined;
  // Shared rate-limit buckets idle for 10 minutes are full again: drop them.
  const purge =
    store.dialect === "postgres"
      ? setInterval(() => {
          purgeIdleBuckets(store).catch(() => {});
        }, 60_000)
      : undefined;
  purge?.unref();
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
  // `pledge db restore` refuses while this marker names a live server (see serving-marker.ts).
  const releaseMarker =
    store.dialect === "sqlite" && store.location !== ":memory:" ? markServing(store.location, new Date(), url) : () => {};
  let closing: Promise<void> | undefined;
  return {
    url,
    close() {
      closing ??= (async () => {
        await new Promise<void>((done) => {
          const force = setTimeout(() => server.closeAllConnections(), 10_000);
          // close() drops the connections idle now; a keep-alive connection whose request finishes later
          // would otherwise hold the shutdown until its keep-alive timeout. Drop those as they go idle.
          const idle = setInterval(() => server.closeIdleConnections(), 50);
          server.close(() => {
            clearTimeout(force);
            clearInterval(idle);
            done();
          });
          server.closeIdleConnections();
        });
        clearInterval(poll);
        clearInterval(purge);
        await listener?.close();
        await store.close();
        releaseMarker();
      })();
      return closing;
    },
  };
}
