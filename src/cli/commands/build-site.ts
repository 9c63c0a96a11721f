import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { BUNDLE_FILE, findDataDir } from "../../data/load-dataset.ts";
import { findWebDist } from "../../server/static-site.ts";
import { UsageError } from "../cli-io.ts";
import { type CommandContext, withExamples } from "../context.ts";

/** Written into every site this command builds: its presence is what allows a rebuild to replace the folder. */
export const SITE_MARKER = ".pledge-site";

export interface SiteBuild {
  dir: string;
  files: number;
  bytes: number;
}

/**
 * Copies the dashboard and the dataset into `dir`. Every URL in the build is relative, so the folder
 * works from any path of any static host. The page is marked static: it makes no API request and
 * shows that plans (which need the server) are not part of a read-only copy.
 *
 * A folder that is neither empty nor a site built here is refused, so that a mistyped path never
 * overwrites someone's files; a previous build (it holds SITE_MARKER) is replaced.
 */
export function buildSite(target: string, opts: { webDir?: string; dataDir?: string } = {}): SiteBuild {
  const dir = resolve(target);
  const webDir = opts.webDir ?? findWebDist();
  if (!webDir || !existsSync(join(webDir, "index.html")))
    throw new UsageError("the dashboard is not built (web/dist/index.html is missing): run npm run build first");
  const bundle = join(opts.dataDir ?? findDataDir(), BUNDLE_FILE);
  if (!existsSync(bundle)) throw new UsageError(`${bundle} is missing: run npm run build:data first`);
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new UsageError(`${target} exists and is not a folder`);
    const entries = readdirSync(dir);
    if (entries.length && !entries.includes(SITE_MARKER))
      throw new UsageError(`${target} is not empty and holds no Pledge site (no ${SITE_MARKER}): choose an empty or new folder`);
    for (const e of entries) rmSync(join(dir, e), { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  cpSync(webDir, dir, { recursive: true });
  copyFileSync(bundle, join(dir, "dataset.json"));
  const index = join(dir, "index.html");
  const html = readFileSync(index, "utf8");
  if (!html.includes('name="pledge-site"'))
    writeFileSync(index, html.replace(/<head>/i, '<head>\n    <meta name="pledge-site" content="static" />'));
  writeFileSync(join(dir, SITE_MARKER), "Built by `pledge build-site`. A rebuild replaces everything in this folder.\n");
  let files = 0;
  let bytes = 0;
  for (const e of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    const s = statSync(join(dir, e));
    if (s.isFile()) {
      files++;
      bytes += s.size;
    }
  }
  return { dir, files, bytes };
}

export function registerBuildSite(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("build-site <dir>")
    .description("copy the dashboard and the dataset into a folder that any static file host serves (read-only: no plans, no API)")
    .option("--web <dir>", "the built dashboard to copy (default: web/dist)");
  withExamples(cmd, ["pledge build-site public", "pledge build-site /var/www/pledge && python3 -m http.server -d /var/www/pledge"]);
  cmd.action((dir: string, o: { web?: string }) => {
    const r = buildSite(dir, { webDir: o.web });
    ctx.io.stdout.write(
      `Wrote ${r.files} files (${(r.bytes / 1024).toFixed(0)} KB) to ${r.dir}.\nServe the folder with any static file server; every URL in it is relative.\n`,
    );
  });
}
