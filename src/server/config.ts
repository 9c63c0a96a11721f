import { z } from "zod";

/** Everything `pledge serve` can be told, from flags or the environment. One schema: type, validation, docs. */
export const ServerConfigSchema = z.object({
  host: z.string().min(1).default("127.0.0.1"),
  port: z.number().int().min(0).max(65535).default(8080),
  /** Where the embedded database lives (`<dataDir>/pledge.sqlite`). */
  dataDir: z.string().min(1).default(".pledge"),
  /** `postgres://…` for deployments with several instances; absent → the embedded database. */
  databaseUrl: z.string().optional(),
  /** Reads without an account (the default), or only for signed-in users and tokens. */
  publicReads: z.boolean().default(true),
  /** Largest JSON body, bytes; imports may be larger (maxImportBytes). */
  maxBodyBytes: z
    .number()
    .int()
    .min(1024)
    .max(10_000_000)
    .default(256 * 1024),
  maxImportBytes: z.number().int().min(1024).max(50_000_000).default(5_000_000),
  /** Requests per minute per token or IP, by kind; 0 turns a limit off (benchmarks). */
  rateLimits: z
    .object({
      read: z.number().int().min(0).default(6000),
      compute: z.number().int().min(0).default(600),
      write: z.number().int().min(0).default(120),
      login: z.number().int().min(0).default(10),
      /** Sign-in attempts per minute on one account, from any number of addresses. */
      loginPerAccount: z.number().int().min(0).default(20),
    })
    .default({ read: 6000, compute: 600, write: 120, login: 10, loginPerAccount: 20 }),
  /**
   * Addresses of reverse proxies (exact, e.g. 127.0.0.1) whose X-Forwarded-For names the client; from
   * any other peer the header is ignored. Empty: the TCP peer is the client.
   */
  trustedProxies: z.array(z.string().min(1).max(64)).max(32).default([]),
  sessionTtlMinutes: z
    .number()
    .int()
    .min(5)
    .max(60 * 24 * 30)
    .default(12 * 60),
  /** Monte Carlo through the API: at most this many paths, and this many runs at once. */
  maxSimulationPaths: z.number().int().min(100).max(1_000_000).default(20_000),
  maxConcurrentSimulations: z.number().int().min(1).max(16).default(2),
  /** Uploads (plan and vintage imports) parsed at once; more get 503 with Retry-After. */
  maxConcurrentImports: z.number().int().min(1).max(16).default(2),
  /** Mark session cookies Secure (behind HTTPS). */
  secureCookies: z.boolean().default(false),
  /**
   * How often (seconds) an instance checks the database for vintages another instance imported, and
   * loads them; 0 turns the check off (a single instance always knows its own imports at once).
   */
  importPollSeconds: z.number().min(0).max(3600).default(15),
  /** Folder of the built dashboard; absent or missing → the API only, with a note at `/`. */
  webDir: z.string().optional(),
});
export type ServerConfig = z.infer<typeof ServerConfigSchema>;
export type ServerConfigInput = z.input<typeof ServerConfigSchema>;
