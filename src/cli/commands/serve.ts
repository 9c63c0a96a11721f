import type { Command } from "commander";
import { UsageError } from "../cli-io.ts";
import { type CommandContext, withExamples } from "../context.ts";

function port(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65535) throw new UsageError(`--port: "${text}" is not a port number (0-65535)`);
  return n;
}

export function registerServe(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("serve")
    .description("the dashboard and the REST API (OpenAPI at /openapi.json, docs at /docs) on the embedded database and the bundled data")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("-p, --port <port>", "port (0: any free port)", "8080")
    .option("--data-dir <dir>", "folder of the embedded database (created on first start)", ".pledge")
    .option("--database-url <url>", "postgres://… for several instances (default: $DATABASE_URL, else the embedded database)")
    .option("--private", "reads need a signed-in user or an API token too")
    .option("--secure-cookies", "mark session cookies Secure (behind HTTPS)")
    .option(
      "--trusted-proxy <address...>",
      "address of a reverse proxy whose X-Forwarded-For names the client (repeatable; default: none, the TCP peer is the client)",
    )
    .option("--no-rate-limits", "turn rate limiting off (load tests)")
    .option("--no-seed-plans", "leave a fresh database's plan registry empty (default: load the allies' published statements)");
  withExamples(cmd, [
    "pledge serve",
    "pledge serve --host 0.0.0.0 --port 8080 --private",
    "DATABASE_URL=postgres://pledge@db/pledge pledge serve",
  ]);
  cmd.action(
    async (o: {
      host: string;
      port: string;
      dataDir: string;
      databaseUrl?: string;
      private?: boolean;
      secureCookies?: boolean;
      trustedProxy?: string[];
      rateLimits: boolean;
      seedPlans: boolean;
    }) => {
      const { startServer } = await import("../../server/start.ts");
      const databaseUrl = o.databaseUrl ?? ctx.io.env.DATABASE_URL;
      const server = await startServer({
        host: o.host,
        port: port(o.port),
        dataDir: o.dataDir,
        ...(databaseUrl ? { databaseUrl } : {}),
        publicReads: !o.private,
        secureCookies: Boolean(o.secureCookies),
        trustedProxies: o.trustedProxy ?? [],
        ...(o.rateLimits ? {} : { rateLimits: { read: 0, compute: 0, write: 0, login: 0, loginPerAccount: 0 } }),
        log: (line) => ctx.io.stderr.write(`${line}\n`),
        seedPlans: o.seedPlans,
      });
      const where = databaseUrl ? "PostgreSQL" : `the embedded database in ${o.dataDir}/`;
      ctx.io.stdout.write(
        `Pledge is serving the dashboard at ${server.url}/ and the API at ${server.url}/api/v1 (docs: ${server.url}/docs), on ${where}\n`,
      );
      const signal = ctx.io.untilSignal ? await ctx.io.untilSignal() : "end";
      ctx.io.stderr.write(`pledge serve: ${signal}: finishing requests in flight, then closing\n`);
      await server.close();
    },
  );
}
