import { readFileSync, statSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import type { Command } from "commander";
import { csvLine } from "../../core/published-table/csv.ts";
import { VINTAGE_DIFF_SPEC, vintageDiff, vintageDiffRows } from "../../core/vintage-diff.ts";
import type { Dataset } from "../../model/dataset.ts";
import type { Observation } from "../../model/observation.ts";
import { UsageError } from "../cli-io.ts";
import { type CommandContext, withExamples, withFormat } from "../context.ts";
import { specColumns } from "../report.ts";
import { resolveIndicator } from "../resolve.ts";
import { type StoreOptions, withStore, withStoreOptions } from "./accounts.ts";

/** Who the audit log records for imports made from the command line. */
const CLI_ACTOR = "cli";
const SOURCES = { nato: "nato", sipri: "sipri", weo: "imf" } as const;
const FLAG_OUT: Record<Observation["estimate"], string> = {
  reported: "false",
  estimate: "true",
  uncertain: "uncertain",
  not_flagged: "not_flagged",
};

interface ImportOptions extends StoreOptions {
  source?: string;
  vintage?: string;
  label?: string;
  published?: string;
  dryRun?: boolean;
  format?: string;
}

function vintageOf(ds: Dataset, id: string) {
  const v = ds.vintage(id);
  if (!v) throw new UsageError(`unknown vintage "${id}" (pledge data vintages lists them)`);
  return v;
}

/** `pledge data`: bring in a publisher's release file, list vintages, see what a release changed, export one. */
export function registerData(program: Command, ctx: CommandContext): void {
  const data = program
    .command("data")
    .description("import a publisher's release (NATO, SIPRI, IMF WEO files), list vintages, what changed, export");

  const imp = withFormat(
    withStoreOptions(
      data
        .command("import <file>")
        .description(
          "read a NATO tables workbook, SIPRI's workbook or the IMF's WEO export, validate it, and store it as a new vintage in one transaction",
        )
        .option("--source <source>", "nato, sipri or weo (default: recognised from the file's content)")
        .option("--vintage <id>", "the new vintage's id (default: publisher and the file's SHA-256, e.g. nato-94f4de63)")
        .option("--label <text>", "what the vintage is called (default: the file's own title)")
        .option("--published <date>", "publication date YYYY-MM-DD (default: today)")
        .option("--dry-run", "validate and report only; store nothing"),
    ),
  );
  withExamples(imp, [
    "pledge data import 240617-def-exp-2024-TABLES-en.xlsx --dry-run",
    "pledge data import SIPRI-Milex-data-1949-2025.xlsx --published 2026-04-27",
    "pledge data import WEOOct2026all.xls --source weo --vintage weo-2026-10",
  ]);
  imp.action(async (file: string, o: ImportOptions) => {
    if (o.source !== undefined && !(o.source in SOURCES)) throw new UsageError(`--source must be nato, sipri or weo, not "${o.source}"`);
    if (o.published !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(o.published))
      throw new UsageError(`--published must be YYYY-MM-DD, not "${o.published}"`);
    const { readRelease, MAX_TEXT_BYTES } = await import("../../data/releases/read-release.ts");
    const { releaseVintage } = await import("../../data/releases/release-vintage.ts");
    const { DEFAULT_WORKBOOK_LIMITS } = await import("../../data/workbook/bounded-xlsx.ts");
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      throw new UsageError(`cannot read ${file}`);
    }
    // Refused before it is read into memory.
    const max = Math.max(DEFAULT_WORKBOOK_LIMITS.maxFileBytes, MAX_TEXT_BYTES);
    if (size > max)
      throw new ReleaseError(
        `${basename(file)}: the file is ${size.toLocaleString("en-US")} bytes, above the import limit of ${max.toLocaleString("en-US")}`,
      );
    const bar = ctx.io.stderr.isTTY ? await steps(ctx, 3) : null;
    const ds = ctx.dataset();
    const release = await readRelease(
      { name: basename(file), bytes: readFileSync(file) },
      { source: o.source ? SOURCES[o.source as keyof typeof SOURCES] : undefined, allies: ds.allies },
    );
    bar?.update(1);
    const built = releaseVintage(ds, release, {
      id: o.vintage,
      label: o.label,
      published: o.published,
      today: new Date().toISOString().slice(0, 10),
    });
    bar?.update(2);
    let stored = false;
    if (!o.dryRun) {
      const { saveImportedVintage } = await import("../../store/index.ts");
      await withStore(ctx, o, (store) => saveImportedVintage(store, built.vintage, built.observations, CLI_ACTOR));
      stored = true;
    }
    bar?.update(3);
    bar?.stop();
    const s = built.summary;
    const changes = s.changes
      ? `against ${s.comparedWith}: ${s.changes.revised} figures revised beyond the published precision, ${s.changes.crossed_guideline} guideline crossings, ${s.changes.new_year} new figures, ${s.changes.dropped_series} series dropped (pledge data diff ${s.comparedWith} ${s.vintage.id})`
      : "no earlier vintage of this publisher to compare with";
    ctx.emit(
      {
        tables: [
          {
            name: "import",
            title: `${stored ? "Stored" : "Dry run, nothing stored"}: vintage ${s.vintage.id}`,
            columns: [
              { key: "field", header: "" },
              { key: "value", header: "" },
            ],
            rows: [
              { field: "file", value: `${s.fileName} (sha256 ${s.sha256})` },
              { field: "recognised as", value: s.layout },
              { field: "label", value: s.vintage.label },
              { field: "published", value: s.vintage.published },
              { field: "figures", value: String(s.rows) },
              { field: "allies", value: String(s.allies) },
              { field: "countries and aggregates", value: String(s.entities) },
              { field: "years", value: s.years ? `${s.years.from}–${s.years.to}` : "none" },
              { field: "indicators", value: s.indicators.join(", ") },
              { field: "estimates (SIPRI: and highly uncertain)", value: String(s.estimates) },
              { field: "countries skipped (not tracked)", value: String(s.skippedCountries) },
              { field: "what it changes", value: changes },
            ],
          },
        ],
        notes: stored
          ? [`Every command now sees vintage ${s.vintage.id} (database: ${o.databaseUrl ?? ctx.io.env.DATABASE_URL ?? o.dataDir}).`]
          : [],
        sources: [],
        json: { stored, summary: s },
      },
      o.format,
    );
  });

  const list = withFormat(data.command("vintages").description("every vintage: shipped and imported, with where each came from"));
  withExamples(list, ["pledge data vintages", "pledge data vintages --format json"]);
  list.action((o: { format?: string }) => {
    const ds = ctx.dataset();
    ctx.emit(
      {
        tables: [
          {
            name: "vintages",
            title: "Vintages",
            columns: [
              { key: "id", header: "Vintage" },
              { key: "series", header: "Series" },
              { key: "label", header: "Label" },
              { key: "published", header: "Published" },
              { key: "rows", header: "Figures", align: "right", decimals: 0 },
              { key: "file", header: "Provenance" },
            ],
            rows: ds.vintages.map((v) => ({
              id: v.id,
              series: v.series,
              label: v.label,
              published: v.published,
              rows: v.rows,
              file: v.file,
            })),
          },
        ],
        notes: [
          "Imported vintages name the file, its publisher and its SHA-256; the import time and who imported it are in the audit log.",
        ],
        sources: [],
      },
      o.format,
    );
  });

  const diff = withFormat(
    data
      .command("diff <from> <to>")
      .description(
        "what a release changed: guideline crossings, revisions beyond the published precision (largest first), new years, dropped series",
      )
      .option("-a, --ally <iso3>", "one ally or country only")
      .option("-i, --indicator <indicator>", "one indicator only"),
  );
  withExamples(diff, ["pledge data diff 2024-06 2026-07", "pledge data diff 2024-06 2026-07 --ally POL --indicator defexp_share_gdp_pct"]);
  diff.action((from: string, to: string, o: { ally?: string; indicator?: string; format?: string }) => {
    const ds = ctx.dataset();
    const a = vintageOf(ds, from);
    const b = vintageOf(ds, to);
    if (a.series !== b.series)
      throw new UsageError(`${from} is a ${a.series} vintage and ${to} a ${b.series} one: compare releases of one publisher`);
    if (o.indicator) resolveIndicator(o.indicator);
    const d = vintageDiff(ds, { from, to, ally: o.ally?.toUpperCase(), indicator: o.indicator });
    ctx.emit(
      {
        tables: [
          {
            name: VINTAGE_DIFF_SPEC.name,
            title: `${from} → ${to}: ${d.counts.crossed_guideline} guideline crossings, ${d.counts.revised} revised, ${d.counts.new_year} new figures, ${d.counts.dropped_series} series dropped`,
            columns: specColumns(VINTAGE_DIFF_SPEC, { from_value: from, to_value: to }),
            rows: vintageDiffRows(d),
          },
        ],
        notes: [
          "Revised: the two figures differ at the precision of the less precise release (rounding is not a revision); largest relative change first. A share-of-GDP change is in percentage points.",
          ...d.notCompared.map((n) => `${n.indicator} not compared: ${n.reason}.`),
        ],
        sources: [],
        json: { counts: d.counts, notCompared: d.notCompared },
      },
      o.format,
    );
  });

  const exp = data
    .command("export")
    .description("write one vintage in data/'s 11-column long format, as CSV, JSON or XLSX")
    .option("-v, --vintage <id>", "the vintage (default: the newest official NATO release)")
    .option("-f, --format <format>", "csv, json or xlsx", "csv")
    .option("-o, --output <file>", "write to a file (required for xlsx)");
  withExamples(exp, [
    "pledge data export --vintage 2024-06 > nato-2024-06.csv",
    "pledge data export --vintage sipri-2025-04 --format xlsx -o sipri.xlsx",
  ]);
  exp.action(async (o: { vintage?: string; format: string; output?: string }) => {
    const { CSV_COLUMNS } = await import("../../model/observation.ts");
    const ds = ctx.dataset();
    const v = o.vintage ? vintageOf(ds, o.vintage) : ds.latestNatoVintage();
    if (!["csv", "json", "xlsx"].includes(o.format)) throw new UsageError(`--format must be csv, json or xlsx, not "${o.format}"`);
    const rows = ds.observations
      .filter((x) => x.vintageId === v.id)
      .map(
        (x) =>
          [
            x.entity,
            ds.ally(x.entity)?.name ?? x.entity,
            x.year,
            x.indicator,
            x.value,
            x.sourceUnit,
            x.citation || v.label,
            v.label,
            FLAG_OUT[x.estimate],
            x.sourceTable,
            x.sourceLabel,
          ] as const,
      );
    let out: string | Uint8Array;
    if (o.format === "csv") out = `${[csvLine([...CSV_COLUMNS]), ...rows.map((r) => csvLine([...r]))].join("\n")}\n`;
    else if (o.format === "json")
      out = `${JSON.stringify({ vintage: v, rows: rows.map((r) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r[i]]))) }, null, 2)}\n`;
    else {
      if (!o.output) throw new UsageError("--format xlsx needs --output <file>");
      const ExcelJS = (await import("exceljs")).default;
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet("observations");
      sheet.addRow([...CSV_COLUMNS]);
      for (const r of rows) sheet.addRow([...r]);
      out = new Uint8Array(await wb.xlsx.writeBuffer());
    }
    if (o.output) {
      writeFileSync(o.output, out);
      ctx.io.stdout.write(`wrote ${rows.length} figures of vintage ${v.id} to ${o.output}\n`);
    } else ctx.io.stdout.write(out as string);
  });
}

/** A failed import: exit 1 with the message (not a usage error). */
class ReleaseError extends Error {}

async function steps(ctx: CommandContext, total: number): Promise<{ update(n: number): void; stop(): void }> {
  const { SingleBar } = (await import("cli-progress")).default;
  const bar = new SingleBar({
    format: "importing {bar} {value}/{total} (read, validate, store)",
    stream: ctx.io.stderr as NodeJS.WritableStream,
    fps: 1000,
    forceRedraw: true,
  });
  bar.start(total, 0);
  return bar;
}
