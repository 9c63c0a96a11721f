import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { CliIo } from "../../src/cli/cli-io.ts";
import { main as mainFromSources } from "../../src/cli/main.ts";
import { loadDataset } from "../../src/data/load-dataset.ts";
import type { Dataset } from "../../src/model/dataset.ts";

let shared: Dataset | undefined;

/**
 * Which CLI the tests run: the TypeScript sources (default), or with PLEDGE_TEST_TARGET=dist the built
 * bundle as `npm start` builds it (dist/cli-main.js shares its chunks, worker and data lookup with
 * dist/pledge.js). vitest.config.ts runs the CLI's test files once for each.
 */
export const CLI_TARGET = process.env.PLEDGE_TEST_TARGET === "dist" ? "dist" : "sources";

let distMain: typeof mainFromSources | undefined;
async function cliMain(): Promise<typeof mainFromSources> {
  if (CLI_TARGET === "sources") return mainFromSources;
  if (!distMain) {
    const { requireBuild, ROOT } = await import("./built.ts");
    requireBuild();
    distMain = ((await import(pathToFileURL(join(ROOT, "dist/cli-main.js")).href)) as { main: typeof mainFromSources }).main;
    // The dataset as the built library loads it (dist/lib), parsed once for all the tests.
    const lib = (await import(pathToFileURL(join(ROOT, "dist/lib/library/data.js")).href)) as { loadDataset: typeof loadDataset };
    shared = lib.loadDataset();
  }
  return distMain;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `pledge <argv>` in-process with captured output; `tty` makes stdout look like a terminal. */
export async function runCli(
  argv: string[],
  opts: {
    tty?: boolean;
    env?: Record<string, string>;
    stdin?: string;
    /** For `serve`: called once the command waits for a signal; resolve it to stop the server. */
    untilSignal?: () => Promise<string>;
    /** Sees stdout as it is written (long-running commands). */
    onStdout?: (text: string) => void;
  } = {},
): Promise<CliRun> {
  const main = await cliMain();
  shared ??= loadDataset();
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: {
      write: (s: string) => {
        stdout += s;
        opts.onStdout?.(stdout);
        return true;
      },
      isTTY: opts.tty ?? false,
      columns: 200,
    },
    stderr: { write: (s: string) => (stderr += s), isTTY: opts.tty ?? false },
    env: opts.env ?? {},
    ...(opts.stdin === undefined ? {} : { readStdin: async () => opts.stdin as string }),
    ...(opts.untilSignal ? { untilSignal: opts.untilSignal } : {}),
  };
  const code = await main(argv, io, { dataset: shared });
  return { code, stdout, stderr };
}
