/**
 * A PostgreSQL server of a test's own, on loopback and a free port, that the test may stop, start and
 * restart (the outage tests). It is never the suite's shared server: only what this file started is
 * ever stopped, by its own data directory.
 */
import { execFile } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { newCluster, PG_BIN_DIR, runPg } from "./postgres.ts";

export interface OwnPostgres {
  url: string;
  /** Stops the server: `fast` ends sessions cleanly, `immediate` is a crash (recovery on the next start). */
  stop(mode: "fast" | "immediate"): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and removes its files. */
  destroy(): void;
}

/** pg_ctl without blocking the test's event loop (its requests go on while the server stops). */
function pgCtl(args: string[]): Promise<void> {
  const path = join(PG_BIN_DIR, "pg_ctl");
  const [cmd, argv] = process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", path, ...args]] : [path, args];
  return new Promise((resolve, reject) =>
    execFile(cmd, argv, { timeout: 60_000 }, (error, _out, stderr) =>
      error ? reject(new Error(`pg_ctl ${args.join(" ")}: ${stderr}`)) : resolve(),
    ),
  );
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  if (!existsSync(join(PG_BIN_DIR, "initdb"))) throw new Error(`PostgreSQL binaries not found in ${PG_BIN_DIR}`);
  const { dir, dataDir, port, startArgs } = await newCluster("pledge-own-pg-");
  runPg("initdb", ["-D", dataDir, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  const start = () => pgCtl(startArgs);
  await start();
  let running = true;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop(mode) {
      await pgCtl(["-D", dataDir, "-m", mode, "-w", "stop"]);
      running = false;
    },
    async start() {
      await start();
      running = true;
    },
    destroy() {
      try {
        if (running) runPg("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
      } finally {
        running = false;
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
