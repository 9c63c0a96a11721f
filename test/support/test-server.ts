/**
 * A real Pledge server for HTTP tests: `startServer` on a free loopback port, over a fresh SQLite
 * data directory or a fresh PostgreSQL database, with four accounts and an API token for each seeded
 * through the store before the first request.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, type StartOptions, startServer } from "../../src/server/start.ts";
import { createApiToken, createUser, openStore, type Store, type StoreDialect } from "../../src/store/index.ts";
import { freshPostgresDatabase } from "./postgres.ts";

export const PASSWORD = "correct horse battery staple";

export interface Account {
  id: string;
  name: string;
  token: string;
}

export interface ApiOptions {
  method?: string;
  token?: string | null;
  /** Objects are sent as JSON; strings and bytes as they are. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  text: string;
  bytes: Uint8Array;
  /** The body parsed as JSON, or undefined when it is not JSON (any: tests read the fields they assert on). */
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field in the tests
  json: any;
}

export interface TestServer {
  dialect: StoreDialect;
  url: string;
  /** Where the SQLite file lives (a fresh folder also for PostgreSQL, unused there). */
  dataDir: string;
  databaseUrl: string | undefined;
  admin: Account;
  /** Editor for POL only. */
  editor: Account;
  reader: Account;
  /** A second editor, for EST only. */
  estEditor: Account;
  api(path: string, options?: ApiOptions): Promise<ApiAnswer>;
  /** A second handle on the same database (closed by stop()). */
  openStore(): Promise<Store>;
  /** Start another server on the same database (closed by stop()). */
  restart(options?: Partial<StartOptions>): Promise<RunningServer>;
  /** Server log lines (errors are logged with their stack here, never sent). */
  logs: string[];
  stop(): Promise<void>;
}

export interface TestServerOptions extends Partial<StartOptions> {
  /** Seed the four accounts (default true). */
  seed?: boolean;
  /** Load the allies' published statements into the plan registry (default false: these tests start empty). */
  seedPlans?: boolean;
}

/** Sends one request to `base` + path. */
export async function request(base: string, path: string, options: ApiOptions = {}): Promise<ApiAnswer> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    if (typeof options.body === "string" || options.body instanceof Uint8Array) body = options.body as BodyInit;
    else {
      body = JSON.stringify(options.body);
      headers["content-type"] ??= "application/json";
    }
  }
  const res = await fetch(new URL(path, base), { method: options.method ?? (body === undefined ? "GET" : "POST"), headers, body });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, bytes, json };
}

async function seedAccount(store: Store, name: string, role: "admin" | "editor" | "reader", allies: string[] = []): Promise<Account> {
  const user = await createUser(store, { name, password: PASSWORD, role, allies }, "test-setup");
  const t = await createApiToken(store, user.id, `${name} token`, "test-setup");
  return { id: user.id, name, token: t.token };
}

/** Starts a server over a fresh database of `dialect`; `stop()` closes it and removes the database. */
export async function startTestServer(dialect: StoreDialect, options: TestServerOptions = {}): Promise<TestServer> {
  const { seed = true, seedPlans = false, ...startOptions } = options;
  const dataDir = mkdtempSync(join(tmpdir(), "pledge-server-"));
  const pgDb = dialect === "postgres" ? await freshPostgresDatabase() : undefined;
  const databaseUrl = pgDb?.url;
  const openHandle = () => openStore(databaseUrl ? { url: databaseUrl } : { dataDir });
  const handles: Store[] = [];
  const servers: RunningServer[] = [];
  const logs: string[] = [];
  const empty: Account = { id: "", name: "", token: "" };
  let accounts = { admin: empty, editor: empty, reader: empty, estEditor: empty };
  if (seed) {
    const store = await openHandle();
    try {
      accounts = {
        admin: await seedAccount(store, "admin", "admin"),
        editor: await seedAccount(store, "pol-editor", "editor", ["POL"]),
        reader: await seedAccount(store, "reader", "reader"),
        estEditor: await seedAccount(store, "est-editor", "editor", ["EST"]),
      };
    } finally {
      await store.close();
    }
  }
  const start = (extra: Partial<StartOptions> = {}) =>
    startServer({
      port: 0,
      dataDir,
      ...(databaseUrl ? { databaseUrl } : {}),
      log: (line) => logs.push(line),
      seedPlans,
      ...startOptions,
      ...extra,
    }).then((s) => {
      servers.push(s);
      return s;
    });
  const server = await start();
  return {
    dialect,
    url: server.url,
    dataDir,
    databaseUrl,
    ...accounts,
    logs,
    api: (path, o) => request(server.url, path, o),
    async openStore() {
      const s = await openHandle();
      handles.push(s);
      return s;
    },
    restart: (extra) => start(extra),
    async stop() {
      for (const s of servers) await s.close().catch(() => {});
      for (const h of handles) await h.close().catch(() => {});
      await pgDb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A stack trace line (`at fn (/path/file.ts:1:2)`) or SQL text: neither may reach a client. */
export function leaksInternals(text: string): string | null {
  const patterns = [
    /\bat [\w.<>$ ]*\(?(\/|file:|node:)[^\s)]+:\d+/,
    /\.(ts|js|mjs):\d+:\d+/,
    /\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\b[\s\S]{0,80}\b(FROM|VALUES|SET|WHERE)\b/,
    /SQLITE_[A-Z]+|SqliteError|duplicate key value|relation "[a-z_]+"|syntax error at or near/,
  ];
  for (const p of patterns) {
    const m = p.exec(text);
    if (m) return m[0];
  }
  return null;
}
