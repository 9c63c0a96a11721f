import type { Command } from "commander";
import type { Dataset } from "../../model/dataset.ts";
import { findIndicator, INDICATORS, unitFor } from "../../model/indicator.ts";
import type { Vintage } from "../../model/vintage.ts";
import { UsageError } from "../cli-io.ts";
import { type CommandContext, withExamples, withFormat } from "../context.ts";
import type { Cell, Column, Report, ReportTable } from "../report.ts";
import { resolveAlly } from "../resolve.ts";
import { sourcesOf } from "./totals.ts";

export function resolveAnyVintage(ds: Dataset, id: string | undefined): Vintage {
  if (id === undefined) return ds.latestNatoVintage();
  const v = ds.vintage(id);
  if (!v) throw new UsageError(`unknown vintage "${id}". Vintages: ${ds.vintages.map((x) => x.id).join(", ")}.`);
  return v;
}

export function yearRange(ds: Dataset, vintage: Vintage, from: string | undefined, to: string | undefined, defaultFrom: number): number[] {
  const years = ds.years(vintage.id);
  const parse = (s: string | undefined, name: string, fallback: number) => {
    if (s === undefined) return fallback;
    if (!/^\d{4}$/.test(s)) throw new UsageError(`--${name} must be a four-digit year, got "${s}"`);
    return Number(s);
  };
  const lo = parse(from, "from", Math.max(defaultFrom, years[0] ?? defaultFrom));
  const hi = parse(to, "to", years.at(-1) ?? lo);
  if (lo > hi) throw new UsageError(`--from ${lo} is after --to ${hi}`);
  const out = years.filter((y) => y >= lo && y <= hi);
  if (!out.length)
    throw new UsageError(`vintage ${vintage.id} has no years between ${lo} and ${hi} (it covers ${years[0]}–${years.at(-1)})`);
  return out;
}

/** A value column per year, each followed by its estimate flag (in CSV and JSON; the table marks it with e or ?). */
export const yearColumns = (years: number[], decimals: number | undefined): Column[] =>
  years.flatMap((y): Column[] => [
    {
      key: String(y),
      header: String(y),
      align: "right",
      decimals,
      decimalsKey: decimals === undefined ? "_decimals" : undefined,
      estimateKey: `${y}_estimate`,
    },
    { key: `${y}_estimate`, header: "", machineOnly: true },
  ]);

export function registerAlly(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("ally <ally>")
    .description(
      "one ally's history: every indicator of a vintage by year, estimates marked, and how each NATO release revised its share of GDP",
    )
    .option("-v, --vintage <vintage>", "vintage id: NATO (2024-06, 2026-07), sipri-2025-04 or weo-2026-04 (default: newest NATO)")
    .option("--from <year>", "first year (default 2014)")
    .option("--to <year>", "last year (default: the vintage's last year)");
  withFormat(cmd);
  withExamples(cmd, [
    "pledge ally Poland",
    "pledge ally de --vintage 2024-06",
    "pledge ally USA --vintage sipri-2025-04 --from 2000",
    "pledge ally pl --format csv",
  ]);
  cmd.action((query: string, opts: { vintage?: string; from?: string; to?: string; format?: string }) => {
    const ds = ctx.dataset();
    const ally = resolveAlly(ds, query);
    const vintage = resolveAnyVintage(ds, opts.vintage);
    const years = yearRange(ds, vintage, opts.from, opts.to, 2014);
    const history: Record<string, Cell>[] = [];
    for (const ind of INDICATORS) {
      if (ind.series !== vintage.series) continue;
      const series = ds.series(vintage.id, ally.iso3, ind.id);
      if (!series.length) continue;
      const row: Record<string, Cell> = {
        indicator: ind.id,
        name: ind.name,
        unit: unitFor(ind, vintage.priceBaseYear),
        _decimals: ind.decimals,
      };
      for (const y of years) {
        const o = series.find((x) => x.year === y);
        row[String(y)] = o ? o.value : null;
        row[`${y}_estimate`] = o?.estimate ?? null;
      }
      history.push(row);
    }
    const tables: ReportTable[] = [
      {
        name: "history",
        title: `${ally.name} (${ally.iso3}), ${vintage.label}`,
        columns: [
          { key: "indicator", header: "Indicator", machineOnly: true },
          { key: "name", header: "Indicator" },
          { key: "unit", header: "", machineOnly: true },
          ...yearColumns(years, undefined),
        ],
        rows: history,
      },
    ];
    const share = findIndicator("defexp_share_gdp_pct");
    const natoYears = [...new Set(ds.natoVintages().flatMap((v) => ds.series(v.id, ally.iso3, "defexp_share_gdp_pct").map((o) => o.year)))]
      .sort()
      .filter((y) => y >= 2014);
    const revisionRows = ds.natoVintages().flatMap((v) => {
      const s = ds.series(v.id, ally.iso3, "defexp_share_gdp_pct");
      if (!s.length) return [];
      const row: Record<string, Cell> = { vintage: v.id, label: v.label };
      for (const y of natoYears) {
        const o = s.find((x) => x.year === y);
        row[String(y)] = o?.value ?? null;
        row[`${y}_estimate`] = o?.estimate ?? null;
      }
      return [row];
    });
    if (ally.hasArmedForces && revisionRows.length)
      tables.push({
        name: "share_by_vintage",
        title: `${share?.name ?? "Share of GDP"} as each NATO release published it`,
        columns: [{ key: "vintage", header: "Vintage" }, ...yearColumns(natoYears, 2)],
        rows: revisionRows,
      });
    const notes = [
      "e = estimate, ? = highly uncertain (SIPRI); – = not published. Values as the source gives them; the table rounds for display.",
    ];
    if (!ally.hasArmedForces) notes.push(`${ally.name}: ${ally.note}`);
    // The shipped SIPRI vintage is an extract (SIPRI's terms): a dash there may be a figure SIPRI publishes.
    if (vintage.series === "sipri" && vintage.file.startsWith("sipri/"))
      notes.push(
        "SIPRI: Pledge ships an extract (under 10 % of SIPRI's data set): US dollars from 1990, other series but the share of GDP from 2014. Load SIPRI's workbook with pledge data import for the full series.",
      );
    if (ally.note && ally.hasArmedForces) notes.push(`${ally.name}: ${ally.note}`);
    const report: Report = {
      tables,
      notes,
      sources: sourcesOf(ds, [vintage.sourceId, ...ds.natoVintages().map((v) => v.sourceId)]),
      json: { ally },
    };
    ctx.emit(report, opts.format);
  });
}
