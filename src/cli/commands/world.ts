import type { Command } from "commander";
import { resolveWorldYear, WORLD_SPEC, worldComparison, worldRows } from "../../core/comparisons.ts";
import { type CommandContext, withExamples, withFormat } from "../context.ts";
import { specColumns } from "../report.ts";
import { asUsage, resolveVintageOfSeries } from "../resolve.ts";
import { sourcesOf } from "./totals.ts";

export function registerWorld(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("world")
    .description("NATO beside Russia, China and Ukraine (SIPRI military expenditure) and NATO's economy against Russia's (IMF GDP)")
    .option("-y, --year <year>", "calendar year (default: SIPRI's latest year; later years use NATO's own total, flagged)")
    .option("--sipri <vintage>", "SIPRI vintage")
    .option("--imf <vintage>", "IMF WEO vintage");
  withFormat(cmd);
  withExamples(cmd, ["pledge world", "pledge world --year 2014", "pledge world --format json"]);
  cmd.action((opts: { year?: string; sipri?: string; imf?: string; format?: string }) => {
    const ds = ctx.dataset();
    const sipri = resolveVintageOfSeries(ds, opts.sipri, "sipri");
    const imf = resolveVintageOfSeries(ds, opts.imf, "imf");
    const nato = ds.latestNatoVintage();
    const year = asUsage(() => resolveWorldYear(ds, sipri, nato, opts.year));
    const w = worldComparison(ds, year, sipri.id, imf.id, nato.id);
    const gdp = w.gdp;
    ctx.emit(
      {
        tables: [
          {
            name: WORLD_SPEC.name,
            title: `Military expenditure in ${year} (current US$, market exchange rates)`,
            columns: specColumns(WORLD_SPEC),
            rows: worldRows(w),
          },
          {
            name: "gdp",
            title: `GDP in ${year}, IMF WEO (current US$, market exchange rates)`,
            columns: [
              { key: "measure", header: "Measure" },
              { key: "value", header: "Value", align: "right", decimals: 1 },
            ],
            rows: [
              { measure: "NATO allies' combined GDP, $bn", value: gdp.natoGdpUsdCurrentBn },
              { measure: "Russia's GDP, $bn", value: gdp.russiaGdpUsdCurrentBn?.value ?? null },
              { measure: "NATO ÷ Russia", value: gdp.natoToRussia },
            ],
          },
        ],
        notes: [
          ...w.notes,
          "SIPRI's definition differs from NATO's: SIPRI levels are not comparable with NATO's tables. e = estimate, ? = highly uncertain.",
          "Market exchange rates throughout; comparisons at purchasing-power parity differ by a factor of about three and are not shown here.",
          `Sums are over the allies that were members in ${year}.`,
          ...w.rows.filter((r) => r.note && r.milex_usd_current_m !== null).map((r) => `${r.country}: ${r.note}.`),
          ...(gdp.alliesMissing.length ? [`No IMF GDP for ${year}: ${gdp.alliesMissing.join(", ")} (left out of the sum).`] : []),
        ],
        sources: sourcesOf(ds, [sipri.sourceId, imf.sourceId, ...(w.milex ? [] : [nato.sourceId])]),
        json: { year, gdp, milex: w.milex },
      },
      opts.format,
    );
  });
}
