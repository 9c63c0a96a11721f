/**
 * `pledge serve` as a real child process (node --import tsx src/cli/bin.ts serve --port 0 …, or the built
 * bundle, or an installed package's command), for the crash, shutdown and artefact tests: resolves once
 * the server printed its URL.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

const root = join(import.meta.dirname, "../..");

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code and signal once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** How to start `pledge`: the sources through tsx (default), the built bundle, or an installed package's command. */
export interface PledgeCommand {
  /** Program and arguments before `serve`, e.g. ["npx", "--no", "pledge"]. */
  argv: string[];
  cwd: string;
  /**
   * Start it in its own process group, to be stopped with `process.kill(-child.pid, signal)`: `npx`
   * does not pass a signal on to the command it started.
   */
  group?: boolean;
}

export const FROM_SOURCES: PledgeCommand = { argv: [process.execPath, "--import", "tsx", "src/cli/bin.ts"], cwd: root };
export const FROM_DIST: PledgeCommand = { argv: [process.execPath, "dist/pledge.js"], cwd: root };

/** Starts with an empty plan registry (`--no-seed-plans`), as the tests written before seeding expect. */
export function spawnServer(args: string[], timeoutMs = 30_000, command: PledgeCommand = FROM_SOURCES): Promise<ServerProcess> {
  const [program, ...before] = command.argv as [string, ...string[]];
  const child = spawn(program, [...before, "serve", "--port", "0", "--no-seed-plans", ...args], {
    cwd: command.cwd,
    detached: command.group ?? false,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  let out = "";
  let err = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      if (command.group && child.pid) process.kill(-child.pid, "SIGKILL");
      else child.kill("SIGKILL");
      reject(new Error(`pledge serve did not print its URL within ${timeoutMs} ms: ${out}\n${err}`));
    }, timeoutMs);
    child.stderr?.on("data", (c: Buffer) => {
      err += c.toString();
    });
    child.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /serving the dashboard at (http:\/\/\S+?)\/ /.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: m[1], stdout: () => out, stderr: () => err, exited });
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`pledge serve ended (${signal ?? code}) before printing its URL: ${out}\n${err}`));
    });
  });
}
