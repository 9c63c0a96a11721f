/**
 * A throwaway PostgreSQL 15 server for the test run (vitest `globalSetup`), and a fresh database per
 * test suite. With DATABASE_URL set, that server is used instead and nothing is started.
 *
 * When the binaries are missing the store suites FAIL with the reason (never skip): CI installs them.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export const PG_BIN_DIR = process.env.PLEDGE_PG_BIN_DIR ?? "/usr/lib/postgresql/15/bin";
const URL_ENV = "PLEDGE_TEST_PG_URL";
const ERROR_ENV = "PLEDGE_TEST_PG_ERROR";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** initdb and pg_ctl refuse to run as root: run them as the `postgres` user then. */
export function runPg(binary: string, args: string[]): void {
  const path = join(PG_BIN_DIR, binary);
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", path, ...args]] : [path, args];
  execFileSync(cmd, argv, { stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
}

/**
 * A fresh folder for a throwaway cluster (owned by `postgres` when running as root, as initdb needs),
 * a free loopback port, and the pg_ctl arguments that start it there.
 */
export async function newCluster(prefix: string): Promise<{ dir: string; dataDir: string; port: number; startArgs: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const dataDir = join(dir, "data");
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  const startArgs = ["-D", dataDir, "-l", join(dir, "server.log"), "-o", `-p ${port} -k ${dir} -h 127.0.0.1 -F`, "-w", "start"];
  return { dir, dataDir, port, startArgs };
}

/** vitest globalSetup: start the server, export its URL, and return the teardown. */
export default async function setup(): Promise<() => Promise<void>> {
  if (process.env.DATABASE_URL) {
    process.env[URL_ENV] = process.env.DATABASE_URL;
    return async () => {};
  }
  if (!existsSync(join(PG_BIN_DIR, "initdb")) || !existsSync(join(PG_BIN_DIR, "pg_ctl"))) {
    process.env[ERROR_ENV] = `PostgreSQL binaries not found in ${PG_BIN_DIR} (install postgresql-15 or set DATABASE_URL)`;
    return async () => {};
  }
  const { dir, dataDir, port, startArgs } = await newCluster("pledge-pg-");
  try {
    runPg("initdb", ["-D", dataDir, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
    runPg("pg_ctl", startArgs);
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? "";
    process.env[ERROR_ENV] = `could not start PostgreSQL in ${dir}: ${stderr || String(error)}`;
    return async () => {};
  }
  process.env[URL_ENV] = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return async () => {
    try {
      runPg("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/** The server's admin URL; throws (so the suite fails, never skips) when there is no server. */
export function postgresUrl(): string {
  const url = process.env[URL_ENV] ?? process.env.DATABASE_URL;
  if (url) return url;
  throw new Error(process.env[ERROR_ENV] ?? `${URL_ENV} is not set: is test/support/postgres.ts in vitest.config.ts test.globalSetup?`);
}

/** A new, empty database on the test server; `drop()` removes it. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = postgresUrl();
  const name = `pledge_test_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
