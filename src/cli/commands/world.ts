import type { Command } from "commander";
import { adversaryComparison, gdpComparison } from "../../core/comparisons.ts";
import { type CommandContext, withExamples, withFormat } from "../context.ts";
import { resolveVintageOfSeries, resolveYear } from "../resolve.ts";
import { sourcesOf } from "./totals.ts";

export function registerWorld(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("world")
    .description("NATO beside Russia, China and Ukraine (SIPRI military expenditure) and NATO's economy against Russia's (IMF GDP)")
    .option("-y, --year <year>", "calendar year (default: SIPRI's latest year)")
    .option("--sipri <vintage>", "SIPRI vintage")
    .option("--imf <vintage>", "IMF WEO vintage");
  withFormat(cmd);
  withExamples(cmd, ["pledge world", "pledge world --year 2014", "pledge world --format json"]);
  cmd.action((opts: { year?: string; sipri?: string; imf?: string; format?: string }) => {
    const ds = ctx.dataset();
    const sipri = resolveVintageOfSeries(ds, opts.sipri, "sipri");
    const imf = resolveVintageOfSeries(ds, opts.imf, "imf");
    const year = resolveYear(ds, sipri, opts.year);
    const milex = adversaryComparison(ds, year, sipri.id);
    const gdp = gdpComparison(ds, year, imf.id);
    const rows = [
      {
        country: "NATO allies (sum)",
        milex_usd_current_m: milex.natoSipriUsdCurrentM,
        estimate: null,
        share_gdp_pct: null,
        nato_multiple: 1,
      },
      ...milex.comparators.map((c) => ({
        country: c.name,
        milex_usd_current_m: c.milexUsdCurrentM?.value ?? null,
        estimate: c.milexUsdCurrentM?.estimate ?? null,
        share_gdp_pct: c.milexSharePct?.value ?? null,
        nato_multiple: c.natoMultiple,
      })),
      { country: "World", milex_usd_current_m: milex.worldUsdCurrentM, estimate: null, share_gdp_pct: null, nato_multiple: null },
    ];
    ctx.emit(
      {
        tables: [
          {
            name: "military_expenditure",
            title: `Military expenditure in ${year}, SIPRI (current US$, market exchange rates)`,
            columns: [
              { key: "country", header: "Country" },
              { key: "milex_usd_current_m", header: "$m current", align: "right", decimals: 0, estimateKey: "estimate" },
              { key: "estimate", header: "", machineOnly: true },
              { key: "share_gdp_pct", header: "% GDP", align: "right", decimals: 2 },
              { key: "nato_multiple", header: "NATO ×", align: "right", decimals: 1 },
            ],
            rows,
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
          "SIPRI's definition differs from NATO's: SIPRI levels are not comparable with NATO's tables. e = SIPRI estimate, ? = highly uncertain.",
          "Market exchange rates throughout; comparisons at purchasing-power parity differ by a factor of about three and are not shown here.",
          ...(milex.alliesMissing.length ? [`No SIPRI figure for ${year}: ${milex.alliesMissing.join(", ")} (left out of the sum).`] : []),
        ],
        sources: sourcesOf(ds, [sipri.sourceId, imf.sourceId]),
        json: { milex, gdp },
      },
      opts.format,
    );
  });
}
