import type { Command } from "commander";
import { checkSentence } from "../../core/claims/check-claims.ts";
import { UsageError } from "../cli-io.ts";
import { type CommandContext, withExamples } from "../context.ts";
import { resolveFormat } from "../resolve.ts";
import { sourcesOf } from "./totals.ts";

const VERDICT_WORDS = { consistent: "consistent", close: "close", inconsistent: "INCONSISTENT", not_checkable: "not checkable" } as const;

export function registerCheck(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("check <sentence>")
    .description("check the figures in a sentence against every release: per vintage, the value, its source and a verdict")
    .option("-p, --published <date>", "publication date of the sentence (YYYY-MM-DD): resolves 'this year' and 'last year'")
    .option("-y, --year <year>", "the year to check when the sentence states none")
    .option("-v, --vintage <vintage>", "check against this vintage only (default: every vintage of the series)")
    .option("-f, --format <format>", "output format: table, csv or json", "table");
  withExamples(cmd, [
    'pledge check "Poland will spend the equivalent of 4.12% of its GDP on defence this year" --published 2024-06-20',
    'pledge check "23 of the 32 allies meet the 2% guideline in 2024" --format json',
    'pledge check "European allies and Canada spent about half a trillion dollars" --year 2024',
  ]);
  cmd.action(async (sentence: string, opts: { published?: string; year?: string; vintage?: string; format?: string }) => {
    // The schema (zod) is loaded only when the command runs: the CLI's start-up stays free of it.
    const { ClaimCheckRequestSchema } = await import("../../model/claim-check.ts");
    if (opts.year !== undefined && !/^\d{4}$/.test(opts.year)) throw new UsageError(`--year: "${opts.year}" is not a four-digit year`);
    const parsed = ClaimCheckRequestSchema.safeParse({
      sentence,
      published: opts.published,
      year: opts.year === undefined ? undefined : Number(opts.year),
      vintage: opts.vintage,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UsageError(`${issue?.path.join(".") || "sentence"}: ${issue?.message ?? "invalid"}`);
    }
    const ds = ctx.dataset();
    const result = checkSentence(ds, parsed.data);
    const format = resolveFormat(opts.format);
    if (format === "json") {
      ctx.io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return;
    }
    const rows = result.claims.flatMap((c, i) =>
      c.results.map((r) => ({
        claim: i + 1,
        reading: c.reading,
        year: c.year,
        vintage: `${r.vintage}${r.currentAtPublication ? "*" : ""}`,
        data: r.shown ?? "—",
        verdict: VERDICT_WORDS[r.verdict],
        why: r.why,
      })),
    );
    const notes = [
      ...result.claims.flatMap((c, i) =>
        c.results
          .filter((r) => r.verdict !== "not_checkable" && r.caveats.length)
          .map((r) => `Claim ${i + 1}, ${r.vintage}: ${r.caveats.join(" ")}`),
      ),
      ...result.unparsed.map((u) => `Not checked: "${u.text}": ${u.reason}.`),
    ];
    if (result.published) notes.unshift("* the release current when the sentence was published.");
    if (result.claims.length === 0) notes.unshift("No checkable claim found in the sentence (see docs/claims.md for the patterns).");
    ctx.emit(
      {
        tables: [
          {
            name: "claims",
            title: `Claims in: "${result.sentence}"`,
            columns: [
              { key: "claim", header: "#", align: "right", decimals: 0 },
              { key: "reading", header: "Claim as read" },
              { key: "year", header: "", machineOnly: true, year: true },
              { key: "vintage", header: "Vintage" },
              { key: "data", header: "Data" },
              { key: "verdict", header: "Verdict" },
              { key: "why", header: "Why" },
            ],
            rows,
          },
        ],
        notes,
        sources: sourcesOf(
          ds,
          result.claims.flatMap((c) => c.results.map((r) => r.sourceId)),
        ),
      },
      format,
    );
  });
}
