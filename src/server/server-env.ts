import type { ContextOptions, PathwayContext } from "../core/pathway-context.ts";
import type { Calibration } from "../core/simulation-calibration.ts";
import type { Dataset } from "../model/dataset.ts";
import type { User } from "../model/plan.ts";
import type { Store } from "../store/index.ts";
import type { ServerConfig } from "./config.ts";
import type { ResponseCache } from "./response-cache.ts";

/** Who is asking: a token's or a session's user, or nobody (public reads). */
export type Principal =
  | { kind: "anonymous" }
  | { kind: "token"; user: User; tokenKey: string }
  | { kind: "session"; user: User; sessionId: string; csrfTokenHash: string };

/** Everything a route needs, built once at start-up and passed in (no module-level state). */
export interface ServerDeps {
  /** The bundled data plus the vintages admins imported; replaced (never mutated) by reloadImports. */
  ds: Dataset;
  store: Store;
  config: ServerConfig;
  log: (line: string) => void;
  /** The bundle the dashboard loads, served as is with an ETag. */
  datasetJson: Uint8Array;
  /** Calibrations are pure but take ~10 ms; kept per (NATO vintage, IMF vintage). */
  calibration(natoVintageId: string, imfVintageId: string): Calibration;
  /** preparePathwayContext, memoised by its options (pure: the same options give the same context). */
  prepareContext(ds: Dataset, opts: ContextOptions): PathwayContext;
  /** Answers of the read endpoints by URL. */
  readCache: ResponseCache;
  /** Rebuilds `ds` and `datasetJson` from the bundle and the stored imports, and forgets every cached answer. */
  reloadImports(): Promise<void>;
  /** Answers of the deterministic compute endpoints by validated request (a pathway, a seeded simulation). */
  computeCache: ResponseCache;
  /** Running Monte Carlo jobs, bounded by config.maxConcurrentSimulations. */
  simulations: { running: number };
  /** Uploads being parsed, bounded by config.maxConcurrentImports. */
  imports: { running: number };
  /** XLSX answers being built, at most 2 at once. */
  workbooks: { running: number };
}

export type AppEnv = { Variables: { principal: Principal; deps: ServerDeps } };
