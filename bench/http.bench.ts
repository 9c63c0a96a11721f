/**
 * HTTP load on loopback with autocannon: a cached read endpoint and the pathway endpoint for all
 * allies, against `pledge serve` in its own process (rate limits off). The baseline, measured in the
 * same run, is a bare node:http server answering the same bytes: the ratio shows what Pledge's stack
 * (routing, validation, security headers, auth, cache) costs on top of Node itself.
 * Goals (issue 4, on this 2-core machine): cached reads ≥ 5,000 req/s with p99 < 20 ms; pathways ≥ 1,000 req/s.
 * The pathway goal is judged on requests that all differ (no memo hit); the memoised repeat is printed too.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { goal } from "./timing.ts";

const root = join(import.meta.dirname, "..");
const DURATION_S = 8;
/** Unmeasured load before each measured one, so that the JIT has compiled the route's code (as every bench here warms up). */
const WARMUP_S = 3;
const CONNECTIONS = 32;
const READ_PATH = "/api/v1/rankings?indicator=defexp_share_gdp_pct&year=2024&vintage=2024-06";
const PATHWAY_BODY = JSON.stringify({ target: { corePct: 3.5, targetYear: 2035, shape: "linear" } });

interface Load {
  rps: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(url: string, opts: { method?: "GET" | "POST"; body?: string; distinctBodies?: boolean } = {}): Promise<Load> {
  await measure(url, opts, WARMUP_S);
  return measure(url, opts, DURATION_S);
}

// Distinct bodies defeat the server's compute cache: every request is computed from scratch, the
// warm-up's too (the counter runs on).
let n = 0;
async function measure(
  url: string,
  opts: { method?: "GET" | "POST"; body?: string; distinctBodies?: boolean },
  duration: number,
): Promise<Load> {
  const distinct = () => JSON.stringify({ target: { corePct: 3 + (n++ % 1_000_000) / 1_000_000, targetYear: 2035, shape: "linear" } });
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    method: opts.method ?? "GET",
    ...(opts.body ? { body: opts.body, headers: { "content-type": "application/json" } } : {}),
    ...(opts.distinctBodies
      ? {
          requests: [
            {
              method: "POST" as const,
              headers: { "content-type": "application/json" },
              setupRequest: (req: { body?: string; path?: string }) => ({ ...req, body: distinct() }),
            },
          ],
        }
      : {}),
  });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

function startPledge(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const built = join(root, "dist/pledge.js");
  const args = existsSync(built) ? [built] : ["--import", "tsx", join(root, "src/cli/bin.ts")];
  const child = spawn(process.execPath, [...args, "serve", "--port", "0", "--data-dir", dataDir, "--no-rate-limits"], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /dashboard at (http:\/\/[^/\s]+)\//.exec(out);
      if (m) resolve({ url: m[1] as string, child });
    });
    child.on("exit", (code) => reject(new Error(`pledge serve exited with ${code}`)));
  });
}

const line = (label: string, l: Load, base?: Load) =>
  console.log(
    `${label.padEnd(38)} ${Math.round(l.rps).toLocaleString("en").padStart(7)} req/s   p99 ${String(l.p99).padStart(3)} ms` +
      (base ? `   ${(l.rps / base.rps).toFixed(2)}× of bare node:http` : "") +
      (l.errors || l.non2xx ? `   (${l.errors} errors, ${l.non2xx} non-2xx)` : ""),
  );

const dataDir = mkdtempSync(join(tmpdir(), "pledge-bench-http-"));
const { url, child } = await startPledge(dataDir);
try {
  // Same bytes as the cached read, so the baseline differs only by the stack in front of them.
  const sample = await fetch(url + READ_PATH);
  const bytes = Buffer.from(await sample.arrayBuffer());
  const bare = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": bytes.length });
    res.end(bytes);
  });
  await new Promise<void>((ok) => bare.listen(0, "127.0.0.1", ok));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
  console.log(
    `autocannon: ${CONNECTIONS} connections, ${DURATION_S} s each after ${WARMUP_S} s unmeasured, loopback; response ${bytes.length} bytes`,
  );

  const baseline = await load(bareUrl);
  bare.close();
  line("bare node:http (baseline)", baseline);
  const reads = await load(url + READ_PATH);
  line("GET rankings (cached)", reads, baseline);
  const repeated = await load(`${url}/api/v1/pathways`, { method: "POST", body: PATHWAY_BODY });
  line("POST pathways, same body (memoised)", repeated, baseline);
  const paths = await load(`${url}/api/v1/pathways`, { method: "POST", body: PATHWAY_BODY, distinctBodies: true });
  line("POST pathways, every body new", paths, baseline);

  const readsOk = reads.rps >= 5000 && reads.p99 < 20 && reads.non2xx === 0;
  const pathsOk = paths.rps >= 1000 && paths.non2xx === 0;
  console.log(`cached reads ≥ 5,000 req/s, p99 < 20 ms: ${goal(readsOk)}`);
  console.log(`pathways (all allies, computed for every request) ≥ 1,000 req/s: ${goal(pathsOk)}`);
} finally {
  child.kill("SIGTERM");
  await new Promise((ok) => child.once("exit", ok));
  rmSync(dataDir, { recursive: true, force: true });
}
