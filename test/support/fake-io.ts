import type { CliIo } from "../../src/cli/cli-io.ts";
import { main } from "../../src/cli/main.ts";
import { loadDataset } from "../../src/data/load-dataset.ts";
import type { Dataset } from "../../src/model/dataset.ts";

let shared: Dataset | undefined;

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
