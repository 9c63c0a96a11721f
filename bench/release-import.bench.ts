/**
 * Importing the publishers' full workbooks (../shared/data/raw): Pledge's importer, which streams each
 * sheet through the bounded workbook reader, against a baseline measured in the same run, ExcelJS's
 * full in-memory reader loading the same file (and reading nothing further). Each run is its own
 * process, so that its peak RSS is its own. Goal from the issue: under 1 GB RSS.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { goal, median, ms } from "./timing.ts";

const raw = join(import.meta.dirname, "..", "..", "shared", "data", "raw");
const FILES = ["240617-def-exp-2024-TABLES-en.xlsx", "SIPRI-Milex-data-1949-2024_2.xlsx"];

async function worker(reader: string, file: string): Promise<void> {
  const bytes = readFileSync(file);
  const t = performance.now();
  let figures = 0;
  if (reader === "pledge") {
    const { readRelease } = await import("../src/data/releases/read-release.ts");
    const { loadDataset } = await import("../src/data/load-dataset.ts");
    const allies = loadDataset().allies;
    const t0 = performance.now();
    const r = await readRelease({ name: file, bytes }, { allies });
    figures = r.observations.length;
    process.stdout.write(JSON.stringify({ ms: performance.now() - t0, figures, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
    return;
  }
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  wb.eachSheet((s) => {
    figures += s.rowCount;
  });
  process.stdout.write(JSON.stringify({ ms: performance.now() - t, figures, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

function run(reader: string, file: string): { ms: number; maxRssMb: number; figures: number } {
  const r = spawnSync(process.execPath, ["--import", "tsx", import.meta.filename, "--worker", reader, file], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${reader} on ${file}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

if (process.argv[2] === "--worker") await worker(process.argv[3] as string, process.argv[4] as string);
else {
  const idle = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.resourceUsage().maxRSS/1024))"], {
    encoding: "utf8",
  });
  console.log(`baseline, bare node process: ${Number(idle.stdout).toFixed(0)} MB peak RSS`);
  for (const f of FILES) {
    const file = join(raw, f);
    const pledge = Array.from({ length: 3 }, () => run("pledge", file));
    const excel = Array.from({ length: 3 }, () => run("exceljs", file));
    const p = { ms: median(pledge.map((x) => x.ms)), rss: Math.max(...pledge.map((x) => x.maxRssMb)) };
    const e = { ms: median(excel.map((x) => x.ms)), rss: Math.max(...excel.map((x) => x.maxRssMb)) };
    console.log(`${f}: Pledge's import (read, validate, ${pledge[0]?.figures} figures): ${ms(p.ms)}, peak RSS ${p.rss.toFixed(0)} MB`);
    console.log(`  baseline, ExcelJS loading the whole workbook in memory: ${ms(e.ms)}, peak RSS ${e.rss.toFixed(0)} MB`);
    console.log(
      `  ratio: ${(p.ms / e.ms).toFixed(2)}× the time, ${(p.rss / e.rss).toFixed(2)}× the peak RSS — goal < 1 GB RSS: ${goal(p.rss < 1024)}`,
    );
  }
}
