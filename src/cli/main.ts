import { Command, CommanderError } from "commander";
import pkg from "../../package.json" with { type: "json" };
import { ParameterError } from "../core/parameter-error.ts";
import { DataError } from "../data/data-error.ts";
import { datasetBuildHash, loadDataset } from "../data/load-dataset.ts";
import type { Dataset } from "../model/dataset.ts";
import { type CliIo, UsageError } from "./cli-io.ts";
import { COMMANDS } from "./commands/index.ts";
import type { CommandContext } from "./context.ts";
import { optionFor } from "./pathway-flags.ts";
import { renderReport } from "./render.ts";
import { resolveFormat } from "./resolve.ts";

export interface MainOptions {
  /** A dataset to use instead of loading data/ (tests). */
  dataset?: Dataset;
}

/** Builds the `pledge` program. Exposed so that docs/cli.md can be generated from the same help text. */
export function buildProgram(io: CliIo, opts: MainOptions = {}): Command {
  let cached = opts.dataset;
  const colour = Boolean(io.stdout.isTTY) && !io.env.NO_COLOR && io.env.TERM !== "dumb";
  const ctx: CommandContext = {
    io,
    colour,
    dataset: () => {
      cached ??= loadDataset();
      return cached;
    },
    emit: (report, format) => io.stdout.write(renderReport(report, resolveFormat(format), colour)),
  };
  const program = new Command("pledge")
    .description("NATO allies' defence spending against the alliance's guidelines (2%, 20% equipment, The Hague 3.5% + 1.5% by 2035).")
    .version(pkg.version, "-V, --version", "print the code version and the dataset's build hash")
    .showSuggestionAfterError(true)
    // A fixed width off a terminal keeps --help (and docs/cli.md, generated from it) identical everywhere.
    .configureHelp({ helpWidth: io.stdout.isTTY ? (io.stdout.columns ?? 80) : 80 })
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride();
  // Vintages imported with `pledge data import` live in the store: every command sees them. Read only
  // when a store exists (or DATABASE_URL names one), so other start-ups never load a database driver.
  if (!opts.dataset)
    program.hook("preAction", async () => {
      if (cached) return;
      const { datasetWithImports } = await import("./imported-dataset.ts");
      cached = await datasetWithImports(loadDataset(), io.env);
    });
  for (const register of COMMANDS) register(program, ctx);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/** Runs the CLI and returns its exit code: 0 success, 1 bad data or failure, 2 usage error. */
export async function main(argv: string[], io: CliIo, opts: MainOptions = {}): Promise<number> {
  // Both versions a figure depends on: the code's (package.json) and the data's (the bundle's build hash).
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) {
    io.stdout.write(`pledge ${pkg.version}\ndataset ${datasetBuildHash()} (SHA-256 of the data/ files the bundle was built from)\n`);
    return 0;
  }
  const program = buildProgram(io, opts);
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof ParameterError) {
      io.stderr.write(`pledge: ${optionFor(e.field)}: ${e.reason}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      io.stderr.write(`pledge: ${e.message}\n`);
      return 2;
    }
    // Checked by name: importing the store here would put its database drivers on every command's start-up.
    if (e instanceof Error && e.name === "StoreError") {
      const code = (e as Error & { code?: string }).code;
      io.stderr.write(`pledge: ${e.message}\n`);
      return code === "invalid" || code === "not_found" || code === "conflict" ? 2 : 1;
    }
    if (e instanceof DataError) {
      io.stderr.write(`pledge: bad data: ${e.message}\n`);
      return 1;
    }
    io.stderr.write(`pledge: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
