/**
 * The package as a user installs it: `npm pack`, then `npm install <tarball>` into a fresh project in
 * the system's temp folder (outside this repository, so nothing resolves to its node_modules), then
 * the library from plain Node ESM and from a Vite browser build, a TypeScript consumer against the
 * shipped types, docs/library.md's examples, and the `pledge` command (status, path, serve) from the
 * installed package.
 *
 * Expected figures are recomputed here from data/'s CSVs (oracle.ts), never taken from src/.
 *
 * better-sqlite3 is a native module with no reachable prebuilt binary, so a fresh install compiles it
 * (~65 s). Its installer, prebuild-install, first looks for a "local prebuild" (a tarball named
 * better-sqlite3-v<version>-node-v<abi>-<platform>-<arch>.tar.gz): the test packs the binary that
 * `npm ci` compiled for this repository, for the same version and Node ABI, into that form. If the
 * installed version differs, the name does not match and npm compiles as a user's machine would.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, requireBuild } from "../support/built.ts";
import { spawnServer } from "../support/server-process.ts";
import { compliantAllies, linearPathIdentity } from "./oracle.ts";

const work = mkdtempSync(join(tmpdir(), "pledge-consumer-"));
const app = join(work, "app");
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {}) {
  const r = spawnSync(cmd, args, {
    cwd: opts.cwd ?? app,
    env: { ...process.env, NO_COLOR: "1", NODE_PATH: "", ...opts.env },
    input: opts.input,
    encoding: "utf8",
    timeout: opts.timeoutMs ?? 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** better-sqlite3's compiled binary from this repository's install, in prebuild-install's local-prebuild form. */
function localPrebuilds(): string | null {
  const pkgDir = join(ROOT, "node_modules/better-sqlite3");
  let version: string;
  try {
    version = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")).version;
    statSync(join(pkgDir, "build/Release/better_sqlite3.node"));
  } catch {
    return null;
  }
  const dir = join(work, "prebuilds");
  const stage = join(work, "prebuild-stage/build/Release");
  mkdirSync(dir, { recursive: true });
  mkdirSync(stage, { recursive: true });
  writeFileSync(join(stage, "better_sqlite3.node"), readFileSync(join(pkgDir, "build/Release/better_sqlite3.node")));
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  execFileSync("tar", ["-czf", join(dir, name), "-C", join(work, "prebuild-stage"), "build"]);
  return dir;
}

let install = { seconds: 0, packages: 0, megabytes: 0, output: "", usedPrebuild: false };

beforeAll(() => {
  requireBuild();
  const packed = run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], { cwd: ROOT });
  expect(packed.code, packed.stderr).toBe(0);
  const tarball = join(work, JSON.parse(packed.stdout)[0].filename);
  mkdirSync(app);
  // What a user's project declares after the README's advice: better-sqlite3's build script is approved.
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "pledge-consumer", private: true, type: "module", allowScripts: { "better-sqlite3": true } }, null, 2),
  );
  const prebuilds = localPrebuilds();
  const prebuildVersion = prebuilds
    ? JSON.parse(readFileSync(join(ROOT, "node_modules/better-sqlite3/package.json"), "utf8")).version
    : null;
  const started = process.hrtime.bigint();
  // npm's own log goes beside the project, so that a failed install says why.
  const logs = join(work, "npm-logs");
  const r = run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--logs-dir", logs, tarball], {
    env: prebuilds ? { npm_config_better_sqlite3_local_prebuilds: prebuilds } : {},
    // Without a matching prebuild, better-sqlite3 compiles: about 65 s on an idle machine.
    timeoutMs: 280_000,
  });
  install.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.code !== 0) {
    const log = readdirSync(logs).map((f) => readFileSync(join(logs, f), "utf8").split("\n").slice(-60).join("\n"));
    throw new Error(`npm install failed (${r.code}):\n${r.stdout}\n${r.stderr}\n${log.join("\n")}`);
  }
  const listed = run("npm", ["ls", "--all", "--parseable", "--omit=dev"]).stdout.trim().split("\n");
  const du = run("du", ["-sm", join(app, "node_modules")]).stdout;
  install = {
    ...install,
    packages: listed.length - 1,
    megabytes: Number.parseInt(du, 10),
    output: r.stdout + r.stderr,
    usedPrebuild:
      prebuilds !== null &&
      JSON.parse(readFileSync(join(app, "node_modules/better-sqlite3/package.json"), "utf8")).version === prebuildVersion,
  };
  console.log(`consumer install: ${install.seconds.toFixed(1)} s, ${install.packages} packages, ${install.megabytes} MB in node_modules`);
}, 300_000);

describe("the packed package, installed into a fresh project", () => {
  it("ships the built library, the CLI bundle, the dashboard, the data and the terms, and no TypeScript sources or tests", () => {
    const pkg = join(app, "node_modules/pledge");
    const files = readdirSync(pkg, { recursive: true, encoding: "utf8" });
    for (const f of ["dist/pledge.js", "dist/lib/index.js", "dist/lib/index.d.ts", "web/dist/index.html", "data/generated/dataset.json"])
      expect(files, f).toContain(f);
    for (const f of ["LICENSE", "DATA-LICENSES.md", "CHANGELOG.md", "README.md"]) expect(files, f).toContain(f);
    expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
    expect(files.filter((f) => /\.test\.|\.map$/.test(f))).toEqual([]);
    // Build and test tools stay out of a user's install.
    const installed = readdirSync(join(app, "node_modules"));
    for (const dev of ["tsx", "esbuild", "typescript", "vitest", "vite", "@biomejs"]) expect(installed, dev).not.toContain(dev);
  });

  it("installs without npm asking to approve an install script the project did not approve", () => {
    expect(install.output).not.toMatch(/not yet covered by allowScripts/);
  });

  it("got better-sqlite3's binary from the local prebuild when there was one (no 65 s compile in CI), and it loads", () => {
    const release = join(app, "node_modules/better-sqlite3/build/Release");
    if (install.usedPrebuild) expect(readdirSync(release)).toEqual(["better_sqlite3.node"]);
    const r = run("node", [
      "-e",
      'const D = require("better-sqlite3"); console.log(new D(":memory:").prepare("select 1 + 1 as n").get().n)',
    ]);
    expect(r.stdout.trim()).toBe("2");
  });

  it("loads in plain Node ESM: the count of allies at 2 % and Germany's linear path agree with data/'s CSVs", () => {
    writeFileSync(
      join(app, "figures.mjs"),
      `import { allianceAggregates, loadDataset, PathwayRequestSchema, runPathwayRequest } from "pledge";
import { decodeBundle } from "pledge/core";
import { findDataDir } from "pledge/data";
const ds = loadDataset();
const gdp2 = allianceAggregates(ds, 2024, "2024-06").counts.find((c) => c.guidelineId === "gdp2");
const set = runPathwayRequest(ds, PathwayRequestSchema.parse({ allies: ["DEU"] }));
const deu = set.allies[0];
console.log(JSON.stringify({
  met: [...gdp2.met].sort(),
  judged: gdp2.met.length + gdp2.below.length,
  years: [...deu.years],
  core: [...deu.columns.coreSharePct],
  targetYear: deu.target.targetYear,
  dataDir: findDataDir(),
  decode: typeof decodeBundle,
}));
`,
    );
    const r = run("node", ["figures.mjs"]);
    expect(r.stderr).toBe("");
    const got = JSON.parse(r.stdout);
    expect(got.dataDir).toBe(join(app, "node_modules/pledge/data"));
    expect(got.decode).toBe("function");
    const oracle = compliantAllies(2024, "2024-06");
    expect(got.met).toEqual(oracle.met);
    expect(got.judged).toBe(oracle.judged);
    const path = linearPathIdentity("DEU");
    expect(got.years[0]).toBe(path.baseYear);
    expect(got.targetYear).toBe(path.targetYear);
    // The first year is the base year's published share; the target year reaches the guideline.
    expect(Math.abs(got.core[0] - path.baseSharePct)).toBeLessThanOrEqual(0.005);
    expect(got.core[got.years.indexOf(path.targetYear)]).toBeCloseTo(path.targetSharePct, 9);
    // Linear: equal steps between the base year and the target year.
    const k = got.years.indexOf(path.targetYear);
    const step = (got.core[k] - got.core[0]) / k;
    for (let i = 1; i <= k; i++) expect(got.core[i] - got.core[i - 1]).toBeCloseTo(step, 9);
  });

  it("bundles for a browser with Vite: `pledge` resolves to the pure core, with no Node built-in, and the bundle computes the count", () => {
    const web = join(app, "web");
    mkdirSync(web);
    // Library mode: one ES module for browsers (Vite resolves the "browser" export condition), which
    // Node can then run to check its answer.
    writeFileSync(
      join(web, "vite.config.mjs"),
      'export default { build: { lib: { entry: "main.js", formats: ["es"], fileName: "bundle" }, outDir: "dist", emptyOutDir: true } };\n',
    );
    writeFileSync(
      join(web, "main.js"),
      `import bundle from "pledge/data/dataset.json";
import { allianceAggregates, createDataset, decodeBundle } from "pledge";
const { parts, series } = decodeBundle(bundle, "pledge/data/dataset.json");
const gdp2 = allianceAggregates(createDataset(parts, series), 2024, "2024-06").counts.find((c) => c.guidelineId === "gdp2");
console.log(JSON.stringify([...gdp2.met].sort()));
`,
    );
    // Vite is a tool here, like tsc below: the package is resolved from the consumer's node_modules.
    const built = run(process.execPath, [join(ROOT, "node_modules/vite/bin/vite.js"), "build", "web", "--logLevel", "warn"]);
    expect(built.code, built.stdout + built.stderr).toBe(0);
    expect(built.stdout + built.stderr).not.toMatch(/externalized for browser compatibility/);
    const code = readFileSync(join(web, "dist/bundle.js"), "utf8");
    expect(code).not.toMatch(/["']node:/);
    const r = run("node", [join(web, "dist/bundle.js")]);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual(compliantAllies(2024, "2024-06").met);
  });

  it("type-checks a TypeScript consumer against the shipped .d.ts, and the types reject a wrong call", () => {
    const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", strict: true, noEmit: true, types: [] },
      }),
    );
    writeFileSync(
      join(app, "consumer.ts"),
      `import { allianceAggregates, loadDataset, type AllianceAggregates, type Dataset } from "pledge";
import { allianceStatus, type AllyYearStatus } from "pledge/core";
import { loadDataset as load } from "pledge/data";
const ds: Dataset = loadDataset();
const agg: AllianceAggregates = allianceAggregates(ds, 2024, "2024-06");
const rows: AllyYearStatus[] = allianceStatus(load(), 2024, "2024-06");
export const n: number = agg.counts.length + rows.length;
`,
    );
    const ok = run(process.execPath, [tsc, "-p", "."]);
    expect(ok.stdout + ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    writeFileSync(
      join(app, "wrong.ts"),
      `import { allianceAggregates } from "pledge";\nallianceAggregates("not a dataset", 2024, "2024-06");\n`,
    );
    const wrong = run(process.execPath, [tsc, "-p", "."]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stdout).toMatch(/wrong\.ts.*TS2345/);
    rmSync(join(app, "wrong.ts"));
  });

  it("runs docs/library.md's examples against the installed package", () => {
    const text = readFileSync(join(ROOT, "docs/library.md"), "utf8");
    const blocks = [...text.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1] as string);
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    blocks.forEach((code, i) => {
      const file = join(app, `example-${i + 1}.mjs`);
      writeFileSync(file, code);
      const r = run("node", [file]);
      expect(r.stderr, `example ${i + 1}:\n${code}`).toBe("");
      expect(r.code, `example ${i + 1}`).toBe(0);
      expect(r.stdout.trim().length, `example ${i + 1} prints its answer`).toBeGreaterThan(0);
    });
  });

  it("npx pledge --version, status and path DEU run from the installed package", () => {
    const version = run("npx", ["--no", "--", "pledge", "--version"]);
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    const bundle = JSON.parse(readFileSync(join(ROOT, "data/generated/dataset.json"), "utf8"));
    expect(version.stdout).toContain(`pledge ${pkg.version}`);
    expect(version.stdout).toContain(bundle.inputsSha256.slice(0, 12));

    const status = run("npx", ["--no", "--", "pledge", "status", "--year", "2024", "--vintage", "2024-06", "--format", "json"]);
    expect(status.stderr).toBe("");
    const json = JSON.parse(status.stdout);
    const oracle = compliantAllies(2024, "2024-06");
    const met = json.allies.filter((a: Record<string, unknown>) => a.gdp2_status === "met");
    expect(met.map((a: { ally: string }) => a.ally).sort()).toEqual(oracle.met);

    const path = run("npx", ["--no", "--", "pledge", "path", "DEU", "--format", "csv"]);
    expect(path.stderr).toBe("");
    const identity = linearPathIdentity("DEU");
    const [header, ...rows] = path.stdout
      .trim()
      .split("\n")
      .map((l) => l.split(","));
    const col = (name: string) => (header ?? []).indexOf(name);
    const target = rows.find((r) => r[col("ally")] === "DEU" && Number(r[col("year")]) === identity.targetYear);
    expect(Number(target?.[col("core_share_pct")])).toBeCloseTo(identity.targetSharePct, 9);
    expect(Math.abs(Number(rows[0]?.[col("core_share_pct")]) - identity.baseSharePct)).toBeLessThanOrEqual(0.005);
  });

  it("npx pledge serve answers GET /api/v1/health", async () => {
    const server = await spawnServer(["--data-dir", join(work, "db")], 60_000, {
      argv: ["npx", "--no", "--", "pledge"],
      cwd: app,
      group: true,
    });
    try {
      const res = await fetch(`${server.url}/api/v1/health`);
      expect(res.status).toBe(200);
      const home = await fetch(`${server.url}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toMatch(/<html/i);
    } finally {
      process.kill(-(server.child.pid as number), "SIGTERM");
      await server.exited;
    }
  });
});
