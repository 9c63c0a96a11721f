import type { Command } from "commander";
import type { Dataset } from "../model/dataset.ts";
import type { CliIo } from "./cli-io.ts";
import type { Report } from "./report.ts";

export interface CommandContext {
  io: CliIo;
  /** The dataset, loaded on first use (so `--help` stays instant). */
  dataset(): Dataset;
  /** Prints a report in the format the user chose (table, csv or json). */
  emit(report: Report, format: string | undefined): void;
  /** True when stdout is a terminal and NO_COLOR is unset. */
  colour: boolean;
}

/** Each command file exports one of these; src/cli/commands/index.ts lists them. */
export type RegisterCommand = (program: Command, ctx: CommandContext) => void;

/** Adds the option every command takes. */
export function withFormat(cmd: Command): Command {
  return cmd.option("-f, --format <format>", "output format: table, csv or json", "table");
}

/** Appends examples to a command's --help. */
export function withExamples(cmd: Command, examples: string[]): Command {
  return cmd.addHelpText("after", `\nExamples:\n${examples.map((e) => `  $ ${e}`).join("\n")}\n`);
}
